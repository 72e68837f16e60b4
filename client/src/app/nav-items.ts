import type { NavItem } from '../lib/navigation'

/** The header navigation, in order. Add an entry here when a route should appear in the menu. */
export const navItems: readonly NavItem[] = [
  { path: '/', labelKey: 'nav.findSupport' },
  { path: '/map', labelKey: 'nav.map' },
  { path: '/coverage', labelKey: 'nav.coverage' },
  { path: '/helpline', labelKey: 'nav.helpline' },
  { path: '/admin', labelKey: 'nav.admin' },
]
