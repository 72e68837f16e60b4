import { useEffect } from 'react'
import { CircleMarker, Tooltip, useMap } from 'react-leaflet'
import type { PostcodeResult } from '../api/geo-types'
import { motion } from './area-boundaries'

const postcodeZoom = 13

/** The looked-up postcode as a labelled circle; the map moves to it when it changes. */
export function PostcodeMarker({
  result,
}: {
  result: PostcodeResult & { location: { lat: number; lng: number } }
}) {
  const map = useMap()
  const { lat, lng } = result.location
  useEffect(() => {
    map.setView([lat, lng], Math.max(map.getZoom(), postcodeZoom), motion())
  }, [map, lat, lng])
  return (
    <CircleMarker
      center={[lat, lng]}
      radius={8}
      interactive={false}
      pathOptions={{ color: '#0b0c0c', weight: 3, fillColor: '#ffdd00', fillOpacity: 1 }}
    >
      <Tooltip permanent direction="right" offset={[10, 0]} className="postcode-label">
        {result.postcode}
      </Tooltip>
    </CircleMarker>
  )
}
