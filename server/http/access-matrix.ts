import type { Role } from '../domain/user.js';

/**
 * Who may call each route, written out as data: the specification that test/integration/access-matrix.test.ts
 * checks the running server against, route by route and role by role (and that every registered route is
 * listed here). Enforcement itself is one mechanism: PERMISSIONS (server/domain/user.ts) applied by
 * requirePermission before a body is even parsed. Row-level rules (a rep sees only their own requests) are
 * the services' and are tested with them.
 */
export type Caller = Role | 'anonymous';
export const CALLERS: readonly Caller[] = ['anonymous', 'rep', 'reviewer', 'manager', 'admin'];

const ALL: Role[] = ['admin', 'manager', 'reviewer', 'rep'];
type Access = 'public' | readonly Role[];

export const ACCESS_MATRIX: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/setup': 'public',
  'POST /api/setup': 'public',
  'POST /api/session': 'public',
  'DELETE /api/session': 'public',
  'GET /api/me': ALL,
  'POST /api/me/password': ALL,
  'POST /api/tokens': ALL,
  'GET /api/tokens': ALL,
  'DELETE /api/tokens/:id': ALL,
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'POST /api/users/:id/password': ['admin'],
  'POST /api/interviews': ['admin', 'manager'],
  'GET /api/drafts': ['admin', 'manager', 'reviewer'],
  'GET /api/drafts/:id': ['admin', 'manager', 'reviewer'],
  'POST /api/drafts/:id/approve': ['admin', 'reviewer'],
  'POST /api/drafts/:id/reject': ['admin', 'reviewer'],
  'POST /api/drafts/:id/retry': ['admin', 'manager', 'reviewer'],
  'POST /api/drafts/:id/erase': ['admin', 'manager'],
  'GET /api/advocates': ALL,
  'GET /api/advocates/:id': ALL,
  'POST /api/advocates/:id/program': ['admin', 'manager'],
  'POST /api/advocates/:id/consent': ['admin', 'manager'],
  'GET /api/advocates/:id/erasure': ['admin'],
  'POST /api/advocates/:id/erase': ['admin'],
  'POST /api/match': ALL,
  'GET /api/evals/runs': ['admin', 'manager', 'reviewer'],
  'GET /api/evals/runs/:id': ['admin', 'manager', 'reviewer'],
  'POST /api/requests': ['admin', 'rep'],
  'GET /api/requests': ['admin', 'manager', 'rep'],
  'GET /api/requests/:id': ['admin', 'manager', 'rep'],
  'POST /api/requests/:id/approve': ['admin', 'manager', 'rep'],
  'POST /api/requests/:id/decline': ['admin', 'manager', 'rep'],
  'POST /api/requests/:id/schedule': ['admin', 'manager', 'rep'],
  'POST /api/requests/:id/complete': ['admin', 'manager', 'rep'],
  'POST /api/nominations': ALL,
  'GET /api/nominations': ALL,
  'GET /api/nominations/:id': ALL,
  'POST /api/nominations/:id/accept': ['admin', 'manager'],
  'POST /api/nominations/:id/decline': ['admin', 'manager'],
  'POST /api/nominations/:id/duplicate': ['admin', 'manager'],
  'POST /api/advocates/:id/verify': ['admin', 'manager'],
  'GET /api/program/stale': ['admin', 'manager'],
  'GET /api/program/coverage': ['admin', 'manager'],
  'POST /api/program/targets': ['admin', 'manager'],
  'POST /api/program/targets/:id': ['admin', 'manager'],
  'DELETE /api/program/targets/:id': ['admin', 'manager'],
  'GET /api/program/report': ['admin', 'manager'],
  'GET /api/program/report.csv': ['admin', 'manager'],
  'GET /ws': ALL,
};

export function mayCall(access: Access, caller: Caller): boolean {
  return access === 'public' || (caller !== 'anonymous' && access.includes(caller));
}
