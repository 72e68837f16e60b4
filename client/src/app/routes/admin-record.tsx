import { useParams } from 'react-router'
import { RecordPage } from '../../features/admin/components/record-page'

/** `/admin/records/new` and `/admin/records/:id`: the edit form, coverage editor and history. */
export function Component() {
  const { id } = useParams()
  return <RecordPage key={id ?? 'new'} id={id} />
}
