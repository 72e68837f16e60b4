import type { RequestHandler } from 'express'
import { type ErrorDetail, ValidationError } from './errors'

/**
 * One gate for text every route reads: the path, the query string and a JSON body. PostgreSQL
 * text cannot hold NUL (22021), jsonb refuses a lone UTF-16 surrogate (22P02), and a body nested
 * thousands of levels deep overflows any recursive walk — each used to come back as a 500 from
 * wherever it happened to land. Here they are refused with a 400 naming the field, before any
 * handler (or the form-token check) runs. The walk is iterative, so depth cannot overflow it.
 */

/** Deepest JSON nesting a request body may have; real bodies (a MultiPolygon in a record) use about 7. */
export const MAX_JSON_DEPTH = 64

// With the u flag a well-formed pair is one code point, so \p{Cs} matches only a lone surrogate.
const loneSurrogate = /\p{Cs}/u

/** Why this text cannot be stored, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'text must not contain NUL characters'
  if (loneSurrogate.test(text)) return 'text must be valid Unicode (it holds a lone surrogate, e.g. \\ud800)'
  return undefined
}

const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`)

/**
 * The first string (value or key) that cannot be stored, or the first container nested deeper
 * than `maxDepth`, in a parsed query or JSON body; `field` is a dotted path ("" for the root).
 */
export function inputProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): ErrorDetail | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }]
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: node, path, depth } = next
    if (typeof node === 'string') {
      const problem = textProblem(node)
      if (problem) return { field: path, message: problem }
      continue
    }
    if (node === null || typeof node !== 'object') continue
    if (depth >= maxDepth) {
      return { field: path, message: `must not be nested deeper than ${maxDepth} levels` }
    }
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--)
        stack.push({ value: node[i], path: join(path, i), depth: depth + 1 })
      continue
    }
    const entries = Object.entries(node)
    for (const [key] of entries) {
      const problem = textProblem(key)
      if (problem) return { field: path, message: `a field name: ${problem}` }
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown]
      stack.push({ value: child, path: join(path, key), depth: depth + 1 })
    }
  }
  return undefined
}

/** The decoded path's problem: not valid percent-encoding (UTF-8), or text that cannot be stored. */
export function pathProblem(rawPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return 'the path is not valid percent-encoded UTF-8'
  }
  return textProblem(decoded)
}

function refuse(where: string, detail: ErrorDetail): ValidationError {
  const field = detail.field === '' ? where : detail.field
  return new ValidationError(`Invalid ${where}: ${field}: ${detail.message}`, [
    { field, message: detail.message },
  ])
}

/** Mount after the body parsers and before every router. */
export function inputGuard({ maxDepth = MAX_JSON_DEPTH } = {}): RequestHandler {
  return (req, _res, next) => {
    const path = pathProblem(req.path)
    if (path) return next(refuse('path', { field: 'path', message: path }))
    const query = inputProblem(req.query, maxDepth)
    if (query) return next(refuse('query', query))
    // Text bodies (imports) are checked where they are parsed; only parsed JSON is walked here.
    if (req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body)) {
      const body = inputProblem(req.body, maxDepth)
      if (body) return next(refuse('body', body))
    }
    next()
  }
}
