import type { Express } from 'express'

/** One route the Express app answers, with Express path syntax turned into OpenAPI's (`{id}`). */
export interface RegisteredRoute {
  method: string
  path: string
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> }
  handle?: { stack?: Layer[] }
  rawPath?: string | RegExp | Array<string | RegExp>
}

const toOpenApi = (path: string) => path.replace(/:(\w+)/g, '{$1}')

/**
 * Every method + path registered on the app's router tree under `prefix`, found by walking the
 * router stacks (Express 5 / router 2 keep each layer's `rawPath`). Regular-expression mounts
 * (the client's SPA fallback) are skipped: they are not API routes.
 */
export function registeredRoutes(app: Express, prefix = '/api'): RegisteredRoute[] {
  const routes: RegisteredRoute[] = []
  const walk = (stack: Layer[], base: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path]
        for (const p of paths) {
          for (const method of Object.keys(layer.route.methods)) {
            if (method === '_all') continue
            routes.push({ method, path: toOpenApi(`${base}${p}`.replace(/\/$/, '') || '/') })
          }
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath : undefined
        if (mount === undefined) continue
        walk(layer.handle.stack, mount === '/' ? base : `${base}${mount}`)
      }
    }
  }
  const root = (app as unknown as { router: { stack: Layer[] } }).router
  walk(root.stack, '')
  const seen = new Set<string>()
  return routes
    .filter((r) => r.path === prefix || r.path.startsWith(`${prefix}/`))
    .filter((r) => {
      const key = `${r.method} ${r.path}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
}
