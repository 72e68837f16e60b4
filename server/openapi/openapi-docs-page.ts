import type { JsonSchema, OpenApiDocument } from './openapi-document'

/**
 * The readable reference at /api/docs, rendered on the server from the OpenAPI document: plain
 * HTML and one stylesheet from our own origin, no script, so it satisfies the app's
 * Content-Security-Policy (default-src 'self') and reads the same without JavaScript.
 */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

interface Parameter {
  name: string
  in: string
  required: boolean
  description?: string
  schema: JsonSchema
}

interface Operation {
  operationId: string
  tags: string[]
  summary: string
  description?: string
  'x-roles'?: string[]
  parameters?: Parameter[]
  requestBody?: { description?: string; content: Record<string, { schema?: JsonSchema }> }
  responses: Record<string, { description: string; content?: Record<string, { schema?: JsonSchema }> }>
}

/** A short type label for a parameter table: string, integer, one of a|b, list of ... */
function typeLabel(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(String).join(' | ')}`
  const anyOf = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined
  if (anyOf) return [...new Set(anyOf.map(typeLabel))].join(' or ')
  if (schema.type === 'array') return `list of ${typeLabel((schema.items as JsonSchema) ?? {})}`
  if (typeof schema.type === 'string')
    return schema.format ? `${schema.type} (${schema.format})` : schema.type
  return 'any'
}

function schemaBlock(label: string, schema: JsonSchema | undefined): string {
  if (!schema || Object.keys(schema).length === 0) return ''
  return `<details><summary>${escapeHtml(label)}</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`
}

function renderOperation(path: string, method: string, op: Operation): string {
  const params = op.parameters ?? []
  const table =
    params.length === 0
      ? ''
      : `<table><caption>Parameters</caption><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Required</th><th scope="col">Type</th></tr></thead><tbody>${params
          .map(
            (p) =>
              `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escapeHtml(typeLabel(p.schema))}${p.description ? `<br>${escapeHtml(p.description)}` : ''}</td></tr>`,
          )
          .join('')}</tbody></table>`
  const body = op.requestBody
    ? `<h4>Request body</h4>${op.requestBody.description ? `<p>${escapeHtml(op.requestBody.description)}</p>` : ''}<p>${Object.keys(
        op.requestBody.content,
      )
        .map((t) => `<code>${escapeHtml(t)}</code>`)
        .join(', ')}</p>${Object.values(op.requestBody.content)
        .map((c) => schemaBlock('Body schema', c.schema))
        .join('')}`
    : ''
  const responses = `<h4>Responses</h4><dl>${Object.entries(op.responses)
    .map(([status, r]) => {
      const content = Object.entries(r.content ?? {})
      return `<dt>${escapeHtml(status)}</dt><dd>${escapeHtml(r.description)}${content
        .map(([type, c]) => ` <code>${escapeHtml(type)}</code>${schemaBlock(`${status} schema`, c.schema)}`)
        .join('')}</dd>`
    })
    .join('')}</dl>`
  const roles = op['x-roles']
    ? `<p class="roles">Signed in as: ${escapeHtml(op['x-roles'].join(', '))}</p>`
    : ''
  return `<article id="${escapeHtml(op.operationId)}"><h3><span class="method method-${escapeHtml(method)}">${escapeHtml(
    method.toUpperCase(),
  )}</span> <code>${escapeHtml(path)}</code></h3><p>${escapeHtml(op.summary)}</p>${
    op.description ? `<p>${escapeHtml(op.description)}</p>` : ''
  }${roles}${table}${body}${responses}</article>`
}

export function renderDocsPage(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>()
  const contents = new Map<string, string[]>()
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as Operation
      const tag = op.tags[0] ?? 'Other'
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(path, method, op)])
      contents.set(tag, [
        ...(contents.get(tag) ?? []),
        `<li><a href="#${escapeHtml(op.operationId)}">${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</a></li>`,
      ])
    }
  }
  const tagId = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title>
<link rel="stylesheet" href="/api/docs/docs.css">
</head>
<body>
<a class="skip" href="#main">Skip to the reference</a>
<header>
<h1>${escapeHtml(doc.info.title)}</h1>
<p>${escapeHtml(doc.info.description)}</p>
<p>Version ${escapeHtml(doc.info.version)}. Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escapeHtml(doc.openapi)}).
Errors always have the body <code>{"error": {"name", "message", "details"?}}</code>.
Open data: <a href="/oruk/">/oruk/</a> (Open Referral UK 3.0) and the downloads below, under <a href="${escapeHtml(doc.info.license.url)}">${escapeHtml(doc.info.license.name)}</a>.</p>
</header>
<nav aria-label="Contents">
<h2>Contents</h2>
${[...contents]
  .map(([tag, items]) => `<h3><a href="#${tagId(tag)}">${escapeHtml(tag)}</a></h3><ul>${items.join('')}</ul>`)
  .join('\n')}
</nav>
<main id="main">
${[...byTag]
  .map(
    ([tag, ops]) =>
      `<section aria-labelledby="${tagId(tag)}"><h2 id="${tagId(tag)}">${escapeHtml(tag)}</h2>${ops.join('\n')}</section>`,
  )
  .join('\n')}
</main>
</body>
</html>
`
}
