import { AdminHome } from '../../features/admin/components/admin-layout'

/** `/admin` (index): the sections the signed-in role may use. */
export function Component() {
  return <AdminHome />
}
