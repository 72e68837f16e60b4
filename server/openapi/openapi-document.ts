import { z } from 'zod'
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/auth-middleware'
import { errorBodySchema } from '../lib/errors'
import { isRawBody, type RouteDoc, resolveSchema, type SchemaSource } from '../lib/route-table'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'

/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas it names
 * (zod 4's own z.toJSONSchema, JSON Schema 2020-12 — the dialect OpenAPI 3.1 uses). Requests are
 * described by what the route accepts (the schema's input side), answers by what it sends (the
 * output side). Checks zod cannot express in JSON Schema (refinements against the live
 * vocabulary, custom parsers) appear as plain strings; the codes themselves are in /api/taxonomy.
 */

export type JsonSchema = Record<string, unknown>

interface Info {
  title: string
  version: string
  description: string
  licence: { name: string; url: string }
}

const UNSAFE = new Set(['post', 'put', 'patch', 'delete'])

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema
  return rest
}

type OperationDoc = RouteDoc
type DocContext = { taxonomy: Taxonomy }

const resolve = (source: SchemaSource, ctx: DocContext): z.ZodType => resolveSchema(source, ctx.taxonomy)

/** The object schema under pipes and transforms (a query schema is often object.strict().transform()). */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  let node: z.ZodType = schema
  for (let depth = 0; depth < 10; depth++) {
    if (node instanceof z.ZodObject) return node.shape as Record<string, z.ZodType>
    if (node instanceof z.ZodPipe) node = node.in as z.ZodType
    else return undefined
  }
  return undefined
}

function parametersOf(op: OperationDoc, ctx: DocContext) {
  const parameters: JsonSchema[] = []
  const pathNames = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)
  const pathShape = op.params ? objectShape(resolve(op.params, ctx)) : undefined
  for (const name of pathNames) {
    const field = pathShape?.[name]
    parameters.push({
      name,
      in: 'path',
      required: true,
      schema: field ? jsonSchema(field, 'input') : { type: 'string' },
    })
  }
  const queryShape = op.query ? objectShape(resolve(op.query, ctx)) : undefined
  for (const [name, field] of Object.entries(queryShape ?? {})) {
    const raw = jsonSchema(field, 'input')
    const schema = op.vocabularyParams ? withCodes(raw, name, ctx) : raw
    const { description, ...rest } = schema
    parameters.push({
      name,
      in: 'query',
      required: !field.safeParse(undefined).success,
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
      // Repeatable parameters (?strand=a&strand=b) are written out one value per key.
      style: 'form',
      explode: true,
    })
  }
  if (UNSAFE.has(op.method)) {
    parameters.push({
      name: 'X-CSRF-Token',
      in: 'header',
      required: true,
      description: 'The token from GET /api/auth/session; every change must echo it.',
      schema: { type: 'string' },
    })
  }
  return parameters
}

/**
 * Query parameters named after a vocabulary take its codes; the schemas check them with a
 * refinement JSON Schema cannot show, so the live codes are added here as an enum.
 */
const vocabularyOfParam: Record<string, keyof Taxonomy> = {
  level: 'levels',
  kind: 'kinds',
  function: 'functions',
  topic: 'topics',
  strand: 'strands',
  strandDetail: 'strandDetails',
  language: 'languages',
  format: 'formats',
  status: 'statuses',
  qualityMark: 'qualityMarks',
}

function withCodes(schema: JsonSchema, name: string, ctx: DocContext): JsonSchema {
  const vocabulary = vocabularyOfParam[name]
  if (!vocabulary) return schema
  const string = (s: JsonSchema) => s.type === 'string' && !('enum' in s)
  const codes = ctx.taxonomy[vocabulary].map((t) => t.code)
  const anyOf = schema.anyOf as JsonSchema[] | undefined
  if (string(schema)) return { ...schema, enum: codes }
  if (!anyOf?.every((s) => string(s) || (s.type === 'array' && string((s.items as JsonSchema) ?? {}))))
    return schema
  return {
    ...schema,
    anyOf: anyOf.map((s) =>
      s.type === 'array'
        ? { ...s, items: { ...(s.items as JsonSchema), enum: codes } }
        : { ...s, enum: codes },
    ),
  }
}

const errorRef = { $ref: '#/components/schemas/Error' }
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorRef } },
})

function responsesOf(op: OperationDoc, ctx: DocContext) {
  const responses: Record<string, unknown> = {}
  for (const [status, doc] of Object.entries(op.responses)) {
    const noBody = status === '204'
    const schema = doc.schema ? jsonSchema(resolve(doc.schema, ctx), 'output') : undefined
    const contentType = doc.contentType ?? 'application/json'
    responses[status] =
      Number(status) >= 400 && !schema
        ? errorResponse(doc.description)
        : {
            description: doc.description,
            ...(noBody ? {} : { content: { [contentType]: schema ? { schema } : {} } }),
          }
  }
  const hasInput = op.params || op.query || op.body
  if (hasInput && !responses['400'])
    responses['400'] = errorResponse('The request is invalid; details name each field')
  if (op.path.includes('{') && !responses['404']) responses['404'] = errorResponse('Not found')
  if (op.roles) {
    responses['401'] ??= errorResponse('Not signed in')
    responses['403'] ??= errorResponse(`Signed in without one of the roles: ${op.roles.join(', ')}`)
  } else if (UNSAFE.has(op.method)) {
    responses['403'] ??= errorResponse('Missing or invalid X-CSRF-Token header')
  }
  responses['500'] = errorResponse('Unexpected error (logged with the request id)')
  return responses
}

function requestBodyOf(op: OperationDoc, ctx: DocContext) {
  if (!op.body) return undefined
  if (isRawBody(op.body)) {
    const body = op.body
    return {
      required: true,
      description: body.description,
      content: Object.fromEntries(body.contentTypes.map((t) => [t, { schema: { type: 'string' } }])),
    }
  }
  return {
    required: true,
    content: { 'application/json': { schema: jsonSchema(resolve(op.body, ctx), 'input') } },
  }
}

const operationId = (op: OperationDoc) =>
  `${op.method}${op.path
    .replace(/^\/api/, '')
    .split(/[/.]/)
    .filter(Boolean)
    .map((part) => part.replace(/[{}]/g, ''))
    .map((part) => part.replace(/(^|[-_])(\w)/g, (_m, _sep, c: string) => c.toUpperCase()))
    .join('')}`

export function buildOpenApiDocument(routes: RouteDoc[], taxonomy: Taxonomy, info: Info) {
  const ctx: DocContext = { taxonomy }
  const paths: Record<string, Record<string, unknown>> = {}
  const tags: string[] = []
  for (const op of routes) {
    if (op.undocumented) continue
    const [tag] = op.tags
    if (!tags.includes(tag)) tags.push(tag)
    const parameters = parametersOf(op, ctx)
    const requestBody = requestBodyOf(op, ctx)
    paths[op.path] ??= {}
    ;(paths[op.path] as Record<string, unknown>)[op.method] = {
      operationId: operationId(op),
      tags: [tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.roles ? { security: [{ session: [] }], 'x-roles': op.roles } : { security: [] }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses: responsesOf(op, ctx),
    }
  }
  return {
    openapi: '3.1.0' as const,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: info.title,
      version: info.version,
      description: info.description,
      license: { name: info.licence.name, url: info.licence.url },
    },
    servers: [{ url: '/' }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBodySchema, 'output') },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: `The session cookie set by POST /api/auth/login; changes also need the ${CSRF_HEADER} header.`,
        },
      },
    },
  }
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>
