import { defineRoute, type RouteDefinition } from '../lib/route-table'
import type { HealthService } from './health-service'

export function healthRoutes(health: HealthService): RouteDefinition[] {
  return [
    // Liveness: the process answers; says nothing about the database on purpose.
    defineRoute({
      method: 'get',
      path: '/api/health',
      tags: ['Operations'],
      summary: 'Liveness: the process answers',
      responses: { 200: { description: '{"status":"ok"}' } },
      handler(_input, _req, res) {
        res.json({ status: 'ok' })
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/ready',
      tags: ['Operations'],
      summary: 'Readiness: database reachable, PostGIS present, migrations current',
      responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready, with the reason' } },
      async handler(_input, _req, res) {
        const readiness = await health.readiness()
        res.status(readiness.status === 'ready' ? 200 : 503).json(readiness)
      },
    }),
  ]
}
