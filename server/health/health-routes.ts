import { Router } from 'express'
import type { HealthService } from './health-service'

export function healthRoutes(health: HealthService): Router {
  const router = Router()
  // Liveness: the process answers; says nothing about the database on purpose.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' })
  })
  router.get('/ready', async (_req, res) => {
    const readiness = await health.readiness()
    res.status(readiness.status === 'ready' ? 200 : 503).json(readiness)
  })
  return router
}
