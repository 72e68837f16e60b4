import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { coverageAreas as a, coverageDirectory, coverageSlugs as s } from '../coverage/coverage-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn
const server = currentEngine() === 'server'

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), coverageDirectory())
  app = createApp({ db, config: testConfig() })
  editor = await signIn(app, db, 'editor')
})
afterAll(async () => {
  await db?.close()
})

/** West Yorkshire and around, at zoom 9 (about 3 × 1.5 tiles). */
const WEST_YORKSHIRE = '-2.2,53.5,-1.2,54.0'

interface FeatureCollection {
  type: 'FeatureCollection'
  features: Array<{
    id: string
    properties: Record<string, unknown> & { code: string; name: string; type: string }
    geometry: { type: string; coordinates: unknown }
  }>
}

function positions(coordinates: unknown): Array<[number, number]> {
  if (Array.isArray(coordinates) && typeof coordinates[0] === 'number')
    return [coordinates as [number, number]]
  return (coordinates as unknown[]).flatMap(positions)
}

async function features(path: string): Promise<{ body: FeatureCollection; etag: string }> {
  const res = await request(app).get(path)
  expect(res.status, res.text.slice(0, 300)).toBe(200)
  return { body: JSON.parse(res.text), etag: res.headers.etag as string }
}

describe('generalised boundaries', () => {
  test('every area has one simplified copy per zoom band, fewer points at lower bands', async () => {
    const { rows } = await db.knex.raw<{ rows: Array<{ areas: number; bands: number; missing: number }> }>(
      `SELECT (SELECT count(*)::int FROM areas) AS areas,
              (SELECT count(*)::int FROM area_generalised) AS bands,
              (SELECT count(*)::int FROM areas a WHERE NOT EXISTS (
                 SELECT 1 FROM area_generalised g WHERE g.area_code = a.code)) AS missing`,
    )
    expect(rows[0]?.missing).toBe(0)
    expect(rows[0]?.bands).toBe((rows[0]?.areas ?? 0) * 4)
    const points = await db.knex.raw<{ rows: Array<{ band: number; n: number }> }>(
      `SELECT band, ST_NPoints(geom) AS n FROM area_generalised WHERE area_code = ? ORDER BY band`,
      [a.leeds],
    )
    const counts = points.rows.map((r) => r.n)
    expect(counts).toHaveLength(4)
    expect([...counts].sort((x, y) => x - y)).toEqual(counts)
    expect(counts[0]).toBeLessThan(counts[3] as number)
  })

  test('a boundary written later (any writer, any area type) gets its bands in the same statement', async () => {
    const undo = new Error('undo')
    const written = db.knex.transaction(async (trx) => {
      await trx.raw(`UPDATE areas SET geom = ST_Multi(ST_Buffer(label_point, 0.01)) WHERE code = ?`, [
        a.wakefield,
      ])
      const { rows } = await trx.raw<{ rows: Array<{ inside: boolean }> }>(
        `SELECT bool_and(ST_Within(g.geom, ST_Buffer(a.label_point, 0.011))) AS inside
         FROM area_generalised g JOIN areas a ON a.code = g.area_code WHERE g.area_code = ?`,
        [a.wakefield],
      )
      expect(rows[0]?.inside).toBe(true)
      throw undo
    })
    await expect(written).rejects.toBe(undo)
  })
})

describe('GET /api/ready', () => {
  test('says where map layers come from on this engine', async () => {
    const res = await request(app).get('/api/ready')
    expect(res.body.mapLayers).toBe(server ? 'mvt' : 'geojson')
  })
})

describe('GET /api/tiles/{layer}/features', () => {
  test('the districts in a viewport, clipped to it, with names and cache headers', async () => {
    const res = await request(app).get(`/api/tiles/lad/features?bbox=${WEST_YORKSHIRE}&zoom=9`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/)
    expect(res.headers['cache-control']).toBe('public, max-age=3600')
    expect(res.headers.etag).toMatch(/^"lad-b\d+-/)
    // Sent compressed to a client that accepts it (supertest asks for gzip and inflates the body).
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(res.headers.vary).toMatch(/Accept-Encoding/i)
    const body = JSON.parse(res.text) as FeatureCollection
    const codes = body.features.map((f) => f.id)
    for (const code of [a.bradford, a.leeds, a.calderdale, a.kirklees, a.wakefield])
      expect(codes).toContain(code)
    expect(codes).not.toContain(a.cardiff)
    const leeds = body.features.find((f) => f.id === a.leeds)
    expect(leeds?.properties).toMatchObject({ code: a.leeds, name: 'Leeds', type: 'lad', level: 'local' })
    for (const [lng, lat] of body.features.flatMap((f) => positions(f.geometry.coordinates))) {
      expect(lng).toBeGreaterThanOrEqual(-2.2 - 1e-9)
      expect(lng).toBeLessThanOrEqual(-1.2 + 1e-9)
      expect(lat).toBeGreaterThanOrEqual(53.5 - 1e-9)
      expect(lat).toBeLessThanOrEqual(54.0 + 1e-9)
    }
  })

  test('closer zooms carry more detail and more decimals', async () => {
    const far = await features(`/api/tiles/lad/features?bbox=-1.8,53.7,-1.6,53.85&zoom=5`)
    const near = await features(`/api/tiles/lad/features?bbox=-1.8,53.7,-1.6,53.85&zoom=13`)
    const pointsOf = (fc: FeatureCollection, code: string) =>
      positions(fc.features.find((f) => f.id === code)?.geometry.coordinates ?? [])
    expect(pointsOf(near.body, a.leeds).length).toBeGreaterThan(pointsOf(far.body, a.leeds).length)
    const decimals = (fc: FeatureCollection) =>
      Math.max(
        ...positions(fc.features[0]?.geometry.coordinates).map(([x]) => String(x).split('.')[1]?.length ?? 0),
      )
    expect(decimals(far.body)).toBeLessThanOrEqual(3)
    expect(decimals(near.body)).toBeGreaterThan(3)
  })

  test('any area type is a layer: the layer lists the areas of that type, regions here', async () => {
    const { body } = await features(`/api/tiles/region/features?bbox=-3,53,-1,54.5&zoom=7`)
    expect(body.features.map((f) => f.id)).toContain(a.yorkshire)
    expect(new Set(body.features.map((f) => f.properties.type))).toEqual(new Set(['region']))
  })

  test('the ETag is stable, If-None-Match answers 304 with no body', async () => {
    const path = `/api/tiles/lad/features?bbox=${WEST_YORKSHIRE}&zoom=9`
    const first = await request(app).get(path)
    const second = await request(app).get(path)
    expect(second.headers.etag).toBe(first.headers.etag)
    expect(second.headers['x-cache']).toBe('hit')
    const revalidated = await request(app)
      .get(path)
      .set('If-None-Match', first.headers.etag as string)
    expect(revalidated.status).toBe(304)
    expect(revalidated.text ?? '').toBe('')
    const other = await request(app).get(path).set('If-None-Match', '"something-else"')
    expect(other.status).toBe(200)
  })

  test.each([
    ['', 'bbox'],
    [`?zoom=9`, 'bbox'],
    [`?bbox=${WEST_YORKSHIRE}`, 'zoom'],
    [`?bbox=-2.2,53.5,-1.2&zoom=9`, 'bbox'],
    [`?bbox=-1.2,53.5,-2.2,54.0&zoom=9`, 'bbox'],
    [`?bbox=-2.2,53.5,-1.2,95&zoom=9`, 'bbox'],
    [`?bbox=-6,50,2,56&zoom=12`, 'bbox'],
    [`?bbox=${WEST_YORKSHIRE}&zoom=23`, 'zoom'],
    [`?bbox=${WEST_YORKSHIRE}&zoom=9.5`, 'zoom'],
    [`?bbox=${WEST_YORKSHIRE}&zoom=9&level=local`, 'level'],
  ])('bad query %s -> 400 naming %s', async (query, field) => {
    const res = await request(app).get(`/api/tiles/lad/features${query}`)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field)
  })

  test('an unknown layer -> 400 listing the layers', async () => {
    const res = await request(app).get(`/api/tiles/parish/features?bbox=${WEST_YORKSHIRE}&zoom=9`)
    expect(res.status).toBe(400)
    expect(res.body.error.details[0].field).toBe('layer')
    expect(res.body.error.message).toContain('ward')
    expect(res.body.error.message).toContain('coverage')
  })
})

describe('the coverage layer', () => {
  const path = `/api/tiles/coverage/features?bbox=${WEST_YORKSHIRE}&zoom=9&level=local&strand=any`
  const countOf = (fc: FeatureCollection, code: string) =>
    fc.features.find((f) => f.id === code)?.properties['count:any|any']

  test('carries the coverage read counts per area, with short must-revalidate caching', async () => {
    const res = await request(app).get(path)
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=30, must-revalidate')
    const coverage = await request(app).get('/api/coverage?level=local&strand=any')
    const body = JSON.parse(res.text) as FeatureCollection
    for (const code of [a.bradford, a.leeds, a.wakefield]) {
      const area = coverage.body.areas.find((x: { code: string }) => x.code === code)
      const cell = area.cells.find((c: { key: string }) => c.key === 'any|any')
      expect(countOf(body, code)).toBe(cell.count)
    }
  })

  test('a coverage edit changes the ETag and the counts; an unchanged layer keeps its ETag', async () => {
    const before = await features(path)
    const boundaries = await features(`/api/tiles/lad/features?bbox=${WEST_YORKSHIRE}&zoom=9`)
    const tilePath = `/api/tiles/coverage/8/126/82.mvt?level=local&strand=any`
    const tileBefore = server ? await request(app).get(tilePath) : undefined
    const wakefield = countOf(before.body, a.wakefield) as number

    const current = await request(app).get(`/api/providers/${s.leedsCvs}`)
    const put = await editor.agent
      .put(`/api/providers/${s.leedsCvs}/coverage`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', `"${current.body.version}"`)
      .send({ areas: [a.leeds, a.wakefield] })
    expect(put.status, JSON.stringify(put.body)).toBe(200)

    const after = await features(path)
    expect(after.etag).not.toBe(before.etag)
    expect(countOf(after.body, a.wakefield)).toBe(wakefield + 1)
    const stale = await request(app).get(path).set('If-None-Match', before.etag)
    expect(stale.status).toBe(200)
    expect((await features(`/api/tiles/lad/features?bbox=${WEST_YORKSHIRE}&zoom=9`)).etag).toBe(
      boundaries.etag,
    )
    if (tileBefore) {
      const tileAfter = await request(app).get(tilePath)
      expect(tileAfter.status).toBe(200)
      expect(tileAfter.headers.etag).not.toBe(tileBefore.headers.etag)
    }
  })

  test("coverage filters are the coverage API's: an unknown strand -> 400 naming strand", async () => {
    const res = await request(app).get(`${path}&strand=nonsense`)
    expect(res.status).toBe(400)
    expect(res.body.error.details[0].field).toBe('strand')
  })
})

describe('GET /api/tiles/{layer}/{z}/{x}/{y}.mvt', () => {
  // Zoom 8 tile over West Yorkshire (x 126, y 82).
  const tile = '/api/tiles/lad/8/126/82.mvt'

  test.each([
    ['/api/tiles/lad/23/0/0.mvt', 'z'],
    ['/api/tiles/lad/8/256/82.mvt', 'x'],
    ['/api/tiles/lad/8/126/256.mvt', 'y'],
    ['/api/tiles/lad/8/-1/82.mvt', 'x'],
    ['/api/tiles/lad/eight/126/82.mvt', 'z'],
  ])('%s -> 400 naming %s', async (path, field) => {
    const res = await request(app).get(path)
    expect(res.status).toBe(400)
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field)
  })

  test.runIf(server)(
    'server engine: a vector tile with the districts in it, cached and revalidated',
    async () => {
      const res = await request(app)
        .get(tile)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = []
          r.on('data', (c: Buffer) => chunks.push(c))
          r.on('end', () => done(null, Buffer.concat(chunks)))
        })
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
      expect(res.headers['cache-control']).toBe('public, max-age=3600')
      const body = res.body as Buffer
      // Protocol buffers keep strings as UTF-8: the layer name and feature properties are readable.
      const text = body.toString('latin1')
      expect(text).toContain('lad')
      expect(text).toContain(a.leeds)
      expect(text).toContain('Bradford')
      expect(text).not.toContain(a.cardiff)
      const again = await request(app).get(tile)
      expect(again.headers['x-cache']).toBe('hit')
      expect(again.headers.etag).toBe(res.headers.etag)
      const revalidated = await request(app)
        .get(tile)
        .set('If-None-Match', res.headers.etag as string)
      expect(revalidated.status).toBe(304)
      const empty = await request(app).get('/api/tiles/lad/8/0/0.mvt')
      expect(empty.status).toBe(200)
    },
  )

  test.runIf(!server)('embedded engine: 501 in the error shape, pointing at the GeoJSON route', async () => {
    const res = await request(app).get(tile)
    expect(res.status).toBe(501)
    expect(res.body.error.name).toBe('NotImplemented')
    expect(res.body.error.message).toContain('/api/tiles/{layer}/features')
  })
})
