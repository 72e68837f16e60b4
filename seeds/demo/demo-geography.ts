import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { z } from 'zod'

/**
 * The slice of ../shared/geo the demo directory is written over: districts with their
 * hierarchy, interior points and population, and the sample wards. Read at build time so the
 * demo never carries a copy of the reference data.
 */

export interface LngLat {
  lng: number
  lat: number
}

export interface DemoDistrict {
  code: string
  name: string
  nameWelsh?: string
  regionCode: string
  regionName: string
  nationCode: string
  countyCode?: string
  countyName?: string
  utlaCode: string
  cauthCode?: string
  cauthName?: string
  /** The district's interior point (pole of inaccessibility of its largest part). */
  point: LngLat
  population: number
}

export type PolygonCoordinates = number[][][]

export interface DemoWardGeometry {
  type: 'Polygon' | 'MultiPolygon'
  coordinates: PolygonCoordinates | PolygonCoordinates[]
}

export interface DemoWard {
  code: string
  name: string
  nameWelsh?: string
  districtCode: string
  geometry: DemoWardGeometry
}

export interface DemoArea {
  code: string
  name: string
}

export interface DemoGeography {
  /** Sorted by code. */
  districts: DemoDistrict[]
  /** Sorted by code. */
  wards: DemoWard[]
  district(code: string): DemoDistrict
  ward(code: string): DemoWard
  districtsIn(areaCode: string): DemoDistrict[]
  wardsIn(districtCode: string): DemoWard[]
  /** English regions (E12) in code order. */
  regions: DemoArea[]
  /** Shire counties (E10) in code order. */
  shireCounties: DemoArea[]
  /** Metropolitan counties (E11) in code order. */
  metropolitanCounties: DemoArea[]
}

const emptyToUndefined = z
  .string()
  .transform((value) => (value.trim() === '' ? undefined : value.trim()))
  .optional()

const hierarchyRow = z.object({
  lad_code: z.string().regex(/^[EW]0[6-9]\d{6}$/),
  lad_name: z.string().min(1),
  region_code: z.string().regex(/^(E12|W92)\d{6}$/),
  region_name: z.string().min(1),
  nation_code: z.string().regex(/^[EW]92000\d{3}$/),
  county_code: emptyToUndefined,
  county_name: emptyToUndefined,
  utla_code: z.string().min(1),
  cauth_code: emptyToUndefined,
  cauth_name: emptyToUndefined,
  lad_name_welsh: emptyToUndefined,
  point_lon: z.coerce.number().min(-7).max(2),
  point_lat: z.coerce.number().min(49).max(56),
})

const populationRow = z.object({ lad_code: z.string(), population: z.coerce.number().int().positive() })

const position = z.array(z.number()).min(2)
const ring = z.array(position).min(4)
const wardFeature = z.object({
  properties: z.object({
    WD13CD: z.string().regex(/^[EW]05\d{6}$/),
    WD13NM: z.string().min(1),
    WD13NMW: z.string().nullable().optional(),
    LAD13CD: z.string(),
  }),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
  ]),
})
const wardCollection = z.object({ features: z.array(wardFeature).min(1) })

function readCsv(file: string): unknown[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true })
}

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)

export function loadDemoGeography(geoDataDir: string): DemoGeography {
  const population = new Map<string, number>()
  for (const raw of readCsv(path.join(geoDataDir, 'lad_population.csv'))) {
    const row = populationRow.parse(raw)
    population.set(row.lad_code, row.population)
  }

  const districts: DemoDistrict[] = readCsv(path.join(geoDataDir, 'lad_hierarchy.csv'))
    .map((raw) => hierarchyRow.parse(raw))
    .map((row) => ({
      code: row.lad_code,
      name: row.lad_name,
      nameWelsh: row.lad_name_welsh,
      regionCode: row.region_code,
      regionName: row.region_name,
      nationCode: row.nation_code,
      countyCode: row.county_code,
      countyName: row.county_name,
      utlaCode: row.utla_code,
      cauthCode: row.cauth_code,
      cauthName: row.cauth_name,
      point: { lng: row.point_lon, lat: row.point_lat },
      population: population.get(row.lad_code) ?? 0,
    }))
    .sort(byCode)

  const collection = wardCollection.parse(
    JSON.parse(readFileSync(path.join(geoDataDir, 'wards_sample.geojson'), 'utf8')),
  )
  const wards: DemoWard[] = collection.features
    .map((feature) => ({
      code: feature.properties.WD13CD,
      name: feature.properties.WD13NM,
      nameWelsh: feature.properties.WD13NMW ?? undefined,
      districtCode: feature.properties.LAD13CD,
      geometry: feature.geometry as DemoWardGeometry,
    }))
    .sort(byCode)

  const districtByCode = new Map(districts.map((d) => [d.code, d]))
  const wardByCode = new Map(wards.map((w) => [w.code, w]))
  for (const ward of wards) {
    if (!districtByCode.has(ward.districtCode)) {
      throw new Error(`ward ${ward.code} names an unknown district ${ward.districtCode}`)
    }
  }

  const collect = (pick: (d: DemoDistrict) => DemoArea | undefined): DemoArea[] => {
    const seen = new Map<string, DemoArea>()
    for (const district of districts) {
      const area = pick(district)
      if (area && !seen.has(area.code)) seen.set(area.code, area)
    }
    return [...seen.values()].sort(byCode)
  }

  return {
    districts,
    wards,
    district(code) {
      const found = districtByCode.get(code)
      if (!found) throw new Error(`unknown district ${code}`)
      return found
    },
    ward(code) {
      const found = wardByCode.get(code)
      if (!found) throw new Error(`unknown ward ${code}`)
      return found
    },
    districtsIn(areaCode) {
      const found = districts.filter(
        (d) =>
          d.code === areaCode ||
          d.regionCode === areaCode ||
          d.nationCode === areaCode ||
          d.countyCode === areaCode ||
          d.utlaCode === areaCode ||
          d.cauthCode === areaCode,
      )
      if (found.length === 0) throw new Error(`no districts in ${areaCode}`)
      return found
    },
    wardsIn(districtCode) {
      return wards.filter((w) => w.districtCode === districtCode)
    },
    regions: collect((d) =>
      d.regionCode.startsWith('E12') ? { code: d.regionCode, name: d.regionName } : undefined,
    ),
    shireCounties: collect((d) =>
      d.countyCode?.startsWith('E10')
        ? { code: d.countyCode, name: d.countyName ?? d.countyCode }
        : undefined,
    ),
    metropolitanCounties: collect((d) =>
      d.countyCode?.startsWith('E11')
        ? { code: d.countyCode, name: d.countyName ?? d.countyCode }
        : undefined,
    ),
  }
}

/** The most populous district of a set: where a body covering them most plausibly has its office. */
export function mostPopulous(districts: readonly DemoDistrict[]): DemoDistrict {
  const [first, ...rest] = districts
  if (!first) throw new Error('mostPopulous: no districts')
  return rest.reduce((best, d) => (d.population > best.population ? d : best), first)
}

function ringArea(points: number[][]): number {
  let area = 0
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi = 0, yi = 0] = points[i] ?? []
    const [xj = 0, yj = 0] = points[j] ?? []
    area += (xj + xi) * (yj - yi)
  }
  return Math.abs(area / 2)
}

/**
 * A point strictly inside a (multi)polygon, like ST_PointOnSurface: on a horizontal line at
 * `fraction` of the largest part's height, the middle of the widest stretch that lies inside
 * (holes included). Different fractions give different points for bodies sharing a ward.
 */
export function pointInside(geometry: DemoWardGeometry, fraction = 0.5): LngLat {
  const parts: PolygonCoordinates[] =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as PolygonCoordinates]
      : (geometry.coordinates as PolygonCoordinates[])
  const largest = parts.reduce((best, part) =>
    ringArea(part[0] ?? []) > ringArea(best[0] ?? []) ? part : best,
  )
  const outer = largest[0] ?? []
  const ys = outer.map((p) => p[1] ?? 0)
  const minY = Math.min(...ys)
  const maxY = Math.max(...ys)
  // Nudge off the exact fraction so the scan line never passes through a vertex at 6 decimals.
  const y = minY + (maxY - minY) * fraction + 1.37e-7
  const crossings: number[] = []
  for (const part of largest) {
    for (let i = 0, j = part.length - 1; i < part.length; j = i++) {
      const [xi = 0, yi = 0] = part[i] ?? []
      const [xj = 0, yj = 0] = part[j] ?? []
      if (yi > y !== yj > y) crossings.push(xi + ((y - yi) * (xj - xi)) / (yj - yi))
    }
  }
  crossings.sort((a, b) => a - b)
  let best: { from: number; to: number } | undefined
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const from = crossings[i] ?? 0
    const to = crossings[i + 1] ?? 0
    if (!best || to - from > best.to - best.from) best = { from, to }
  }
  if (!best) throw new Error('pointInside: scan line found no interior stretch')
  return { lng: round6((best.from + best.to) / 2), lat: round6(y) }
}

/** Approximate area in km² (equirectangular at the shape's latitude: ample for telling villages from towns). */
export function areaKm2(geometry: DemoWardGeometry): number {
  const parts: PolygonCoordinates[] =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as PolygonCoordinates]
      : (geometry.coordinates as PolygonCoordinates[])
  const lat = parts[0]?.[0]?.[0]?.[1] ?? 52
  const scale = 111.32 * 111.32 * Math.cos((lat * Math.PI) / 180)
  let total = 0
  for (const part of parts) {
    part.forEach((ring, index) => {
      total += (index === 0 ? 1 : -1) * ringArea(ring) * scale
    })
  }
  return total
}

export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6
}
