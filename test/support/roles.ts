import type { FastifyInstance } from 'fastify';
import type { Role } from '../../server/domain/user.js';

export const PASSWORD = 'correct horse battery';
const ROLES: Role[] = ['admin', 'manager', 'reviewer', 'rep'];

/**
 * Creates the first admin and one user per other role through the API (in-process, `app.inject`) and
 * returns a bearer `authorization` header per role: tests that are not about CSRF call as scripts do.
 */
export async function roleHeaders(app: FastifyInstance): Promise<Record<Role, { authorization: string }>> {
  const json = (r: { statusCode: number; body: string }, what: string) => {
    if (r.statusCode >= 300) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
    return JSON.parse(r.body);
  };
  const setup = await app.inject({ method: 'POST', url: '/api/setup', payload: { email: 'admin@example.com', name: 'Admin', password: PASSWORD } });
  const me = json(setup, 'setup');
  const cookie = String(setup.headers['set-cookie']).split(';')[0];
  const adminToken = json(
    await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie, 'x-csrf-token': me.csrfToken }, payload: { name: 'tests' } }),
    'admin token',
  ).token;
  const headers = { admin: { authorization: `Bearer ${adminToken}` } } as Record<Role, { authorization: string }>;
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    json(
      await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: headers.admin,
        payload: { email: `${role}@example.com`, name: `${role[0].toUpperCase()}${role.slice(1)}`, role, password: PASSWORD },
      }),
      `create ${role}`,
    );
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { email: `${role}@example.com`, password: PASSWORD } });
    const session = json(login, `login ${role}`);
    const c = String(login.headers['set-cookie']).split(';')[0];
    const token = json(
      await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: c, 'x-csrf-token': session.csrfToken }, payload: { name: 'tests' } }),
      `${role} token`,
    ).token;
    headers[role] = { authorization: `Bearer ${token}` };
  }
  return headers;
}
