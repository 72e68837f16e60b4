import { AdminLayout } from '../../features/admin/components/admin-layout'

/** `/admin`: sign-in, the role's admin sections, and the chosen section (child routes). */
export function Component() {
  return <AdminLayout />
}
