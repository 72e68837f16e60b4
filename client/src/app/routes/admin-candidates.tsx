import '../../features/admin-ops/admin-ops.css'
import { CandidatesPage } from '../../features/candidates/components/candidates-page'

/** `/admin/candidates`: imported drafts to accept, merge or reject (editors, admins). */
export function Component() {
  return <CandidatesPage />
}
