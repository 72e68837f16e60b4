import type { ParseKeys } from 'i18next'
import type { Role } from '../../../lib/session'

/** One section of the admin sub-navigation: shown only to the listed roles. */
export interface AdminNavItem {
  /** Path under /admin, e.g. "records". */
  path: string
  labelKey: ParseKeys
  roles: readonly Role[]
}

/** The admin sections in order; a new section appends its entry here. */
export const adminNavItems: AdminNavItem[] = [
  { path: 'records', labelKey: 'admin.sections.records', roles: ['admin', 'editor', 'provider'] },
  { path: 'moderation', labelKey: 'adminOps.nav.moderation', roles: ['admin', 'editor'] },
  { path: 'imports', labelKey: 'adminOps.nav.imports', roles: ['admin', 'editor'] },
  { path: 'users', labelKey: 'adminOps.nav.users', roles: ['admin'] },
  { path: 'audit', labelKey: 'adminOps.nav.audit', roles: ['admin', 'editor'] },
  { path: 'baselines', labelKey: 'adminOps.nav.baselines', roles: ['admin', 'editor'] },
  { path: 'grant-recipients', labelKey: 'funding.recipients.nav', roles: ['admin', 'editor'] },
  { path: 'freshness', labelKey: 'reviews.freshness.nav', roles: ['admin', 'editor'] },
  { path: 'candidates', labelKey: 'candidates.nav', roles: ['admin', 'editor'] },
]

/** Roles that may use any admin screen at all (helpline accounts may not). */
export const ADMIN_ROLES: readonly Role[] = ['admin', 'editor', 'provider']

/** Roles that apply changes directly (a provider's change is queued for moderation). */
export const EDITOR_ROLES: readonly Role[] = ['admin', 'editor']

export function navItemsFor(role: Role): AdminNavItem[] {
  return adminNavItems.filter((item) => item.roles.includes(role))
}
