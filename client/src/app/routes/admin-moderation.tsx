import '../../features/admin-ops/admin-ops.css'
import { ModerationPage } from '../../features/admin-ops/components/moderation-page'

/** `/admin/moderation`: the moderation queue: suggestions and provider-role edits, approve or reject (editors, admins). */
export function Component() {
  return <ModerationPage />
}
