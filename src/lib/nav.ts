import { can, type Permission, type Role } from '$domain/user';

/** `unless`: not shown to roles that hold this permission (they reach the page from another entry). */
export type NavItem = { href: string; label: string; permission: Permission; unless?: Permission };

/** The journeys, in the order of the core loop. Each role sees the ones it may use. */
export const NAV: NavItem[] = [
  { href: '/interviews/new', label: 'New interview', permission: 'interviews:create' },
  { href: '/review', label: 'Review', permission: 'drafts:read' },
  { href: '/advocates', label: 'Advocates', permission: 'advocates:read' },
  { href: '/match', label: 'Match', permission: 'match:run' },
  { href: '/evals', label: 'Evals', permission: 'evals:read' },
  { href: '/requests', label: 'Requests', permission: 'requests:read' },
  { href: '/program', label: 'Program', permission: 'program:manage' },
  // Managers and admins nominate from /program (its triage section links to /nominate): one entry fewer for them.
  { href: '/nominate', label: 'Nominate', permission: 'nominations:create', unless: 'program:manage' },
  { href: '/admin/users', label: 'Users', permission: 'users:manage' },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => can(role, item.permission) && !(item.unless && can(role, item.unless)));
}

/** Where "/" sends each role: the start of the journey it is most likely here for. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'admin':
    case 'manager':
      return '/interviews/new';
    case 'reviewer':
      return '/review';
    case 'rep':
      return '/match';
  }
}

export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(href + '/');
}
