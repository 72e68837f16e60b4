import { useParams } from 'react-router'
import { ProviderPage } from '../../features/providers/components/provider-page'

/** `/providers/:slug`: one provider's full record. */
export function Component() {
  const { slug = '' } = useParams()
  // A new provider is a new page: no state carried over from the last one.
  return <ProviderPage key={slug} slug={slug} />
}
