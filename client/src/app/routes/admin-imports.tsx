import '../../features/admin-ops/admin-ops.css'
import { ImportsPage } from '../../features/admin-ops/components/imports-page'

/** `/admin/imports`: bulk import with a dry run first, a server-driven progress bar and the history (editors, admins). */
export function Component() {
  return <ImportsPage />
}
