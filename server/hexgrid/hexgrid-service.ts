import type { Knex } from 'knex'
import type { PostcodeStore } from '../geo/postcode-store'
import { rebuildCoverageIndex } from '../providers/provider-index-queries'
import {
  apportionPopulation,
  countPointsByCell,
  coveringCells,
  HEX_RESOLUTION_MAX,
  HEX_RESOLUTION_MIN,
  HexResolutionError,
  hexCell,
  hexNames,
  type PolygonCoordinates,
} from './hexgrid-grid'
import {
  assignParents,
  createHexStage,
  deleteHexGrid,
  insertHexGrid,
  providerIds,
  selectCoverPolygons,
  selectPostcodePoints,
  stagedDistricts,
  stageHexes,
} from './hexgrid-queries'

export interface HexGridOptions {
  resolution: number
  /** Cover only these districts (tests, a partial grid); default: England and Wales. */
  districts?: string[]
  /** Every UK postcode (the packed file): the cells' population weights. */
  postcodes: Pick<PostcodeStore, 'size' | 'point'>
  log?: (message: string) => void
}

export interface HexGridReport {
  resolution: number
  cells: number
  /** Candidate cells with no district under or overlapping them (open sea). */
  dropped: number
  replaced: number
  providersReindexed: number
  ms: { cells: number; write: number; reindex: number; total: number }
}

const STAGE_BATCH = 5000
const REINDEX_BATCH = 200

function polygonsOf(geojson: string): PolygonCoordinates[] {
  const g = JSON.parse(geojson) as { type: string; coordinates: unknown }
  if (g.type === 'Polygon') return [g.coordinates as PolygonCoordinates]
  if (g.type === 'MultiPolygon') return g.coordinates as PolygonCoordinates[]
  return []
}

/**
 * (Re)builds the hexagon grid in one transaction: the cells covering England and Wales (or the
 * given districts) at `resolution`, each placed under its district with a population estimate,
 * then every provider's coverage index rebuilt so the cells count as any other area does.
 * Running it again replaces the grid with an identical one.
 */
export async function buildHexGrid(knex: Knex, options: HexGridOptions): Promise<HexGridReport> {
  const { resolution } = options
  if (!Number.isInteger(resolution) || resolution < HEX_RESOLUTION_MIN || resolution > HEX_RESOLUTION_MAX) {
    throw new HexResolutionError(
      `resolution must be a whole number from ${HEX_RESOLUTION_MIN} to ${HEX_RESOLUTION_MAX} (got ${resolution})`,
    )
  }
  const log = options.log ?? (() => {})
  const districts = options.districts ?? null
  const started = Date.now()

  const outlines = await selectCoverPolygons(knex, districts)
  if (outlines.length === 0) {
    throw new HexResolutionError(
      districts
        ? `no district with code ${districts.join(', ')} is loaded`
        : 'no nation boundaries are loaded',
    )
  }
  const points = await selectPostcodePoints(knex, districts, options.postcodes)
  const codes = coveringCells(outlines.flatMap(polygonsOf), points, resolution)
  const postcodeCounts = countPointsByCell(points, resolution)
  const cellsMs = Date.now() - started
  log(
    `${codes.length} candidate cells at resolution ${resolution} from ${points.length} postcodes (${cellsMs} ms)`,
  )

  const writeStarted = Date.now()
  const written = await knex.transaction(async (trx) => {
    const replaced = await deleteHexGrid(trx)
    await createHexStage(trx)
    for (let i = 0; i < codes.length; i += STAGE_BATCH) {
      const cells = codes.slice(i, i + STAGE_BATCH).map(hexCell)
      await stageHexes(trx, {
        codes: cells.map((c) => c.code),
        rings: cells.map((c) => JSON.stringify({ type: 'Polygon', coordinates: [c.ring] })),
        lngs: cells.map((c) => c.lng),
        lats: cells.map((c) => c.lat),
        postcodes: cells.map((c) => postcodeCounts.get(c.code) ?? 0),
      })
    }
    const dropped = await assignParents(trx)
    const staged = await stagedDistricts(trx)
    const populations = apportionPopulation(staged, new Map(staged.map((s) => [s.district, s.population])))
    const names = staged.map((s) => hexNames(s.code, s.district_name, s.district_name_cy))
    await insertHexGrid(trx, {
      resolution,
      codes: staged.map((s) => s.code),
      names: names.map((n) => n.name),
      namesCy: names.map((n) => n.nameCy),
      populations: staged.map((s) => populations.get(s.code) ?? null),
    })
    return { cells: staged.length, dropped, replaced }
  })
  const writeMs = Date.now() - writeStarted
  log(
    `${written.cells} cells written (${written.dropped} at sea dropped, ${written.replaced} replaced) in ${writeMs} ms`,
  )

  // The closure changed under every provider listing a district or anything above it, and a
  // drawn polygon now overlaps new areas: rebuild the index of everyone. The triggers mark them
  // dirty, so the next coverage read (or a cell rebuild) folds the cells in.
  const reindexStarted = Date.now()
  const ids = await providerIds(knex)
  for (let i = 0; i < ids.length; i += REINDEX_BATCH) {
    await knex.transaction((trx) => rebuildCoverageIndex(trx, ids.slice(i, i + REINDEX_BATCH)))
  }
  const reindexMs = Date.now() - reindexStarted
  log(`coverage index rebuilt for ${ids.length} providers in ${reindexMs} ms`)
  return {
    resolution,
    ...written,
    providersReindexed: ids.length,
    ms: { cells: cellsMs, write: writeMs, reindex: reindexMs, total: Date.now() - started },
  }
}
