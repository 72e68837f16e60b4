import { MapPage } from '../../features/geography/components/map-page'

/** `/map`: the map of areas (lazy-loaded, so Leaflet stays out of other pages' first load). */
export function Component() {
  return <MapPage />
}
