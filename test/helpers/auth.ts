import type { Express } from 'express'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { createAuthQueries } from '../../server/auth/auth-queries'
import type { Role } from '../../server/auth/auth-schemas'
import { createAuthService } from '../../server/auth/auth-service'
import type { Database } from '../../server/lib/db'
import { testConfig } from './test-config'

export interface SignedIn {
  agent: TestAgent
  csrfToken: string
  userId: string
  email: string
}

let counter = 0

/** Creates an account with `role` directly, signs in through the API, and returns a cookie agent + CSRF token. */
export async function signIn(app: Express, db: Database, role: Role): Promise<SignedIn> {
  const email = `${role}-${process.pid}-${++counter}@example.org`
  const password = 'a long test password'
  const service = createAuthService(createAuthQueries(db.knex), testConfig())
  const { user } = await service.createUser({ email, role, password })
  const agent = request.agent(app)
  const session = await agent.get('/api/auth/session')
  const login = await agent
    .post('/api/auth/login')
    .set('X-CSRF-Token', session.body.csrfToken)
    .send({ email, password })
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${JSON.stringify(login.body)}`)
  return { agent, csrfToken: login.body.csrfToken, userId: user.id, email }
}

/** An anonymous agent with a session and its CSRF token (for public writes such as suggestions). */
export async function anonymous(app: Express): Promise<{ agent: TestAgent; csrfToken: string }> {
  const agent = request.agent(app)
  const session = await agent.get('/api/auth/session')
  return { agent, csrfToken: session.body.csrfToken }
}
