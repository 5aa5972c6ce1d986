import { z } from 'zod';

export const ROLES = ['admin', 'manager', 'reviewer', 'rep'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Advocacy manager',
  reviewer: 'Reviewer',
  rep: 'Sales rep',
};

/** What each role may do. Admin may do everything; the HTTP layer enforces these, never the UI alone. */
export const PERMISSIONS = {
  'users:manage': ['admin'],
  'interviews:create': ['admin', 'manager'],
  'drafts:read': ['admin', 'manager', 'reviewer'],
  'drafts:decide': ['admin', 'reviewer'],
  'drafts:retry': ['admin', 'manager', 'reviewer'],
  'advocates:read': ['admin', 'manager', 'reviewer', 'rep'],
  /** See advocates whose consent is not granted (marked as such); reps never do (server/domain/consent.ts). */
  'advocates:read-unconsented': ['admin', 'manager', 'reviewer'],
  'match:run': ['admin', 'manager', 'reviewer', 'rep'],
  'tokens:create': ['admin', 'manager', 'reviewer', 'rep'],
  /** Ask for an advocate for a prospect (server/domain/request.ts). */
  'requests:create': ['admin', 'rep'],
  /** See requests: managers and admins all, others their own and those of advocates whose account they own. */
  'requests:read': ['admin', 'manager', 'rep'],
  /** Approve/decline as the advocacy manager; schedule and complete any request. */
  'requests:decide': ['admin', 'manager'],
  /** Per-advocate program settings: engagement cap, account owner, private contact details. */
  'advocates:manage': ['admin', 'manager'],
  /** Record an advocate's consent after approval, or withdraw it. */
  'consent:manage': ['admin', 'manager'],
  'evals:read': ['admin', 'manager', 'reviewer'],
  /** Nominate a customer as an advocate, and follow one's own nominations (every customer-facing team). */
  'nominations:create': ['admin', 'manager', 'reviewer', 'rep'],
  /**
   * The program around the advocates (/program): triage nominations, mark profiles verified with the
   * customer, set targets, see coverage, demand and the value report.
   */
  'program:manage': ['admin', 'manager'],
  /**
   * Erase an advocate and everything about the person (server/domain/erasure.ts): admins only. It cannot be
   * undone, it removes the evidence behind approvals, and it answers a legal request; withdrawing consent
   * (managers) already hides the person at once while the admin handles it.
   */
  'advocates:erase': ['admin'],
  /** Erase a draft that was never approved, with its notes (pasted by mistake, or of someone who declined). */
  'drafts:erase': ['admin', 'manager'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address' }));

/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const Password = z
  .string()
  .min(10, { message: 'Password must be at least 10 characters' })
  .max(200, { message: 'Password must be at most 200 characters' });

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;
