import express, { type RequestHandler } from 'express'
import pino from 'pino'
import request from 'supertest'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { requireRole } from '../auth/auth-middleware'
import type { Role } from '../auth/auth-schemas'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import { errorHandler } from './errors'
import { createRouteTable, defineRoute, expressPath, type RouteDefinition } from './route-table'

const taxonomyA = { strands: [{ code: 'race' }] } as unknown as Taxonomy
const taxonomyB = { strands: [{ code: 'disability' }] } as unknown as Taxonomy

/** A signed-in session of this role, or none, as the session middleware would leave it. */
const as =
  (role?: string): RequestHandler =>
  (req, _res, next) => {
    ;(req as unknown as { session: object }).session = role ? { userId: 'u1', role } : {}
    next()
  }

function appOf(routes: RouteDefinition[], role?: string, taxonomy: () => Taxonomy = () => taxonomyA) {
  const table = createRouteTable({
    prefix: '/api',
    taxonomy: async () => taxonomy(),
    authorise: (roles) => requireRole(...(roles as Role[])),
  })
  const app = express()
    .use(express.json())
    .use(as(role))
    .use('/api', table.mount(routes))
    .use(errorHandler(pino({ level: 'silent' })))
  return { app, table }
}

let built = 0
const strandQuery = (t: Taxonomy) => {
  built++
  return z.object({ strand: z.enum(t.strands.map((s) => s.code) as [string]) }).strict()
}

const routes = [
  defineRoute({
    method: 'get',
    path: '/api/things/{id}',
    tags: ['Test'],
    summary: 'One thing',
    params: z.object({ id: z.string().regex(/^\d+$/, { message: 'must be digits' }) }),
    query: strandQuery,
    responses: { 200: { description: 'The thing' } },
    handler({ params, query }, _req, res) {
      res.json({ id: params.id, strand: query.strand })
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/things',
    tags: ['Test'],
    summary: 'Add a thing',
    roles: ['admin', 'editor'],
    body: z.object({ name: z.string({ error: 'name is required' }) }).strict(),
    responses: { 201: { description: 'Added' } },
    handler({ body }, _req, res) {
      res.status(201).json(body)
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/things/{id}',
    tags: ['Test'],
    summary: 'Change a thing: the header is checked before the body',
    body: z.object({ name: z.string() }).strict(),
    optionalBody: true,
    selfChecked: ['body'],
    responses: { 200: { description: 'Changed' } },
    async handler({ check }, req, res) {
      if (req.get('if-match') === undefined) {
        res.status(428).json({ error: { name: 'PreconditionRequired', message: 'If-Match' } })
        return
      }
      res.json(await check('body'))
    },
  }),
]

describe('the route table', () => {
  test('OpenAPI paths become Express paths under the mount prefix', () => {
    expect(expressPath('/api/tiles/{layer}/{z}/{x}/{y}.mvt', '/api')).toBe('/tiles/:layer/:z/:x/:y.mvt')
    expect(expressPath('/oruk', '/oruk')).toBe('/')
  })

  test('path and query are parsed with parseOrThrow: the one 400 shape naming the field', async () => {
    const { app } = appOf(routes)
    expect((await request(app).get('/api/things/12?strand=race')).body).toEqual({ id: '12', strand: 'race' })
    const path = await request(app).get('/api/things/x?strand=race')
    expect(path.status).toBe(400)
    expect(path.body.error).toEqual({
      name: 'ValidationError',
      message: 'Invalid path: id: must be digits',
      details: [{ field: 'id', message: 'must be digits' }],
    })
    const query = await request(app).get('/api/things/12?strand=race&x=1')
    expect(query.status).toBe(400)
    expect(query.body.error.message).toMatch(/^Invalid query: /)
  })

  test('a schema built from the taxonomy is built once per taxonomy object, and again when it changes', async () => {
    // New objects: the cache is shared, and other tests have already built for taxonomyA.
    let current = { ...taxonomyA }
    const { app } = appOf(routes, undefined, () => current)
    built = 0
    await request(app).get('/api/things/1?strand=race')
    await request(app).get('/api/things/2?strand=race')
    expect(built).toBe(1)
    current = { ...taxonomyB }
    expect((await request(app).get('/api/things/3?strand=race')).status).toBe(400)
    expect((await request(app).get('/api/things/3?strand=disability')).status).toBe(200)
    expect(built).toBe(2)
  })

  test('roles: 401 signed out, 403 another role, the handler for an allowed one', async () => {
    const anonymous = await request(appOf(routes).app).post('/api/things').send({ name: 'a' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error).toEqual({ name: 'Unauthenticated', message: 'Sign in to do this' })
    const helpline = await request(appOf(routes, 'helpline').app).post('/api/things').send({ name: 'a' })
    expect(helpline.status).toBe(403)
    expect(helpline.body.error).toEqual({
      name: 'Forbidden',
      message: 'This needs one of these roles: admin, editor',
    })
    const editor = await request(appOf(routes, 'editor').app).post('/api/things').send({ name: 'a' })
    expect(editor.status).toBe(201)
    // The role check comes before validation: a signed-out bad body is still a 401.
    expect((await request(appOf(routes).app).post('/api/things').send({})).status).toBe(401)
    const bad = await request(appOf(routes, 'admin').app).post('/api/things').send({})
    expect(bad.body.error.message).toBe('Invalid body: name: name is required')
  })

  test('a self-checked body is parsed when the handler asks, after its own checks; an absent optional body is {}', async () => {
    const { app } = appOf(routes)
    expect((await request(app).patch('/api/things/1').send({ bad: 1 })).status).toBe(428)
    const bad = await request(app).patch('/api/things/1').set('If-Match', '"1"').send({ bad: 1 })
    expect(bad.status).toBe(400)
    const empty = await request(app).patch('/api/things/1').set('If-Match', '"1"')
    expect(empty.body.error.details).toEqual([{ field: 'name', message: expect.any(String) }])
  })

  test('the table lists each route once, however often it is mounted (a replica and a primary copy)', () => {
    const { table } = appOf(routes)
    table.mount(routes)
    expect(table.routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'get /api/things/{id}',
      'post /api/things',
      'patch /api/things/{id}',
    ])
  })
})
