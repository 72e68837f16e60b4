import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse'
import type { Knex } from 'knex'
import {
  analyzePostcodes,
  beginPostcodeLoad,
  finishPostcodeLoad,
  insertPostcodes,
} from './geo-import-queries'
import { GeoImportError, type ImportLog } from './geo-importer'
import { parsePostcode } from './postcode'

export interface PostcodeImportOptions {
  /** A CSV with a postcode column and latitude/longitude columns (header names are recognised). */
  file: string
  /** Load only postcodes in these districts ("BD1", "SW1A"): the test template keeps a small subset. */
  outwardCodes?: ReadonlySet<string>
  batchRows?: number
  log?: ImportLog
}

export interface PostcodeImportReport {
  file: string
  rows: number
  loaded: number
  /** Rows with no coordinates in the source (postcodes without a grid reference). */
  withoutLocation: number
  /** Malformed postcodes or coordinates outside the valid ranges. */
  rejected: number
  rejectedExamples: string[]
  filteredOut: number
  sectors: number
  districts: number
  ms: number
  rowsPerSecond: number
}

const headerNames = {
  postcode: ['postcode', 'pcd', 'pcds', 'pcd7', 'pcd8'],
  lat: ['lat', 'latitude'],
  lng: ['long', 'lon', 'lng', 'longitude'],
}

function findColumn(header: string[], names: string[], file: string, what: string): number {
  const index = header.findIndex((h) => names.includes(h.trim().toLowerCase()))
  if (index < 0) {
    throw new GeoImportError(`${file}: no ${what} column (expected a header named ${names.join(' or ')})`)
  }
  return index
}

/**
 * Streams a postcode centroid CSV into `postcodes` in one transaction: the table is replaced
 * atomically, the spatial index and the sector/district centroids are built once at the end.
 */
export async function importPostcodes(
  knex: Knex,
  options: PostcodeImportOptions,
): Promise<PostcodeImportReport> {
  const started = Date.now()
  const name = path.basename(options.file)
  const batchRows = options.batchRows ?? 20_000
  const log = options.log ?? { info() {}, warn() {} }
  try {
    fs.accessSync(options.file, fs.constants.R_OK)
  } catch (err) {
    throw new GeoImportError(`${name}: cannot read the file (${(err as NodeJS.ErrnoException).code})`)
  }
  const report: PostcodeImportReport = {
    file: name,
    rows: 0,
    loaded: 0,
    withoutLocation: 0,
    rejected: 0,
    rejectedExamples: [],
    filteredOut: 0,
    sectors: 0,
    districts: 0,
    ms: 0,
    rowsPerSecond: 0,
  }
  const reject = (line: number, why: string) => {
    report.rejected++
    if (report.rejectedExamples.length < 5) report.rejectedExamples.push(`line ${line}: ${why}`)
  }

  await knex.transaction(async (trx) => {
    await beginPostcodeLoad(trx)
    let batch = {
      keys: [] as string[],
      displays: [] as string[],
      outwards: [] as string[],
      sectors: [] as string[],
      lngs: [] as number[],
      lats: [] as number[],
    }
    const flush = async () => {
      if (batch.keys.length === 0) return
      await insertPostcodes(trx, batch)
      report.loaded += batch.keys.length
      batch = { keys: [], displays: [], outwards: [], sectors: [], lngs: [], lats: [] }
    }
    const parser = fs.createReadStream(options.file).pipe(parse({ bom: true, relax_column_count: true }))
    let columns: { postcode: number; lat: number; lng: number } | undefined
    let line = 0
    let nextProgress = 100_000
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        line++
        if (!columns) {
          columns = {
            postcode: findColumn(record, headerNames.postcode, name, 'postcode'),
            lat: findColumn(record, headerNames.lat, name, 'latitude'),
            lng: findColumn(record, headerNames.lng, name, 'longitude'),
          }
          continue
        }
        report.rows++
        const raw = record[columns.postcode] ?? ''
        const postcode = parsePostcode(raw)
        if (!postcode) {
          reject(line, `"${raw}" is not a UK postcode`)
          continue
        }
        if (options.outwardCodes && !options.outwardCodes.has(postcode.outward)) {
          report.filteredOut++
          continue
        }
        const latText = (record[columns.lat] ?? '').trim()
        const lngText = (record[columns.lng] ?? '').trim()
        if (latText === '' || lngText === '') {
          report.withoutLocation++
          continue
        }
        const lat = Number(latText)
        const lng = Number(lngText)
        if (
          !Number.isFinite(lat) ||
          !Number.isFinite(lng) ||
          lat < -90 ||
          lat > 90 ||
          lng < -180 ||
          lng > 180
        ) {
          reject(line, `coordinates "${latText}, ${lngText}" are not a latitude and longitude`)
          continue
        }
        batch.keys.push(postcode.key)
        batch.displays.push(postcode.display)
        batch.outwards.push(postcode.outward)
        batch.sectors.push(postcode.sector)
        batch.lngs.push(lng)
        batch.lats.push(lat)
        if (batch.keys.length >= batchRows) await flush()
        if (report.rows >= nextProgress) {
          nextProgress += 100_000
          const seconds = (Date.now() - started) / 1000
          log.info(
            `  postcodes: ${report.rows.toLocaleString('en-GB')} rows read (${Math.round(report.rows / seconds).toLocaleString('en-GB')} rows/s)`,
          )
        }
      }
    } catch (err) {
      if (err instanceof GeoImportError) throw err
      if ((err as { code?: string }).code?.startsWith('CSV_')) {
        throw new GeoImportError(`${name}: not valid CSV (${(err as Error).message})`)
      }
      throw err
    }
    if (!columns) throw new GeoImportError(`${name}: the file is empty`)
    await flush()
    const counts = await finishPostcodeLoad(trx)
    report.loaded = counts.postcodes
    report.sectors = counts.sectors
    report.districts = counts.districts
  })
  await analyzePostcodes(knex)
  report.ms = Date.now() - started
  report.rowsPerSecond = Math.round(report.rows / Math.max(report.ms / 1000, 0.001))
  return report
}
