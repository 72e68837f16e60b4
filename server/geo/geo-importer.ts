import fs from 'node:fs'
import path from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import type { Knex } from 'knex'
import { geoJsonText, polygonalCoordinateProblem } from '../lib/geometry'
import {
  analyzeGeography,
  applyPopulations,
  createStagingTable,
  type RepairedFeature,
  rebuildParts,
  rebuildRelations,
  relationCounts,
  repairStagedGeometry,
  replaceLookupLinks,
  replaceMembership,
  replacePropertyLinks,
  type StagedFeature,
  stagedOutOfRange,
  stageFeatures,
  upsertAreas,
  upsertLayer,
} from './geo-import-queries'
import type { GeoManifest, ManifestLayer, ManifestLookup, ManifestPopulation } from './geo-manifest'
import { GSS_CODE } from './geo-schemas'

/** A layer, lookup or statistics file that cannot be loaded; the message names file, feature/row and property. */
export class GeoImportError extends Error {
  override name = 'GeoImportError'
}

export interface ImportLog {
  info(message: string): void
  warn(message: string): void
}

export interface LayerReport {
  layer: string
  file: string
  status: 'loaded' | 'failed'
  features: number
  /** Rows this layer created or rewrote (it is their most local layer). */
  written: number
  inserted: number
  /** Codes already held by a more local layer: membership recorded, row untouched. */
  membershipOnly: number
  removed: number
  parts: number
  repaired: RepairedFeature[]
  ms: number
  error?: string
}

export interface LookupReport {
  lookup: string
  file: string
  status: 'loaded' | 'failed'
  links: number
  ms: number
  error?: string
}

export interface GeoImportReport {
  ok: boolean
  layers: LayerReport[]
  lookups: LookupReport[]
  populations: { status: 'loaded' | 'failed' | 'skipped'; matched: number; rolledUp: number; error?: string }
  relations: number
  closure: number
  ms: number
}

export interface GeoImportOptions {
  dataDir: string
  manifest: GeoManifest
  /** Only these layer/lookup names (populations are always re-applied: they roll up over the relations). */
  only?: string[]
  log?: ImportLog
}

const quiet: ImportLog = { info() {}, warn() {} }

/** Statements carry at most this much GeoJSON text or this many features. */
const BATCH_BYTES = 2_000_000
const BATCH_FEATURES = 250

function readText(dataDir: string, file: string): string {
  try {
    return fs.readFileSync(path.join(dataDir, file), 'utf8')
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    throw new GeoImportError(`${file}: cannot read the file (${e.code ?? e.message})`)
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  if (typeof value === 'number') return String(value)
  return undefined
}

/** Parses and checks a layer file in Node; nothing reaches the database unless every feature passes. */
export function readLayerFeatures(dataDir: string, layer: ManifestLayer): StagedFeature[] {
  const { file, properties: p } = layer
  const raw = readText(dataDir, file)
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (err) {
    throw new GeoImportError(`${file}: not valid GeoJSON (${(err as Error).message})`)
  }
  const features = (json as { type?: unknown; features?: unknown } | null)?.features
  if ((json as { type?: unknown } | null)?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new GeoImportError(`${file}: expected a GeoJSON FeatureCollection with a "features" array`)
  }
  if (features.length === 0) throw new GeoImportError(`${file}: the FeatureCollection has no features`)

  const firstIndex = new Map<string, number>()
  const staged: StagedFeature[] = []
  features.forEach((feature: unknown, index) => {
    const where = `${file}: feature ${index}`
    const f = feature as { properties?: unknown; geometry?: unknown } | null
    if (!f || typeof f !== 'object') throw new GeoImportError(`${where}: not a GeoJSON Feature object`)
    const props = (f.properties ?? {}) as Record<string, unknown>
    const code = text(props[p.code])
    if (code === undefined)
      throw new GeoImportError(`${where}: property "${p.code}" (the area code) is missing`)
    const at = `${where} (${code})`
    if (!GSS_CODE.test(code)) {
      throw new GeoImportError(`${at}: property "${p.code}" is not a GSS code (a letter and eight digits)`)
    }
    const seen = firstIndex.get(code)
    if (seen !== undefined) {
      throw new GeoImportError(`${at}: property "${p.code}" repeats the code of feature ${seen}`)
    }
    firstIndex.set(code, index)
    const name = text(props[p.name])
    if (name === undefined) throw new GeoImportError(`${at}: property "${p.name}" (the area name) is missing`)
    const nameCy = p.nameCy ? (text(props[p.nameCy]) ?? null) : null
    let parentCode: string | null = null
    if (p.parentCode) {
      parentCode = text(props[p.parentCode]) ?? null
      if (parentCode === null || !GSS_CODE.test(parentCode)) {
        throw new GeoImportError(
          `${at}: property "${p.parentCode}" (the parent code) is missing or not a GSS code`,
        )
      }
    }
    const geometry = f.geometry as { type?: unknown; coordinates?: unknown } | null | undefined
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      throw new GeoImportError(`${at}: property "geometry" must be a Polygon or MultiPolygon`)
    }
    const problem = polygonalCoordinateProblem({ type: geometry.type, coordinates: geometry.coordinates })
    if (problem) throw new GeoImportError(`${at}: property "geometry.${problem.path}": ${problem.message}`)
    staged.push({
      index,
      code,
      name,
      nameCy,
      parentCode,
      geojson: geoJsonText({ type: geometry.type, coordinates: geometry.coordinates }),
    })
  })
  return staged
}

function batches(features: StagedFeature[]): StagedFeature[][] {
  const out: StagedFeature[][] = []
  let current: StagedFeature[] = []
  let bytes = 0
  for (const f of features) {
    if (current.length > 0 && (bytes + f.geojson.length > BATCH_BYTES || current.length >= BATCH_FEATURES)) {
      out.push(current)
      current = []
      bytes = 0
    }
    current.push(f)
    bytes += f.geojson.length
  }
  if (current.length > 0) out.push(current)
  return out
}

/** Loads one layer in one transaction: a failure leaves the database as it was before the layer. */
export async function importLayer(knex: Knex, dataDir: string, layer: ManifestLayer, log: ImportLog = quiet) {
  const started = Date.now()
  const features = readLayerFeatures(dataDir, layer)
  const parts = batches(features)
  return knex.transaction(async (trx) => {
    await createStagingTable(trx)
    let sent = 0
    for (const batch of parts) {
      await stageFeatures(trx, batch, layer.simplifyDegrees)
      sent += batch.length
      if (parts.length > 1) log.info(`  ${layer.name}: ${sent}/${features.length} features staged`)
    }
    const outOfRange = await stagedOutOfRange(trx)
    if (outOfRange[0]) {
      throw new GeoImportError(
        `${layer.file}: feature ${outOfRange[0].feature_index} (${outOfRange[0].code}): property "geometry" has coordinates outside longitude/latitude ranges`,
      )
    }
    const { repaired, empty } = await repairStagedGeometry(trx)
    for (const r of repaired) {
      log.warn(
        `  ${layer.file}: feature ${r.featureIndex} (${r.code}): invalid geometry repaired (${r.reason})`,
      )
    }
    if (empty[0]) {
      throw new GeoImportError(
        `${layer.file}: feature ${empty[0].featureIndex} (${empty[0].code}): property "geometry" has no polygon area after repair`,
      )
    }
    await upsertLayer(trx, {
      name: layer.name,
      file: layer.file,
      type: layer.type,
      featureCount: features.length,
      repairedCount: repaired.length,
    })
    const { written, inserted } = await upsertAreas(trx, layer)
    const partCount = await rebuildParts(trx, written)
    const removed = await replaceMembership(trx, layer)
    if (layer.properties.parentCode) await replacePropertyLinks(trx, `layer:${layer.name}`)
    await rebuildRelations(trx)
    const report: LayerReport = {
      layer: layer.name,
      file: layer.file,
      status: 'loaded',
      features: features.length,
      written: written.length,
      inserted,
      membershipOnly: features.length - written.length,
      removed,
      parts: partCount,
      repaired,
      ms: Date.now() - started,
    }
    return report
  })
}

function readCsv(dataDir: string, file: string, columns: string[]): Array<Record<string, string>> {
  const raw = readText(dataDir, file)
  let rows: Array<Record<string, string>>
  try {
    rows = parseCsv(raw, { columns: true, skip_empty_lines: true, trim: true, bom: true })
  } catch (err) {
    throw new GeoImportError(`${file}: not valid CSV (${(err as Error).message})`)
  }
  const header = rows[0] ? Object.keys(rows[0]) : []
  for (const column of columns) {
    if (!header.includes(column)) throw new GeoImportError(`${file}: column "${column}" is missing`)
  }
  return rows
}

export function readLookupLinks(
  dataDir: string,
  lookup: ManifestLookup,
): Array<{ child: string; parent: string }> {
  const columns = [...new Set(lookup.links.flatMap((l) => [l.child, l.parent]))]
  const rows = readCsv(dataDir, lookup.file, columns)
  const links: Array<{ child: string; parent: string }> = []
  rows.forEach((row, i) => {
    for (const column of columns) {
      const value = row[column] ?? ''
      if (value !== '' && !GSS_CODE.test(value)) {
        throw new GeoImportError(
          `${lookup.file}: row ${i + 1}: column "${column}" is not a GSS code ("${value}")`,
        )
      }
    }
    for (const link of lookup.links) {
      const child = row[link.child] ?? ''
      const parent = row[link.parent] ?? ''
      if (child !== '' && parent !== '' && child !== parent) links.push({ child, parent })
    }
  })
  return links
}

export async function importLookup(
  knex: Knex,
  dataDir: string,
  lookup: ManifestLookup,
): Promise<LookupReport> {
  const started = Date.now()
  const links = readLookupLinks(dataDir, lookup)
  await knex.transaction(async (trx) => {
    await replaceLookupLinks(trx, `lookup:${lookup.name}`, links)
    await rebuildRelations(trx)
  })
  return {
    lookup: lookup.name,
    file: lookup.file,
    status: 'loaded',
    links: links.length,
    ms: Date.now() - started,
  }
}

export function readPopulations(
  dataDir: string,
  population: ManifestPopulation,
): Array<{ code: string; population: number }> {
  const rows = readCsv(dataDir, population.file, [population.code, population.population])
  return rows.map((row, i) => {
    const code = row[population.code] ?? ''
    const value = row[population.population] ?? ''
    if (!GSS_CODE.test(code)) {
      throw new GeoImportError(
        `${population.file}: row ${i + 1}: column "${population.code}" is not a GSS code`,
      )
    }
    if (!/^\d+$/.test(value) || Number(value) > 2_147_483_647) {
      throw new GeoImportError(
        `${population.file}: row ${i + 1}: column "${population.population}" is not a whole number`,
      )
    }
    return { code, population: Number(value) }
  })
}

function errorMessage(err: unknown): string {
  if (err instanceof GeoImportError) return err.message
  return `database error: ${(err as Error).message}`
}

/**
 * Runs the manifest: every layer, then the lookups, then the populations. A layer that fails is
 * reported and skipped; the layers before it stay loaded.
 */
export async function importGeography(knex: Knex, options: GeoImportOptions): Promise<GeoImportReport> {
  const started = Date.now()
  const log = options.log ?? quiet
  const selected = (name: string) => !options.only || options.only.includes(name)
  const report: GeoImportReport = {
    ok: true,
    layers: [],
    lookups: [],
    populations: { status: 'skipped', matched: 0, rolledUp: 0 },
    relations: 0,
    closure: 0,
    ms: 0,
  }
  for (const layer of options.manifest.layers.filter((l) => selected(l.name))) {
    log.info(`Loading layer ${layer.name} from ${layer.file}...`)
    const layerStarted = Date.now()
    try {
      const r = await importLayer(knex, options.dataDir, layer, log)
      report.layers.push(r)
      log.info(
        `  ${layer.name}: ${r.features} features (${r.inserted} new, ${r.written - r.inserted} replaced, ${r.membershipOnly} already held by a more local layer), ${r.parts} parts, ${r.repaired.length} repaired, ${r.ms} ms`,
      )
    } catch (err) {
      report.ok = false
      const message = errorMessage(err)
      log.warn(`  ${layer.name} NOT loaded: ${message}`)
      report.layers.push({
        layer: layer.name,
        file: layer.file,
        status: 'failed',
        features: 0,
        written: 0,
        inserted: 0,
        membershipOnly: 0,
        removed: 0,
        parts: 0,
        repaired: [],
        ms: Date.now() - layerStarted,
        error: message,
      })
    }
  }
  for (const lookup of options.manifest.lookups.filter((l) => selected(l.name))) {
    log.info(`Loading lookup ${lookup.name} from ${lookup.file}...`)
    const lookupStarted = Date.now()
    try {
      const r = await importLookup(knex, options.dataDir, lookup)
      report.lookups.push(r)
      log.info(`  ${lookup.name}: ${r.links} links, ${r.ms} ms`)
    } catch (err) {
      report.ok = false
      const message = errorMessage(err)
      log.warn(`  ${lookup.name} NOT loaded: ${message}`)
      report.lookups.push({
        lookup: lookup.name,
        file: lookup.file,
        status: 'failed',
        links: 0,
        ms: Date.now() - lookupStarted,
        error: message,
      })
    }
  }
  if (options.manifest.populations.length > 0) {
    try {
      const rows = options.manifest.populations.flatMap((p) => readPopulations(options.dataDir, p))
      const result = await knex.transaction((trx) => applyPopulations(trx, rows))
      report.populations = { status: 'loaded', ...result }
      log.info(
        `Populations: ${result.matched} areas from file, ${result.rolledUp} summed from their districts`,
      )
    } catch (err) {
      report.ok = false
      report.populations = { status: 'failed', matched: 0, rolledUp: 0, error: errorMessage(err) }
      log.warn(`Populations NOT loaded: ${report.populations.error}`)
    }
  }
  await analyzeGeography(knex)
  const counts = await relationCounts(knex)
  report.relations = counts.relations
  report.closure = counts.closure
  report.ms = Date.now() - started
  return report
}
