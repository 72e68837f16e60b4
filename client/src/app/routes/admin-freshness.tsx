import '../../features/admin-ops/admin-ops.css'
import { FreshnessPage } from '../../features/admin-ops/components/freshness-page'

/** `/admin/freshness`: per-area freshness of the records and their review links (editors, admins). */
export function Component() {
  return <FreshnessPage />
}
