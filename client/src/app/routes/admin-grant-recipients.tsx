import '../../features/admin-ops/admin-ops.css'
import { GrantRecipientsPage } from '../../features/admin-ops/components/grant-recipients-page'

/** `/admin/grant-recipients`: grant recipients to match to records (editors, admins). */
export function Component() {
  return <GrantRecipientsPage />
}
