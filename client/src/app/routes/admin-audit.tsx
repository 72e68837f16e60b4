import '../../features/admin-ops/admin-ops.css'
import { AuditPage } from '../../features/admin-ops/components/audit-page'

/** `/admin/audit`: the audit trail, filterable, each change expandable to its before/after (admins; editors per record). */
export function Component() {
  return <AuditPage />
}
