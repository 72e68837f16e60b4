import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BaseMap } from '../../../components/map/base-map'
import { mapLayers, useLayerAreas } from '../api/get-layer-areas'
import { usePostcode } from '../api/get-postcode'
import { useAreaName } from '../hooks/use-area-name'
import { useMapParams } from '../hooks/use-map-params'
import { AreaBoundaries, type AreaSelection } from './area-boundaries'
import { AreaList } from './area-list'
import { LayerSwitcher } from './layer-switcher'
import { MapLegend } from './map-legend'
import { PostcodeAreas } from './postcode-areas'
import { PostcodeMarker } from './postcode-marker'
import { PostcodeSearch } from './postcode-search'

/**
 * Boundaries by level, a postcode finder, and a table view of the layer's areas. The map draws only
 * what is in view (map layers); the table lists every area of the layer by name.
 */
export function MapPage() {
  const { t } = useTranslation()
  const areaName = useAreaName()
  const { layer, setLayer, postcode, setPostcode } = useMapParams()
  const list = useLayerAreas(layer)
  const lookup = usePostcode(postcode)
  const [selection, setSelection] = useState<AreaSelection>()

  const areas = useMemo(() => list.data?.areas ?? [], [list.data])
  const selectedArea = areas.find((area) => area.code === selection?.code)

  const changeLayer = (next: typeof layer) => {
    setSelection(undefined)
    setLayer(next)
  }
  const search = (next: string) => {
    if (next === postcode) void lookup.refetch()
    else setPostcode(next)
  }
  const select = useCallback((code: string, zoom = false) => setSelection({ code, zoom }), [])

  return (
    <div className="map-page">
      <title>{`${t('map.title')} – ${t('app.titleSuffix')}`}</title>
      <div className="map-panel">
        <h1>{t('map.title')}</h1>
        <p>{t('map.intro')}</p>
        <PostcodeSearch
          postcode={postcode}
          status={postcode ? lookup.status : 'idle'}
          error={lookup.error}
          result={lookup.data}
          onSearch={search}
        />
        {lookup.data ? <PostcodeAreas result={lookup.data} /> : null}
        <LayerSwitcher value={layer} onChange={changeLayer} />
        <p role="status" className="layer-status">
          {list.isPending
            ? t('map.loadingBoundaries')
            : list.isError
              ? t('map.loadFailed')
              : t('map.areasShown', { count: areas.length })}
          {selectedArea ? (
            <>
              <br />
              {t('map.selected', { name: areaName(selectedArea) })}
            </>
          ) : null}
        </p>
        <MapLegend />
        {areas.length > 0 ? (
          <AreaList layer={layer} areas={areas} selectedCode={selection?.code} onSelect={select} />
        ) : null}
      </div>
      <section className="map-area" aria-label={t('map.regionLabel')}>
        <BaseMap>
          <AreaBoundaries layer={mapLayers[layer].tiles} selection={selection} onSelect={select} />
          {lookup.data?.location ? (
            <PostcodeMarker result={{ ...lookup.data, location: lookup.data.location }} />
          ) : null}
        </BaseMap>
      </section>
    </div>
  )
}
