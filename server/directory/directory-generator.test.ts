import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { testConfig } from '../../test/helpers/test-config'
import { providerInputSchema } from '../providers/provider-schema'
import { buildTaxonomy } from '../taxonomy/taxonomy-source'
import { GENERATED_SOURCE, type GeneratorArea, generateProviders } from './directory-generator'

const config = testConfig()
const taxonomy = buildTaxonomy(fs.readFileSync(config.taxonomyFile, 'utf8'))

// The real districts, regions and nations of lad_hierarchy.csv, plus two of Bradford's wards.
const rows: Array<Record<string, string>> = parse(
  fs.readFileSync(path.join(config.geoDataDir, 'lad_hierarchy.csv')),
  {
    columns: true,
  },
)
const point = (r: Record<string, string>) => ({ lng: Number(r.point_lon), lat: Number(r.point_lat) })
const areas: GeneratorArea[] = [
  ...rows.map((r) => ({
    code: r.lad_code as string,
    name: r.lad_name as string,
    type: 'lad',
    level: 'local',
    ...point(r),
    population: null,
  })),
  ...[
    ...new Map(rows.filter((r) => r.region_code?.startsWith('E12')).map((r) => [r.region_code, r])).values(),
  ].map((r) => ({
    code: r.region_code as string,
    name: r.region_name as string,
    type: 'region',
    level: 'regional',
    ...point(r),
    population: null,
  })),
  {
    code: 'E92000001',
    name: 'England',
    type: 'nation',
    level: 'national',
    lng: -1.5,
    lat: 52.8,
    population: null,
  },
  {
    code: 'W92000004',
    name: 'Wales',
    type: 'nation',
    level: 'national',
    lng: -3.7,
    lat: 52.3,
    population: null,
  },
  {
    code: 'E05001347',
    name: 'City',
    type: 'ward',
    level: 'neighbourhood',
    lng: -1.75,
    lat: 53.79,
    population: null,
  },
  {
    code: 'E05001359',
    name: 'Manningham',
    type: 'ward',
    level: 'neighbourhood',
    lng: -1.77,
    lat: 53.81,
    population: null,
  },
]

const generate = (count: number, seed: number, batch = 250) =>
  [...generateProviders(areas, taxonomy, count, batch, { seed })].flat()

describe('the synthetic directory generator', () => {
  test('is deterministic for a seed and differs between seeds', () => {
    expect(generate(300, 1)).toEqual(generate(300, 1, 7))
    expect(generate(300, 2).map((p) => p.name)).not.toEqual(generate(300, 1).map((p) => p.name))
  })

  test('yields the requested count in batches of the requested size', () => {
    const batches = [...generateProviders(areas, taxonomy, 1001, 250, { seed: 3 })]
    expect(batches.map((b) => b.length)).toEqual([250, 250, 250, 250, 1])
  })

  test('every record passes the provider input schema and is marked generated', () => {
    const schema = providerInputSchema(taxonomy)
    const records = generate(2000, 5)
    const problems = records.flatMap((r) => {
      const result = schema.safeParse(r)
      return result.success ? [] : [`${r.slug}: ${result.error.message}`]
    })
    expect(problems).toEqual([])
    expect(new Set(records.map((r) => r.slug)).size).toBe(records.length)
    expect(records.every((r) => r.source === GENERATED_SOURCE && r.slug.startsWith('generated-5-'))).toBe(
      true,
    )
    expect(records.every((r) => r.kind === 'specialist' || r.strands.length === 0)).toBe(true)
  })

  test('has the intended shape: mostly local, a few per cent national, most active', () => {
    const records = generate(10_000, 1)
    const share = (f: (r: (typeof records)[number]) => boolean) => records.filter(f).length / records.length
    expect(share((r) => r.level === 'local')).toBeGreaterThan(0.5)
    expect(share((r) => r.level === 'local')).toBeLessThan(0.6)
    expect(share((r) => r.level === 'national')).toBeGreaterThan(0.03)
    expect(share((r) => r.level === 'national')).toBeLessThan(0.07)
    expect(share((r) => r.kind === 'generalist')).toBeGreaterThan(0.35)
    expect(share((r) => r.status === 'active')).toBeGreaterThan(0.93)
    expect(share((r) => r.office !== undefined)).toBeGreaterThan(0.8)
    const wardCodes = new Set(['E05001347', 'E05001359'])
    expect(
      records
        .filter((r) => r.level === 'neighbourhood')
        .every((r) => r.coverage.areas.every((c) => wardCodes.has(c))),
    ).toBe(true)
  })
})
