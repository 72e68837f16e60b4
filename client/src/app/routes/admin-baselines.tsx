import '../../features/admin-ops/admin-ops.css'
import { BaselinesPage } from '../../features/admin-ops/components/baselines-page'

/** `/admin/baselines`: the coverage minimum baselines, listed and edited (editors, admins). */
export function Component() {
  return <BaselinesPage />
}
