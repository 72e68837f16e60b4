import { type ComponentProps, lazy, Suspense } from 'react'
import type { VectorTileLayer as VectorTileLayerType } from './vector-tile-layer'

// The vector-tile renderer is fetched only by a page that draws vector tiles (server engine).
const VectorTileLayer = lazy(() =>
  import('./vector-tile-layer').then((m) => ({ default: m.VectorTileLayer })),
)

/** VectorTileLayer, loaded on first use: embedded-engine pages (viewport GeoJSON) never download it. */
export function LazyVectorTileLayer(props: ComponentProps<typeof VectorTileLayerType>) {
  return (
    <Suspense fallback={null}>
      <VectorTileLayer {...props} />
    </Suspense>
  )
}
