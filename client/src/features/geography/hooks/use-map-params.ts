import { useCallback } from 'react'
import { useSearchParams } from 'react-router'
import { isMapLayer, type MapLayer } from '../api/get-layer-areas'

export const defaultMapLayer: MapLayer = 'region'

/** Upper case, single spaces, trimmed: how a typed postcode is kept in the address bar and cache. */
export function normalisePostcode(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, ' ')
}

/** The map page state that belongs in the URL (so a view can be shared): the layer and the postcode. */
export function useMapParams() {
  const [params, setParams] = useSearchParams()
  const rawLayer = params.get('layer')
  const layer: MapLayer = isMapLayer(rawLayer) ? rawLayer : defaultMapLayer
  const postcode = normalisePostcode(params.get('postcode') ?? '') || undefined

  const setLayer = useCallback(
    (next: MapLayer) =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current)
          updated.set('layer', next)
          return updated
        },
        // At once, not as a transition: the chosen layer's radio must not spring back while the map redraws.
        { replace: true, preventScrollReset: true, flushSync: true },
      ),
    [setParams],
  )
  const setPostcode = useCallback(
    (next: string) =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current)
          updated.set('postcode', normalisePostcode(next))
          return updated
        },
        { preventScrollReset: true },
      ),
    [setParams],
  )
  return { layer, setLayer, postcode, setPostcode }
}
