import { RecordsPage } from '../../features/admin/components/records-page'

/** `/admin/records`: the record list with filters and stale flags. */
export function Component() {
  return <RecordsPage />
}
