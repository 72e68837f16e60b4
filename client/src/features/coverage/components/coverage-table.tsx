import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Localised, useLocalised } from '../../../lib/use-localised'
import type { CoverageArea, CoverageCell } from '../api/coverage-types'
import { classOf, notInDirectoryClass } from '../lib/choropleth'
import { providerLevels } from '../lib/coverage-state'
import { deprivedAndThinValue, isThin } from '../lib/deprivation'
import { Swatch } from './choropleth-patterns'
import { DeprivationCells } from './deprivation-cells'

type SortKey =
  | 'name'
  | 'population'
  | 'count'
  | 'depth'
  | 'perCapita'
  | 'baseline'
  | 'unmetNeed'
  | 'imdRank'
  | 'imdShare'
  | 'deprivedThin'
/** Sorted ascending on first press (the rest start with the largest). */
const ascendingFirst: readonly SortKey[] = ['name', 'depth', 'imdRank', 'deprivedThin']

interface Row {
  area: CoverageArea
  name: string
  cell: CoverageCell | undefined
  /** Support only from a more distant level than the area's own, or none (lib/deprivation.ts). */
  thin: boolean
}

const depthRank = (cell: CoverageCell | undefined) =>
  cell?.depth ? providerLevels.indexOf(cell.depth) : providerLevels.length

function sortValue(row: Row, key: SortKey, areaLevel: string): number | string {
  switch (key) {
    case 'name':
      return row.name
    case 'population':
      return row.area.population ?? -1
    case 'count':
      return row.cell?.count ?? 0
    case 'depth':
      return depthRank(row.cell)
    case 'perCapita':
      return row.cell?.perCapita ?? -1
    case 'baseline':
      return row.cell?.baseline ? (row.cell.baseline.status === 'fail' ? 0 : 1) : 2
    case 'unmetNeed':
      // Below districts there is no figure (enquiries are recorded by district): it sorts first.
      return row.area.unmetNeed ?? -1
    // Need beside supply (docs/decisions/0017): areas without figures sort last.
    case 'imdRank':
      return row.area.deprivation.figures?.weightedRank ?? 1_000_000
    case 'imdShare':
      return row.area.deprivation.figures?.shareMostDeprived20 ?? -1
    case 'deprivedThin':
      return deprivedAndThinValue(row.area, row.cell, areaLevel)
  }
}

export function depthText(
  localised: Localised,
  t: (key: 'coverage.depth.none') => string,
  cell?: CoverageCell,
) {
  return cell?.depth ? localised.label('levels', cell.depth) : t('coverage.depth.none')
}

interface CoverageTableProps {
  areas: CoverageArea[]
  cellKey: string
  /** The level of the areas listed: "thin" is judged against it. */
  areaLevel: string
  selected: string | undefined
  caption: string
  onSelect(code: string): void
}

/** The same data as the map, as a table sortable by any column; each area opens its profile. */
export function CoverageTable({
  areas,
  cellKey,
  areaLevel,
  selected,
  caption,
  onSelect,
}: CoverageTableProps) {
  const { t, i18n } = useTranslation()
  const localised = useLocalised()
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false })
  const number = useMemo(
    () => new Intl.NumberFormat(i18n.resolvedLanguage === 'cy' ? 'cy-GB' : 'en-GB'),
    [i18n.resolvedLanguage],
  )

  const rows = useMemo(() => {
    const collator = new Intl.Collator(i18n.resolvedLanguage ?? 'en')
    const list: Row[] = areas.map((area) => {
      const cell = area.cells.find((c) => c.key === cellKey)
      return { area, name: localised.areaName(area), cell, thin: isThin(area, cell, areaLevel) }
    })
    return list.sort((a, b) => {
      const x = sortValue(a, sort.key, areaLevel)
      const y = sortValue(b, sort.key, areaLevel)
      const order = typeof x === 'string' ? collator.compare(x, String(y)) : x - (y as number)
      return (sort.descending ? -order : order) || collator.compare(a.name, b.name)
    })
  }, [areas, cellKey, areaLevel, sort, localised, i18n.resolvedLanguage])

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button
          type="button"
          className="cov-sort"
          onClick={() =>
            setSort({ key, descending: active ? !sort.descending : !ascendingFirst.includes(key) })
          }
        >
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
        </button>
      </th>
    )
  }

  return (
    <div className="cov-table-scroll">
      <table className="cov-table">
        <caption>
          {caption}
          <span className="visually-hidden">{t('coverage.table.sortHint')}</span>
          <span className="visually-hidden"> {t('deprivation.table.sortHint')}</span>
        </caption>
        <thead>
          <tr>
            {header('name', t('coverage.table.area'))}
            {header('population', t('coverage.table.population'))}
            {header('count', t('coverage.table.count'))}
            {header('depth', t('coverage.table.depth'))}
            {header('perCapita', t('coverage.table.perCapita'))}
            {header('baseline', t('coverage.table.baseline'))}
            {header('unmetNeed', t('coverage.table.unmetNeed'))}
            {header('imdRank', t('deprivation.table.rank'))}
            {header('imdShare', t('deprivation.table.share'))}
            {header('deprivedThin', t('deprivation.table.deprivedThin'))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ area, name, cell, thin }) => (
            <tr key={area.code} aria-current={area.code === selected ? 'true' : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="cov-area-button"
                  aria-label={t('coverage.table.openProfile', { name })}
                  onClick={() => onSelect(area.code)}
                >
                  {name}
                </button>
              </th>
              <td>{area.population === null ? '–' : number.format(area.population)}</td>
              <td>
                {cell?.count ?? 0}
                {cell?.partial ? (
                  <span className="hint"> {t('coverage.table.partial', { count: cell.partial })}</span>
                ) : null}
              </td>
              <td>
                {area.inDirectory ? (
                  <span className="cov-depth">
                    <Swatch c={classOf(cell, 'depth')} size={16} />
                    {depthText(localised, t, cell)}
                  </span>
                ) : (
                  <span className="cov-depth">
                    <Swatch c={notInDirectoryClass} size={16} />
                    {t('directoryScope.table')}
                  </span>
                )}
              </td>
              <td>{cell?.perCapita === null || cell?.perCapita === undefined ? '–' : cell.perCapita}</td>
              <td>
                {cell?.baseline
                  ? cell.baseline.status === 'pass'
                    ? t('coverage.baseline.pass')
                    : t('coverage.baseline.fail')
                  : '–'}
              </td>
              <td>{area.unmetNeed ?? '–'}</td>
              <DeprivationCells area={area} thin={thin} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
