import { CoveragePage } from '../../features/coverage/components/coverage-page'

/** `/coverage`: coverage and gaps by area, with area profiles (lazy-loaded with Leaflet). */
export function Component() {
  return <CoveragePage />
}
