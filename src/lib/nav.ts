import { can, type Permission, type Role } from '$domain/user';

export type NavItem = { href: string; label: string; permission: Permission };

/** The journeys, in the order of the core loop. Each role sees the ones it may use. */
export const NAV: NavItem[] = [
  { href: '/interviews/new', label: 'New interview', permission: 'interviews:create' },
  { href: '/review', label: 'Review', permission: 'drafts:read' },
  { href: '/advocates', label: 'Advocates', permission: 'advocates:read' },
  { href: '/match', label: 'Match', permission: 'match:run' },
  { href: '/evals', label: 'Evals', permission: 'evals:read' },
  { href: '/requests', label: 'Requests', permission: 'requests:read' },
  { href: '/admin/users', label: 'Users', permission: 'users:manage' },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => can(role, item.permission));
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
