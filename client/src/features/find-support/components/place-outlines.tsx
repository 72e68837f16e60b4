import { useQueries } from '@tanstack/react-query'
import type L from 'leaflet'
import { useEffect } from 'react'
import { GeoJSON, useMap } from 'react-leaflet'
import { addMapLabel } from '../../../components/map/area-labels'
import { api } from '../../../lib/api-client'
import type { AreaDetail } from '../../geography/api/geo-types'
import { useAreaName } from '../../geography/hooks/use-area-name'
import type { ResolvedPlace } from '../api/directory-types'

/** The area types outlined around the searched place, widest first (drawn under the narrower). */
export const outlinedTypes = ['lad', 'ward'] as const
export type OutlinedType = (typeof outlinedTypes)[number]

export interface PlaceOutline {
  type: OutlinedType
  area: AreaDetail & { feature: NonNullable<AreaDetail['feature']> }
}

export const outlineStyles: Record<OutlinedType, L.PathOptions> = {
  lad: { color: '#0b0c0c', weight: 3, fill: false, interactive: false, className: 'place-outline-district' },
  ward: {
    color: '#0b0c0c',
    weight: 2.5,
    dashArray: '1 6',
    lineCap: 'round',
    fill: false,
    interactive: false,
    className: 'place-outline-ward',
  },
}

/**
 * The searched place's district and, where wards are loaded, its ward: each area's boundary at
 * display precision (GET /api/geo/areas/{code}?geometry=display), cached like the map's boundaries.
 * `settled` once every asked-for outline has answered or failed (the map waits for it to fit).
 */
export function usePlaceOutlines(place: ResolvedPlace | undefined): {
  outlines: PlaceOutline[]
  settled: boolean
} {
  const wanted = outlinedTypes.flatMap((type) => {
    const area = place?.areas.find((a) => a.type === type)
    return area ? [{ type, code: area.code }] : []
  })
  const results = useQueries({
    queries: wanted.map(({ code }) => ({
      queryKey: ['geo', 'area', code, 'display'],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<AreaDetail>(`/geo/areas/${encodeURIComponent(code)}`, {
          query: { geometry: 'display' },
          signal,
        }),
      // Boundaries only change on re-import.
      staleTime: 60 * 60_000,
    })),
  })
  const outlines = wanted.flatMap(({ type }, i) => {
    const area = results[i]?.data
    return area?.feature ? [{ type, area: { ...area, feature: area.feature } }] : []
  })
  return { outlines, settled: results.every((r) => !r.isPending) }
}

/** The outlines drawn (no fill: the offices and service areas stay readable) and named on the map. */
export function PlaceOutlines({ outlines }: { outlines: PlaceOutline[] }) {
  return (
    <>
      {outlines.map(({ type, area }) => (
        <GeoJSON key={area.code} data={area.feature} style={outlineStyles[type]} />
      ))}
      {outlines.map(({ type, area }) => (
        <OutlineLabel key={area.code} area={area} type={type} />
      ))}
    </>
  )
}

function OutlineLabel({ area, type }: { area: AreaDetail; type: OutlinedType }) {
  const map = useMap()
  const areaName = useAreaName()
  const name = areaName(area)
  useEffect(() => {
    const label = addMapLabel(map, area.labelPoint, name, `area-label place-label-${type}`)
    return () => {
      label.remove()
    }
  }, [map, area.labelPoint, name, type])
  return null
}
