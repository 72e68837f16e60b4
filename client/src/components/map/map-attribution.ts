/** Leaflet renders attribution as HTML; our strings are text and must stay text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The attribution a tile server needs: OpenStreetMap's by name, otherwise the host that serves them. */
export function tileAttributionHost(tileUrl: string): { osm: boolean; host: string } {
  try {
    const host = new URL(tileUrl.replace('{s}', 'a')).hostname.replace(/^a\./, '')
    return { osm: /(^|\.)openstreetmap\.(org|fr|de)$/.test(host), host }
  } catch {
    return { osm: false, host: tileUrl }
  }
}
