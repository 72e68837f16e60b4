import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import type { Database } from '../lib/db'
import { importGeography } from './geo-importer'
import { type GeoManifest, loadManifest, type ManifestLayer } from './geo-manifest'

let db: Database
const config = testConfig()
const manifest = loadManifest()
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'geo-import-test-'))

beforeAll(async () => {
  db = await openTestDatabase()
})
afterAll(async () => {
  await db?.close()
  fs.rmSync(workDir, { recursive: true, force: true })
})

const layer = (name: string): ManifestLayer => {
  const found = manifest.layers.find((l) => l.name === name)
  if (!found) throw new Error(`no ${name} layer in the manifest`)
  return found
}

type FeatureJson = {
  type: 'Feature'
  properties: Record<string, unknown>
  geometry: { type: string; coordinates: unknown }
}
type CollectionJson = { type: 'FeatureCollection'; features: FeatureJson[] }

function readShared(file: string): CollectionJson {
  return JSON.parse(fs.readFileSync(path.join(config.geoDataDir, file), 'utf8'))
}

function writeWork(file: string, content: unknown) {
  fs.writeFileSync(path.join(workDir, file), typeof content === 'string' ? content : JSON.stringify(content))
}

/** Copies a shared file into the work folder so a test manifest can mix real and broken files. */
function copyShared(file: string) {
  fs.copyFileSync(path.join(config.geoDataDir, file), path.join(workDir, file))
}

async function snapshot() {
  const rows = await db.knex.raw(`
    SELECT (SELECT count(*) FROM areas)::int AS areas,
           (SELECT count(*) FROM area_layers)::int AS memberships,
           (SELECT count(*) FROM area_parts)::int AS parts,
           (SELECT count(*) FROM area_relations)::int AS relations,
           (SELECT count(*) FROM area_closure)::int AS closure,
           (SELECT count(*) FROM area_layers WHERE layer = 'wards')::int AS wards,
           (SELECT md5(string_agg(code || name || ST_AsBinary(geom)::text, ',' ORDER BY code)) FROM areas WHERE type = 'ward') AS ward_digest`)
  return rows.rows[0]
}

async function countsByType(table: 'areas' | 'area_layers'): Promise<Record<string, number>> {
  const result = await db.knex.raw<{ rows: Array<{ type: string; n: number }> }>(
    'SELECT type, count(*)::int AS n FROM ?? GROUP BY type ORDER BY type',
    [table],
  )
  return Object.fromEntries(result.rows.map((r) => [r.type, r.n]))
}

function withWard<T>(fn: (wards: CollectionJson) => T): CollectionJson {
  const wards = readShared('wards_sample.geojson')
  fn(wards)
  return wards
}

describe(`boundary import on the ${currentEngine()} engine`, () => {
  test('the template holds every layer at its documented size', async () => {
    const rows = await countsByType('area_layers')
    expect(rows).toEqual({
      'combined-authority': 10,
      county: 35,
      lad: 348 + 32 + 11,
      nation: 4,
      region: 9,
      'upper-tier': 174,
      ward: 226,
    })
    // One row per code: the 147 single-district upper-tier authorities are their district's row.
    const areaRows = await countsByType('areas')
    expect(areaRows).toEqual({
      'combined-authority': 10,
      county: 35,
      lad: 348 + 32 + 11,
      nation: 4,
      region: 9,
      ward: 226,
    })
    const shared = await db.knex.raw(`
      SELECT a.type, count(*)::int AS n FROM area_layers l JOIN areas a ON a.code = l.code
      WHERE l.type = 'upper-tier' GROUP BY a.type ORDER BY a.type`)
    expect(shared.rows).toEqual([
      { type: 'county', n: 27 },
      { type: 'lad', n: 147 },
    ])
  })

  test("layers with simplifyDegrees are stored simplified: Northern Ireland's districts lose most vertices, stay valid and keep their places", async () => {
    const ni = layer('districts-northern-ireland')
    expect(ni.simplifyDegrees).toBeGreaterThan(0)
    const source = readShared(ni.file)
    const countVertices = (c: unknown): number =>
      Array.isArray(c)
        ? typeof c[0] === 'number'
          ? 1
          : c.reduce((n: number, x) => n + countVertices(x), 0)
        : 0
    const sourceVertices = source.features.reduce((n, f) => n + countVertices(f.geometry.coordinates), 0)
    const stored = await db.knex.raw(`
      SELECT sum(ST_NPoints(geom))::int AS vertices, bool_and(ST_IsValid(geom)) AS valid, count(*)::int AS n
      FROM areas WHERE code LIKE 'N09%'`)
    expect(stored.rows[0].n).toBe(11)
    expect(stored.rows[0].valid).toBe(true)
    // 153,543 source vertices; at 0.0002° about a seventh of them remain.
    expect(stored.rows[0].vertices).toBeLessThan(sourceVertices * 0.3)
    // Belfast City Hall and Derry's Guildhall still fall in their own district.
    const at = async (lng: number, lat: number) =>
      (
        await db.knex.raw(
          `SELECT code FROM areas WHERE code LIKE 'N09%' AND ST_Contains(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))`,
          [lng, lat],
        )
      ).rows.map((r: { code: string }) => r.code)
    expect(await at(-5.9301, 54.5964)).toEqual(['N09000003'])
    expect(await at(-7.3186, 54.9966)).toEqual(['N09000005'])
  })

  test('each district has exactly one region, or is Welsh with Wales as its direct parent; one nation each', async () => {
    const result = await db.knex.raw(`
      SELECT d.code,
             count(*) FILTER (WHERE a.type = 'region')::int AS regions,
             count(*) FILTER (WHERE a.type = 'nation')::int AS nations,
             bool_or(a.code = 'W92000004' AND c.depth = 1) AS wales_parent
      FROM areas d
      JOIN area_closure c ON c.descendant_code = d.code
      JOIN areas a ON a.code = c.ancestor_code
      WHERE d.type = 'lad' AND d.code ~ '^[EW]'
      GROUP BY d.code`)
    expect(result.rows).toHaveLength(348)
    for (const row of result.rows) {
      expect(row.nations, row.code).toBe(1)
      if (row.code.startsWith('W')) {
        expect(row.regions, row.code).toBe(0)
        expect(row.wales_parent, row.code).toBe(true)
      } else {
        expect(row.regions, row.code).toBe(1)
      }
    }
  })

  test('relations follow lad_hierarchy.csv and every ward lies in its parent district', async () => {
    const edges = await db.knex('area_relations').where({ child_code: 'E07000148' }).orderBy('parent_code')
    expect(edges.map((e) => e.parent_code)).toEqual(['E10000020', 'E12000006'])
    const regionOf = await db.knex('area_relations').where({ child_code: 'E10000020' }).select('parent_code')
    expect(regionOf.map((e) => e.parent_code)).toEqual(['E12000006'])
    const nationOf = await db.knex('area_relations').where({ child_code: 'E12000006' }).select('parent_code')
    expect(nationOf.map((e) => e.parent_code)).toEqual(['E92000001'])
    const wards = await db.knex.raw(`
      SELECT w.code, d.code AS district, ST_Contains(d.geom, w.label_point) AS inside
      FROM areas w JOIN area_relations r ON r.child_code = w.code JOIN areas d ON d.code = r.parent_code
      WHERE w.type = 'ward'`)
    expect(wards.rows).toHaveLength(226)
    expect(wards.rows.filter((w: { inside: boolean }) => !w.inside)).toEqual([])
  })

  test('area_closure holds every transitive pair: a ward reaches its district, county, CA, region and nation', async () => {
    const ancestors = await db
      .knex('area_closure')
      .where({ descendant_code: 'E05001347' })
      .orderBy('depth')
      .orderBy('ancestor_code')
      .select('ancestor_code', 'depth')
    expect(ancestors.map((a) => a.ancestor_code).sort()).toEqual(
      ['E08000032', 'E11000006', 'E47000003', 'E12000003', 'E92000001'].sort(),
    )
    expect(ancestors[0]).toEqual({ ancestor_code: 'E08000032', depth: 1 })
    // Closed under composition: no (a, b), (b, c) without (a, c).
    const missing = await db.knex.raw(`
      SELECT count(*)::int AS n FROM area_closure x JOIN area_closure y ON y.descendant_code = x.ancestor_code
      WHERE NOT EXISTS (SELECT 1 FROM area_closure z WHERE z.ancestor_code = y.ancestor_code AND z.descendant_code = x.descendant_code)`)
    expect(missing.rows[0].n).toBe(0)
    const england = await db.knex('area_closure').where({ ancestor_code: 'E92000001' }).count({ n: '*' })
    // 326 districts, 35 counties, 27+0 upper-tier counties (already counted), 10 CAs, 9 regions, 197 English wards.
    expect(Number(england[0]?.n)).toBe(326 + 35 + 10 + 9 + 197)
  })

  const brokenWards: Array<[string, () => unknown, RegExp]> = [
    [
      'corrupt JSON',
      () => fs.readFileSync(path.join(config.geoDataDir, 'wards_sample.geojson'), 'utf8').slice(0, 5000),
      /^wards_bad\.geojson: not valid GeoJSON/,
    ],
    [
      'not a FeatureCollection',
      () => ({ type: 'Feature', properties: {} }),
      /expected a GeoJSON FeatureCollection/,
    ],
    ['no features', () => ({ type: 'FeatureCollection', features: [] }), /has no features/],
    [
      'missing code property',
      () => withWard((w) => delete w.features[3]?.properties.WD13CD),
      /^wards_bad\.geojson: feature 3: property "WD13CD" \(the area code\) is missing$/,
    ],
    [
      'missing name property',
      () => withWard((w) => delete w.features[7]?.properties.WD13NM),
      /^wards_bad\.geojson: feature 7 \(E05\d{6}\): property "WD13NM" \(the area name\) is missing$/,
    ],
    [
      'missing parent code property',
      () => withWard((w) => delete w.features[8]?.properties.LAD13CD),
      /feature 8 \(E05\d{6}\): property "LAD13CD" \(the parent code\) is missing/,
    ],
    [
      'code that is not a GSS code',
      () =>
        withWard((w) => {
          if (w.features[5]) w.features[5].properties.WD13CD = '00CXGH'
        }),
      /feature 5 \(00CXGH\): property "WD13CD" is not a GSS code/,
    ],
    [
      'duplicate code',
      () =>
        withWard((w) => {
          if (w.features[10] && w.features[2])
            w.features[10].properties.WD13CD = w.features[2].properties.WD13CD
        }),
      /feature 10 \(E05\d{6}\): property "WD13CD" repeats the code of feature 2$/,
    ],
    [
      'latitude out of range',
      () =>
        withWard((w) => {
          const polygon = w.features[4]?.geometry
          if (polygon?.type !== 'Polygon') throw new Error('expected a Polygon ward')
          ;(polygon.coordinates as number[][][])[0]?.splice(2, 1, [-1.7, 95])
        }),
      /feature 4 \(E05\d{6}\): property "geometry\.coordinates\[0\]\[2\]": latitude 95 is outside -90\.\.90/,
    ],
    [
      'longitude out of range',
      () =>
        withWard((w) => {
          const polygon = w.features[6]?.geometry
          if (polygon?.type !== 'Polygon') throw new Error('expected a Polygon ward')
          ;(polygon.coordinates as number[][][])[0]?.splice(1, 1, [181.5, 53.8])
        }),
      /feature 6 \(E05\d{6}\): property "geometry\.coordinates\[0\]\[1\]": longitude 181\.5 is outside -180\.\.180/,
    ],
    [
      'non-polygon geometry',
      () =>
        withWard((w) => {
          if (w.features[0]) w.features[0].geometry = { type: 'Point', coordinates: [-1.7, 53.8] }
        }),
      /feature 0 \(E05\d{6}\): property "geometry" must be a Polygon or MultiPolygon/,
    ],
    [
      'a polygon with no area (repair leaves nothing): caught inside the transaction',
      () =>
        withWard((w) => {
          if (w.features[1]) {
            w.features[1].geometry = {
              type: 'Polygon',
              coordinates: [
                [
                  [-1.7, 53.8],
                  [-1.6, 53.9],
                  [-1.7, 53.8],
                  [-1.7, 53.8],
                ],
              ],
            }
          }
        }),
      /feature 1 \(E05\d{6}\): property "geometry" has no polygon area after repair/,
    ],
  ]

  test.each(brokenWards)(
    'a wards file with %s stops that layer with a message naming file, feature and property; the earlier layers stay',
    async (_case, content, message) => {
      const before = await snapshot()
      writeWork('wards_bad.geojson', content())
      copyShared('combined_authorities_england.geojson')
      const testManifest: GeoManifest = {
        layers: [layer('combined-authorities'), { ...layer('wards'), file: 'wards_bad.geojson' }],
        lookups: [],
        populations: [],
      }
      const report = await importGeography(db.knex, { dataDir: workDir, manifest: testManifest })
      expect(report.ok).toBe(false)
      expect(report.layers.map((l) => [l.layer, l.status])).toEqual([
        ['combined-authorities', 'loaded'],
        ['wards', 'failed'],
      ])
      expect(report.layers[1]?.error).toMatch(message)
      expect(await snapshot()).toEqual(before)
    },
  )

  test('an unreadable file is named; the layers after it still load', async () => {
    const before = await snapshot()
    copyShared('nations.geojson')
    const report = await importGeography(db.knex, {
      dataDir: workDir,
      manifest: {
        layers: [{ ...layer('wards'), file: 'no_such_wards.geojson' }, layer('nations')],
        lookups: [],
        populations: [],
      },
    })
    expect(report.layers.map((l) => l.status)).toEqual(['failed', 'loaded'])
    expect(report.layers[0]?.error).toBe('no_such_wards.geojson: cannot read the file (ENOENT)')
    expect(await snapshot()).toEqual(before)
  })

  test('lookup and population files are checked the same way', async () => {
    writeWork('bad_hierarchy.csv', 'lad_code,region_code\nE08000032,Yorkshire\n')
    writeWork('bad_population.csv', 'lad_code,population\nE08000032,lots\n')
    const report = await importGeography(db.knex, {
      dataDir: workDir,
      manifest: {
        layers: [],
        lookups: [
          {
            name: 'bad-hierarchy',
            file: 'bad_hierarchy.csv',
            links: [{ child: 'lad_code', parent: 'region_code' }],
          },
          {
            name: 'no-column',
            file: 'bad_hierarchy.csv',
            links: [{ child: 'lad_code', parent: 'nation_code' }],
          },
        ],
        populations: [
          { name: 'bad-population', file: 'bad_population.csv', code: 'lad_code', population: 'population' },
        ],
      } as unknown as GeoManifest,
    })
    expect(report.lookups.map((l) => l.error)).toEqual([
      'bad_hierarchy.csv: row 1: column "region_code" is not a GSS code ("Yorkshire")',
      'bad_hierarchy.csv: column "nation_code" is missing',
    ])
    expect(report.populations.error).toBe(
      'bad_population.csv: row 1: column "population" is not a whole number',
    )
    const bradford = await db.knex('areas').where({ code: 'E08000032' }).first('population')
    expect(bradford.population).toBe(523115)
  })

  test('invalid geometry is repaired with ST_MakeValid and reported; a new layer without parent codes gets parents from geometry', async () => {
    // A self-intersecting "bow tie" inside Bradford, as a ward from some other ONS file.
    writeWork('extra_wards.geojson', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { WD99CD: 'E05999999', WD99NM: 'Bow Tie' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [-1.76, 53.79],
                [-1.74, 53.8],
                [-1.74, 53.79],
                [-1.76, 53.8],
                [-1.76, 53.79],
              ],
            ],
          },
        },
      ],
    })
    const report = await importGeography(db.knex, {
      dataDir: workDir,
      manifest: {
        layers: [
          {
            name: 'extra-wards',
            file: 'extra_wards.geojson',
            level: 'neighbourhood',
            type: 'ward',
            properties: { code: 'WD99CD', name: 'WD99NM' },
          },
        ],
        lookups: [],
        populations: [],
      },
    })
    expect(report.ok).toBe(true)
    expect(report.layers[0]?.repaired).toEqual([
      { featureIndex: 0, code: 'E05999999', reason: expect.stringMatching(/Self-intersection/) },
    ])
    const area = await db.knex.raw(
      `SELECT ST_IsValid(geom) AS valid, GeometryType(geom) AS type, ST_NumGeometries(geom) AS parts, source_layer
       FROM areas WHERE code = 'E05999999'`,
    )
    expect(area.rows[0]).toEqual({ valid: true, type: 'MULTIPOLYGON', parts: 2, source_layer: 'extra-wards' })
    const layerRow = await db.knex('geo_layers').where({ name: 'extra-wards' }).first()
    expect(layerRow).toMatchObject({ feature_count: 1, repaired_count: 1 })
    const parents = await db
      .knex('area_relations')
      .where({ child_code: 'E05999999' })
      .select('parent_code', 'source')
    expect(parents).toEqual([{ parent_code: 'E08000032', source: 'geometry' }])
    const ancestors = await db
      .knex('area_closure')
      .where({ descendant_code: 'E05999999' })
      .pluck('ancestor_code')
    expect(ancestors.sort()).toEqual(['E08000032', 'E11000006', 'E12000003', 'E47000003', 'E92000001'])
  })

  test('re-importing a layer replaces it atomically: removed codes go, with their parts and relations', async () => {
    const wards = readShared('wards_sample.geojson')
    const kept = wards.features.filter((f) => f.properties.LAD13CD !== 'E08000032')
    writeWork('wards_fewer.geojson', { ...wards, features: kept })
    const report = await importGeography(db.knex, {
      dataDir: workDir,
      manifest: {
        layers: [{ ...layer('wards'), file: 'wards_fewer.geojson' }],
        lookups: [],
        populations: [],
      },
    })
    expect(report.layers[0]).toMatchObject({ status: 'loaded', features: 196, removed: 30, inserted: 0 })
    const removed = wards.features
      .filter((f) => f.properties.LAD13CD === 'E08000032')
      .map((f) => String(f.properties.WD13CD))
    expect(await db.knex('areas').whereIn('code', removed).count({ n: '*' })).toEqual([{ n: 0 }])
    expect(await db.knex('area_parts').whereIn('code', removed).count({ n: '*' })).toEqual([{ n: 0 }])
    expect(await db.knex('area_relations').whereIn('child_code', removed).count({ n: '*' })).toEqual([
      { n: 0 },
    ])
    // Only the bow-tie ward from the other layer is left under Bradford.
    const under = await db.knex('area_closure').where({ ancestor_code: 'E08000032' }).pluck('descendant_code')
    expect(under).toEqual(['E05999999'])
    copyShared('wards_sample.geojson')
    const back = await importGeography(db.knex, {
      dataDir: workDir,
      manifest: { layers: [layer('wards')], lookups: [], populations: [] },
    })
    expect(back.layers[0]).toMatchObject({ status: 'loaded', features: 226, inserted: 30 })
  })

  test('a code in a less local layer keeps its row: re-importing upper-tier leaves districts and counties untouched', async () => {
    copyShared('upper_tier_england_wales.geojson')
    const before = await db
      .knex('areas')
      .whereIn('code', ['E06000001', 'E10000020'])
      .orderBy('code')
      .select('code', 'type', 'name', 'source_layer')
    const report = await importGeography(db.knex, {
      dataDir: workDir,
      manifest: { layers: [layer('upper-tier')], lookups: [], populations: [] },
    })
    expect(report.layers[0]).toMatchObject({
      status: 'loaded',
      features: 174,
      written: 0,
      membershipOnly: 174,
    })
    const after = await db
      .knex('areas')
      .whereIn('code', ['E06000001', 'E10000020'])
      .orderBy('code')
      .select('code', 'type', 'name', 'source_layer')
    expect(after).toEqual(before)
    expect(after.map((a) => a.type)).toEqual(['lad', 'county'])
  })
})
