import L from 'leaflet'
import 'leaflet.markercluster'
import 'leaflet.markercluster/dist/MarkerCluster.css'
import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useMap } from 'react-leaflet'
import { escapeHtml } from '../../../components/map/map-attribution'
import type { ProviderSummary } from '../api/directory-types'
import { reducedMotion } from '../lib/reduced-motion'

interface OfficeClustersProps {
  items: ProviderSummary[]
  selectedId: string | undefined
  onSelect(id: string | undefined): void
  /** Says in words what opening a cluster did, for the map's status line. */
  onAnnounce(message: string): void
}

/** Enter and Space act on a role="button" element, as they would on a native button. */
function isActivationKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' || event.key === ' ' || event.key === 'Spacebar'
}

type OfficeLook = 'plain' | 'selected' | 'spread'

function officeIcon(name: string, look: OfficeLook) {
  return L.divIcon({
    className: look === 'selected' ? 'office-marker is-selected' : 'office-marker',
    // Spread-out offices are buttons, so they get at least the 24 px target WCAG 2.2 asks for.
    iconSize: look === 'plain' ? [16, 16] : [24, 24],
    // The name is there for when the marker becomes a keyboard button (spread out at the deepest zoom).
    html: `<span class="visually-hidden">${escapeHtml(name)}</span>`,
  })
}

/** Each office marker's organisation name, for redrawing its icon. */
const officeNames = new WeakMap<L.Marker, string>()

/**
 * Office markers in a marker-cluster group (leaflet.markercluster), so offices crowding a city or
 * sharing a building become one numbered circle. A cluster is a keyboard button named by its count:
 * Enter or Space zooms into it, or spreads its offices out when they cannot be told apart at the
 * deepest zoom; the spread-out offices are then buttons too. The chosen office leaves its cluster,
 * so it shows at every zoom.
 */
export function OfficeClusters({ items, selectedId, onSelect, onAnnounce }: OfficeClustersProps) {
  const map = useMap()
  const { t, i18n } = useTranslation()
  const tRef = useRef(t)
  const onSelectRef = useRef(onSelect)
  const onAnnounceRef = useRef(onAnnounce)
  useEffect(() => {
    tRef.current = t
    onSelectRef.current = onSelect
    onAnnounceRef.current = onAnnounce
  })

  const group = useMemo(
    () =>
      L.markerClusterGroup({
        showCoverageOnHover: false,
        maxClusterRadius: 40,
        animate: !reducedMotion(),
        iconCreateFunction: (cluster) => {
          const count = cluster.getChildCount()
          // The count is read from the visually hidden text; Leaflet makes the icon a keyboard button.
          return L.divIcon({
            className: 'office-cluster',
            iconSize: count < 100 ? [38, 38] : [46, 46],
            html: `<span aria-hidden="true">${count}</span><span class="visually-hidden">${escapeHtml(
              tRef.current('results.map.clusterLabel', { count }),
            )}</span>`,
          })
        },
      }),
    [],
  )
  // Registered before the group joins the map, so these run before the library's own handlers.
  useEffect(() => {
    // The library zooms or spreads a cluster on click and on Enter; Space should do the same.
    const onClusterKeyDown = (event: L.LeafletEvent & { originalEvent: KeyboardEvent }) => {
      const key = event.originalEvent
      if (key.key !== ' ' && key.key !== 'Spacebar') return
      key.preventDefault()
      // Propagated like a pointer click, so the group's own zoom-or-spread handling runs.
      ;(event.layer as L.MarkerCluster).fire('click', { originalEvent: key }, true)
      // The cluster's element goes away as the map zooms: keep focus in the map, as Enter does.
      map.getContainer().focus()
    }
    const onClusterOpened = (event: L.LeafletEvent & { originalEvent?: KeyboardEvent }) => {
      if (event.type === 'clusterkeypress' && event.originalEvent?.key !== 'Enter') return
      const count = (event.layer as L.MarkerCluster).getChildCount()
      onAnnounceRef.current(tRef.current('results.map.clusterOpened', { count }))
    }
    let focusLegs = false
    const onClusterKeyPress = (event: L.LeafletEvent & { originalEvent: KeyboardEvent }) => {
      focusLegs = event.originalEvent.key === 'Enter'
    }
    const onClusterClick = (event: L.LeafletEvent & { originalEvent?: Event }) => {
      focusLegs = event.originalEvent instanceof KeyboardEvent
    }
    // Spread-out offices become buttons while spread, and a keyboard user lands on the first one.
    const onSpiderfied = (event: L.MarkerClusterSpiderfyEvent) => {
      for (const marker of event.markers) setFocusable(marker, true)
      const first = event.markers[0]?.getElement()
      // After the library has moved focus to the map (it does so once Enter is handled).
      if (focusLegs && first) window.setTimeout(() => first.focus(), 0)
      focusLegs = false
    }
    const onUnspiderfied = (event: L.MarkerClusterSpiderfyEvent) => {
      for (const marker of event.markers) setFocusable(marker, false)
    }
    group.on('clusterkeydown', onClusterKeyDown as L.LeafletEventHandlerFn)
    group.on('clusterkeypress', onClusterKeyPress as L.LeafletEventHandlerFn)
    group.on('clusterclick', onClusterClick as L.LeafletEventHandlerFn)
    group.on('clusterclick clusterkeypress', onClusterOpened as L.LeafletEventHandlerFn)
    group.on('spiderfied', onSpiderfied)
    group.on('unspiderfied', onUnspiderfied)
    return () => {
      group.off('clusterkeydown', onClusterKeyDown as L.LeafletEventHandlerFn)
      group.off('clusterkeypress', onClusterKeyPress as L.LeafletEventHandlerFn)
      group.off('clusterclick', onClusterClick as L.LeafletEventHandlerFn)
      group.off('clusterclick clusterkeypress', onClusterOpened as L.LeafletEventHandlerFn)
      group.off('spiderfied', onSpiderfied)
      group.off('unspiderfied', onUnspiderfied)
    }
  }, [map, group])

  useEffect(() => {
    map.addLayer(group)
    return () => {
      map.removeLayer(group)
    }
  }, [map, group])

  // One marker per office on this page, rebuilt when the page changes.
  const markers = useMemo(() => {
    const byId = new Map<string, { marker: L.Marker; name: string }>()
    for (const item of items) {
      if (!item.office) continue
      const marker = L.marker([item.office.lat, item.office.lng], {
        icon: officeIcon(item.name, 'plain'),
        // Not a tab stop each: keyboard users choose through the list's "Show on map" buttons.
        keyboard: false,
      })
      marker.bindTooltip(() => {
        const label = document.createElement('span')
        label.textContent = item.name
        return label
      })
      marker.on('click', () => onSelectRef.current(item.id))
      marker.on('keydown', (event) => {
        const key = (event as L.LeafletKeyboardEvent).originalEvent
        if (!isActivationKey(key) || !marker.getElement()?.hasAttribute('tabindex')) return
        key.preventDefault()
        onSelectRef.current(item.id)
      })
      officeNames.set(marker, item.name)
      byId.set(item.id, { marker, name: item.name })
    }
    return byId
  }, [items])
  useEffect(() => {
    group.clearLayers()
    group.addLayers([...markers.values()].map((entry) => entry.marker))
  }, [group, markers])

  // The chosen office stands apart from the clusters, larger, red and named, wherever the map is moved
  // or zoomed; the map pans to it when it is out of view (its service area, once loaded, may move the
  // map again).
  useEffect(() => {
    const entry = selectedId ? markers.get(selectedId) : undefined
    if (!entry) return
    const { marker, name } = entry
    // Chosen from a spread-out cluster by keyboard: its element is about to be replaced.
    const hadFocus = marker.getElement()?.contains(document.activeElement) ?? false
    group.removeLayer(marker)
    marker.setIcon(officeIcon(name, 'selected'))
    marker.setZIndexOffset(1000)
    map.addLayer(marker)
    if (hadFocus) map.getContainer().focus()
    marker.openTooltip()
    if (!map.getBounds().contains(marker.getLatLng())) {
      map.panTo(marker.getLatLng(), { animate: !reducedMotion() })
    }
    return () => {
      marker.closeTooltip()
      map.removeLayer(marker)
      marker.setIcon(officeIcon(name, 'plain'))
      marker.setZIndexOffset(0)
      group.addLayer(marker)
    }
  }, [map, group, markers, selectedId])

  // Cluster labels are text in the interface language: redraw them when it changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the language is the trigger
  useEffect(() => {
    group.refreshClusters()
  }, [group, i18n.resolvedLanguage])
  return null
}

/** Makes a spread-out office a keyboard button (named by its hidden text), or plain again. */
function setFocusable(marker: L.Marker, focusable: boolean) {
  marker.setIcon(officeIcon(officeNames.get(marker) ?? '', focusable ? 'spread' : 'plain'))
  const element = marker.getElement()
  if (!element || !focusable) return
  element.tabIndex = 0
  element.setAttribute('role', 'button')
}
