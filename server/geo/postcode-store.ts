import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import type { PostcodePrecision } from './geo-schemas'
import { type Postcode, parsePostcode } from './postcode'

/**
 * Every UK postcode (2.7 million) as a packed, sorted binary file searched in Node, used by both
 * engines behind the geography service (docs/decisions/0011-uk-postcodes.md). The file is built
 * from `postcodes_uk.csv` into DATA_DIR once (about 10 s) and rebuilt when the CSV changes; it is
 * read whole into memory (16 bytes a postcode, 43 MB) and a lookup is a binary search.
 *
 * Layout (little-endian): a 32-byte header (magic, version, count, the source's size and mtime),
 * then `count` keys (float64, ascending), `count` latitudes and `count` longitudes (int32, degrees
 * × 100,000: the source's 5 decimals exactly).
 */

export const POSTCODES_UK_FILE = 'postcodes_uk.csv'
export const POSTCODE_SECTORS_FILE = 'postcode_sectors_uk.csv'
export const POSTCODE_DISTRICTS_FILE = 'postcode_districts_uk.csv'
export const POSTCODE_AREAS_FILE = 'postcode_areas_uk.csv'
export const POSTCODE_STORE_FILE = 'postcodes-uk.v2.bin'

const MAGIC = 0x43505341 // "ASPC"
const VERSION = 2
const HEADER_BYTES = 32
const SCALE = 100_000

/** A compact postcode ("HR12PJ", 5-7 of A-Z0-9) as a number: base 37, right-padded with 0. */
export function postcodeKeyNumber(key: string): number {
  let n = 0
  for (let i = 0; i < 7; i++) {
    const c = i < key.length ? key.charCodeAt(i) : 0
    const digit = c === 0 ? 0 : c <= 57 ? c - 47 : c - 54 // '0'-'9' -> 1-10, 'A'-'Z' -> 11-36
    n = n * 37 + digit
  }
  return n
}

export interface LatLng {
  lat: number
  lng: number
}

export interface PostcodeStoreBuildReport {
  file: string
  rows: number
  postcodes: number
  withoutLocation: number
  rejected: number
  duplicates: number
  ms: number
  rowsPerSecond: number
  bytes: number
}

interface SourceStamp {
  size: number
  mtimeMs: number
}

function stampOf(file: string): SourceStamp {
  const stat = fs.statSync(file)
  return { size: stat.size, mtimeMs: Math.floor(stat.mtimeMs) }
}

/** Reads `postcodes_uk.csv` (`Postcode,lat,long`) and writes the packed file atomically. */
export function buildPostcodeStore(csvFile: string, outFile: string): PostcodeStoreBuildReport {
  const started = Date.now()
  const stamp = stampOf(csvFile)
  const text = fs.readFileSync(csvFile, 'latin1')
  const capacity = text.length / 20 + 1024 // no row is shorter than 20 bytes ("M1 1AA,53.1,-2.1\n")
  let keys = new Float64Array(capacity)
  let lats = new Int32Array(capacity)
  let lngs = new Int32Array(capacity)
  const report = { rows: 0, withoutLocation: 0, rejected: 0, duplicates: 0 }
  let n = 0
  let pos = text.indexOf('\n') + 1 // header
  if (!/^postcode,lat,long/i.test(text.slice(0, 20))) {
    throw new Error(`${path.basename(csvFile)}: expected the header "Postcode,lat,long"`)
  }
  while (pos < text.length) {
    let end = text.indexOf('\n', pos)
    if (end < 0) end = text.length
    const line = text.slice(pos, end).trim()
    pos = end + 1
    if (line === '') continue
    report.rows++
    const [raw = '', latText = '', lngText = ''] = line.split(',')
    const parsed = parsePostcode(raw)
    if (!parsed) {
      report.rejected++
      continue
    }
    if (latText === '' || lngText === '') {
      report.withoutLocation++
      continue
    }
    const lat = Math.round(Number(latText) * SCALE)
    const lng = Math.round(Number(lngText) * SCALE)
    if (
      !Number.isFinite(lat) ||
      !Number.isFinite(lng) ||
      Math.abs(lat) > 90 * SCALE ||
      Math.abs(lng) > 180 * SCALE
    ) {
      report.rejected++
      continue
    }
    keys[n] = postcodeKeyNumber(parsed.key)
    lats[n] = lat
    lngs[n] = lng
    n++
  }
  // Sort by key with the native BigInt64Array sort: key × 2^22 + row (keys < 2^37, rows < 2^22).
  if (n >= 2 ** 22) throw new Error('more than 4 million postcodes: widen the packed file')
  const order = new BigInt64Array(n)
  for (let i = 0; i < n; i++) order[i] = (BigInt(keys[i] as number) << 22n) | BigInt(i)
  order.sort()
  const sortedKeys = new Float64Array(n)
  const sortedLats = new Int32Array(n)
  const sortedLngs = new Int32Array(n)
  let m = 0
  for (let j = 0; j < n; j++) {
    const packed = order[j] as bigint
    const i = Number(packed & 0x3fffffn)
    const key = keys[i] as number
    if (m > 0 && sortedKeys[m - 1] === key) {
      report.duplicates++
      continue
    }
    sortedKeys[m] = key
    sortedLats[m] = lats[i] as number
    sortedLngs[m] = lngs[i] as number
    m++
  }
  keys = lats = lngs = new Float64Array(0) as never
  const header = Buffer.alloc(HEADER_BYTES)
  header.writeUInt32LE(MAGIC, 0)
  header.writeUInt32LE(VERSION, 4)
  header.writeUInt32LE(m, 8)
  header.writeDoubleLE(stamp.size, 16)
  header.writeDoubleLE(stamp.mtimeMs, 24)
  const body = [
    header,
    Buffer.from(sortedKeys.buffer, 0, m * 8),
    Buffer.from(sortedLats.buffer, 0, m * 4),
    Buffer.from(sortedLngs.buffer, 0, m * 4),
  ]
  fs.mkdirSync(path.dirname(outFile), { recursive: true })
  const temp = `${outFile}.${process.pid}.${Date.now()}.tmp`
  fs.writeFileSync(temp, Buffer.concat(body))
  fs.renameSync(temp, outFile)
  const ms = Date.now() - started
  return {
    file: path.basename(csvFile),
    rows: report.rows,
    postcodes: m,
    withoutLocation: report.withoutLocation,
    rejected: report.rejected,
    duplicates: report.duplicates,
    ms,
    rowsPerSecond: Math.round(report.rows / Math.max(ms / 1000, 0.001)),
    bytes: HEADER_BYTES + m * 16,
  }
}

/** True when the packed file exists and was built from this very CSV (same size and mtime). */
export function isPostcodeStoreCurrent(csvFile: string, storeFile: string): boolean {
  let fd: number | undefined
  try {
    fd = fs.openSync(storeFile, 'r')
    const header = Buffer.alloc(HEADER_BYTES)
    if (fs.readSync(fd, header, 0, HEADER_BYTES, 0) !== HEADER_BYTES) return false
    if (header.readUInt32LE(0) !== MAGIC || header.readUInt32LE(4) !== VERSION) return false
    const stamp = stampOf(csvFile)
    return header.readDoubleLE(16) === stamp.size && header.readDoubleLE(24) === stamp.mtimeMs
  } catch {
    return false
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}

function readCentroids(file: string): Map<string, LatLng> {
  const rows: Array<{ code: string; lat: string; long: string }> = parse(fs.readFileSync(file), {
    columns: true,
    skip_empty_lines: true,
  })
  const map = new Map<string, LatLng>()
  for (const row of rows)
    map.set(row.code.trim().toUpperCase(), { lat: Number(row.lat), lng: Number(row.long) })
  return map
}

export interface PostcodeStore {
  /** How many postcodes the packed file holds. */
  size: number
  /** The postcode's own point, else its sector's, district's or area's centroid; undefined: none known. */
  locate(postcode: Postcode): (LatLng & { precision: PostcodePrecision }) | undefined
  /** The point of the i-th postcode in key order (0 <= i < size). */
  point(i: number): LatLng
  /** The i-th postcode in key order, in standard form ("HR1 2PJ"). */
  display(i: number): string
}

function keyText(n: number): string {
  let s = ''
  let rest = n
  for (let i = 0; i < 7; i++) {
    const digit = rest % 37
    rest = Math.floor(rest / 37)
    if (digit > 0) s = String.fromCharCode(digit <= 10 ? digit + 47 : digit + 54) + s
  }
  return `${s.slice(0, -3)} ${s.slice(-3)}`
}

export function openPostcodeStore(storeFile: string, geoDataDir: string): PostcodeStore {
  const data = fs.readFileSync(storeFile)
  if (data.readUInt32LE(0) !== MAGIC || data.readUInt32LE(4) !== VERSION) {
    throw new Error(`${storeFile} is not a postcode file of this version`)
  }
  const count = data.readUInt32LE(8)
  // A large file's Buffer owns its memory from offset 0, so the arrays view it in place; a small one
  // may sit at any offset of Node's pool, and is copied to keep the float64 keys 8-byte aligned.
  let buffer = data.buffer
  let base = data.byteOffset + HEADER_BYTES
  if (base % 8 !== 0) {
    buffer = new ArrayBuffer(count * 16)
    new Uint8Array(buffer).set(data.subarray(HEADER_BYTES, HEADER_BYTES + count * 16))
    base = 0
  }
  const keys = new Float64Array(buffer, base, count)
  const lats = new Int32Array(buffer, base + count * 8, count)
  const lngs = new Int32Array(buffer, base + count * 12, count)
  const sectors = readCentroids(path.join(geoDataDir, POSTCODE_SECTORS_FILE))
  const districts = readCentroids(path.join(geoDataDir, POSTCODE_DISTRICTS_FILE))
  const areas = readCentroids(path.join(geoDataDir, POSTCODE_AREAS_FILE))

  function find(key: number): number {
    let lo = 0
    let hi = count - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const k = keys[mid] as number
      if (k < key) lo = mid + 1
      else if (k > key) hi = mid - 1
      else return mid
    }
    return -1
  }
  const point = (i: number): LatLng => ({
    lat: (lats[i] as number) / SCALE,
    lng: (lngs[i] as number) / SCALE,
  })

  return {
    size: count,
    locate(postcode) {
      const i = find(postcodeKeyNumber(postcode.key))
      if (i >= 0) return { ...point(i), precision: 'postcode' }
      const sector = sectors.get(postcode.sector)
      if (sector) return { ...sector, precision: 'sector' }
      const district = districts.get(postcode.outward)
      if (district) return { ...district, precision: 'district' }
      const area = areas.get(postcodeArea(postcode))
      if (area) return { ...area, precision: 'area' }
      return undefined
    },
    point,
    display: (i) => keyText(keys[i] as number),
  }
}

/** The postcode area: the outward code's leading letters ("HR" of "HR1", "E" of "E1W"). */
export function postcodeArea(postcode: Pick<Postcode, 'outward'>): string {
  return /^[A-Z]+/.exec(postcode.outward)?.[0] ?? postcode.outward
}

const opened = new Map<string, PostcodeStore>()

/**
 * The packed postcode file for this configuration: built from GEO_DATA_DIR/postcodes_uk.csv into
 * DATA_DIR when missing or stale, opened once per process.
 */
export function postcodeStore(
  config: { dataDir: string; geoDataDir: string },
  log?: (message: string) => void,
): PostcodeStore {
  const storeFile = path.join(config.dataDir, POSTCODE_STORE_FILE)
  const cached = opened.get(storeFile)
  if (cached) return cached
  ensurePostcodeStore(config, log)
  const store = openPostcodeStore(storeFile, config.geoDataDir)
  opened.set(storeFile, store)
  return store
}

/** Builds the packed file when it is missing or was built from another CSV; returns the report if it built. */
export function ensurePostcodeStore(
  config: { dataDir: string; geoDataDir: string },
  log?: (message: string) => void,
): PostcodeStoreBuildReport | undefined {
  const storeFile = path.join(config.dataDir, POSTCODE_STORE_FILE)
  const csvFile = path.join(config.geoDataDir, POSTCODES_UK_FILE)
  if (isPostcodeStoreCurrent(csvFile, storeFile)) return undefined
  opened.delete(storeFile)
  const report = buildPostcodeStore(csvFile, storeFile)
  log?.(
    `  postcodes: ${report.postcodes.toLocaleString('en-GB')} packed from ${report.file} in ${(report.ms / 1000).toFixed(1)} s (${report.rowsPerSecond.toLocaleString('en-GB')} rows/s, ${Math.round(report.bytes / 1024 / 1024)} MB)`,
  )
  return report
}
