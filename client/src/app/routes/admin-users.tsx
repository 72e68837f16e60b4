import '../../features/admin-ops/admin-ops.css'
import { UsersPage } from '../../features/admin-ops/components/users-page'

/** `/admin/users`: accounts, roles, disabling and provider-record links (admins). */
export function Component() {
  return <UsersPage />
}
