import { ResultsPage } from '../../features/find-support/components/results-page'

/** `/find?…`: search results, list and map (lazy-loaded with Leaflet). */
export function Component() {
  return <ResultsPage />
}
