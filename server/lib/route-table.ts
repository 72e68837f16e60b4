import { type Request, type RequestHandler, type Response, Router } from 'express'
import type { z } from 'zod'
import { parseOrThrow } from './errors'
import { cachedFor } from './per-object-cache'

/**
 * The one route table: each route is declared once — method, path, summary, the zod schemas of
 * its path parameters, query and body, the roles allowed, its answers and its handler — and the
 * Express routes, their request validation, their authorisation and the OpenAPI document
 * (server/openapi/openapi-document.ts) are all made from that declaration.
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * The live vocabulary (server/taxonomy's Taxonomy), passed through untouched: the table never looks
 * inside it, so it takes any object, and a builder may ask for the real type —
 * `(taxonomy: Taxonomy) => schema` fits `(live: never) => schema`.
 */
type Live = object

/** A schema, or one built from the live vocabulary (cached per taxonomy read: lib/per-object-cache). */
export type SchemaSource<S extends z.ZodType = z.ZodType> = S | ((live: never) => S)

/** A body that is not JSON (an uploaded file): described by its content types only. */
export interface RawBody {
  contentTypes: string[]
  description: string
}

export interface ResponseDoc {
  description: string
  /** The answer's zod schema; absent where the feature has no zod schema for it yet. */
  schema?: SchemaSource
  /** Default application/json. */
  contentType?: string
}

type Where = 'query' | 'body'

/** What the OpenAPI document is made from (everything but the handler). */
export interface RouteDoc {
  method: Method
  /** The full path, OpenAPI style: /api/providers/{idOrSlug}. */
  path: string
  tags: readonly [string]
  summary: string
  description?: string
  /** Session roles allowed (401 signed out, 403 another role: MountOptions.authorise); absent: open to anyone. */
  roles?: readonly string[]
  params?: SchemaSource
  query?: SchemaSource
  body?: SchemaSource | RawBody
  responses: Record<number, ResponseDoc>
  /** Query parameters named level, kind, function, topic, strand, language, format, status take that vocabulary's codes. */
  vocabularyParams?: true
  /** Left out of /api/openapi.json (the ORUK feed is described by its own standard). */
  undocumented?: true
}

type Out<S> = S extends z.ZodType
  ? z.output<S>
  : S extends (live: never) => infer Z
    ? Z extends z.ZodType
      ? z.output<Z>
      : never
    : S extends RawBody
      ? unknown
      : undefined

export interface RouteInput<P, Q, B> {
  params: P
  query: Q
  body: B
  /**
   * Parses the query or body with this route's schema, for a route that checks it itself (listed
   * in `selfChecked`): when and whether it is checked is the handler's to decide.
   */
  check<W extends Where>(where: W): Promise<W extends 'query' ? Q : B>
}

export interface RouteOptions {
  /** Express middleware before the role check (the session, for a route mounted before it; a rate limit). */
  before?: RequestHandler[]
  /** Express middleware after the role check and before validation (a body parser of its own). */
  after?: RequestHandler[]
  /** An absent body is read as {} (routes whose body is optional). */
  optionalBody?: true
  /**
   * Inputs described here but checked by the handler or the service it calls (their own order or
   * their own messages): not parsed before the handler, which may call `check`.
   */
  selfChecked?: Where[]
}

export interface RouteDefinition extends RouteDoc, RouteOptions {
  handler(input: RouteInput<unknown, unknown, unknown>, req: Request, res: Response): unknown
}

/** One route, typed: the handler's params, query and body are what the schemas give. */
export function defineRoute<
  P extends SchemaSource | undefined = undefined,
  Q extends SchemaSource | undefined = undefined,
  B extends SchemaSource | RawBody | undefined = undefined,
>(
  route: Omit<RouteDoc, 'params' | 'query' | 'body'> &
    RouteOptions & {
      params?: P
      query?: Q
      body?: B
      handler(input: RouteInput<Out<P>, Out<Q>, Out<B>>, req: Request, res: Response): unknown
    },
): RouteDefinition {
  return route as unknown as RouteDefinition
}

/** The schema itself, or the one built from this taxonomy (built once per taxonomy object). */
export function resolveSchema<S extends z.ZodType>(source: SchemaSource<S>, live: Live): S {
  return typeof source === 'function' ? cachedFor(live, source as (live: Live) => S) : source
}

export const isRawBody = (body: RouteDoc['body']): body is RawBody =>
  typeof body === 'object' && body !== null && 'contentTypes' in body

/** OpenAPI's /providers/{id} as Express's /providers/:id, less the mount prefix. */
export function expressPath(path: string, prefix: string): string {
  const local = path.startsWith(prefix) ? path.slice(prefix.length) : path
  return local.replace(/\{(\w+)\}/g, ':$1') || '/'
}

export const routeKey = (route: Pick<RouteDoc, 'method' | 'path'>) =>
  `${route.method.toUpperCase()} ${route.path}`

export interface MountOptions {
  /** Where the router is mounted (/api, /oruk): route paths are full paths. */
  prefix: string
  /** The live vocabulary, read only by routes whose schemas are built from it. */
  taxonomy: () => Promise<Live>
  /**
   * The role check for `roles` (server/auth's requireRole: 401 signed out, 403 another role);
   * needed once any route names roles.
   */
  authorise?: (roles: readonly string[]) => RequestHandler
}

function handlerOf(route: RouteDefinition, options: MountOptions): RequestHandler {
  const selfChecked = new Set(route.selfChecked ?? [])
  const parse = async (req: Request, where: 'params' | Where): Promise<unknown> => {
    const source = route[where]
    const value =
      where === 'params'
        ? req.params
        : where === 'query'
          ? req.query
          : route.optionalBody
            ? (req.body ?? {})
            : req.body
    if (source === undefined || isRawBody(source)) return value
    const schema = typeof source === 'function' ? resolveSchema(source, await options.taxonomy()) : source
    return parseOrThrow(schema, value, where === 'params' ? 'path' : where)
  }
  return async (req, res) => {
    const params = await parse(req, 'params')
    const query = selfChecked.has('query') ? undefined : await parse(req, 'query')
    const body = selfChecked.has('body') ? undefined : await parse(req, 'body')
    const check = (where: Where) => parse(req, where) as never
    await route.handler({ params, query, body, check }, req, res)
  }
}

/**
 * An Express router answering `routes`, in their order: for each, the `before` middleware, the
 * role check (`authorise`: 401 signed out, 403 another role), the `after`
 * middleware, then path parameters, query and body parsed with parseOrThrow (the one 400 shape),
 * then the handler. CSRF and the session stay where the app mounts them.
 */
export function mountRoutes(routes: RouteDefinition[], options: MountOptions): Router {
  const router = Router()
  const authorise = (roles: readonly string[]) => {
    if (!options.authorise) throw new Error('routes with roles need MountOptions.authorise')
    return options.authorise(roles)
  }
  for (const route of routes) {
    const chain: RequestHandler[] = [
      ...(route.before ?? []),
      ...(route.roles ? [authorise(route.roles)] : []),
      ...(route.after ?? []),
      handlerOf(route, options),
    ]
    router[route.method](expressPath(route.path, options.prefix), ...chain)
  }
  return router
}

/**
 * The routes an app answers, collected as it mounts them: the OpenAPI document and the tests read
 * this list. A route mounted twice (the replica's copy and the primary's) is listed once.
 */
export function createRouteTable(options: MountOptions) {
  const routes: RouteDefinition[] = []
  const seen = new Set<string>()
  return {
    routes,
    mount(defined: RouteDefinition[]): Router {
      for (const route of defined) {
        const key = routeKey(route)
        if (seen.has(key)) continue
        seen.add(key)
        routes.push(route)
      }
      return mountRoutes(defined, options)
    },
  }
}

export type RouteTable = ReturnType<typeof createRouteTable>
