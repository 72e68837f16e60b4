import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { AreaSummary } from '../api/geo-types'
import type { MapLayer } from '../api/get-layer-areas'
import { useAreaName } from '../hooks/use-area-name'

interface AreaListProps {
  layer: MapLayer
  areas: AreaSummary[]
  selectedCode: string | undefined
  onSelect(code: string, zoom: boolean): void
}

/**
 * The table view of the map: every area shown, by name. Focusing an area's button highlights it on the
 * map and shows its name there; pressing it moves the map to the area.
 */
export function AreaList({ layer, areas, selectedCode, onSelect }: AreaListProps) {
  const { t, i18n } = useTranslation()
  const areaName = useAreaName()
  const rows = useMemo(() => {
    const collator = new Intl.Collator(i18n.resolvedLanguage ?? 'en')
    return areas
      .map((area) => ({ ...area, displayName: areaName(area) }))
      .sort((a, b) => collator.compare(a.displayName, b.displayName))
  }, [areas, areaName, i18n.resolvedLanguage])

  return (
    <details className="area-list">
      <summary>{t('map.table.summary', { count: rows.length })}</summary>
      <div className="table-scroll">
        <table>
          <caption>{t('map.table.caption', { level: t(`map.levels.${layer}`) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('map.table.name')}</th>
              <th scope="col">{t('map.table.code')}</th>
              <th scope="col">{t('map.table.action')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((area) => (
              <tr key={area.code} aria-current={area.code === selectedCode ? 'true' : undefined}>
                <th scope="row">{area.displayName}</th>
                <td>
                  <code>{area.code}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="button-small"
                    aria-label={t('map.table.showLabel', { name: area.displayName })}
                    onFocus={() => onSelect(area.code, false)}
                    onClick={() => onSelect(area.code, true)}
                  >
                    {t('map.table.show')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}
