import type { Knex } from 'knex'
import { createAuthQueries } from '../../server/auth/auth-queries'
import { createAuthService } from '../../server/auth/auth-service'
import { loadConfig } from '../../server/lib/config'

/** A signed-in editor's cookie header and CSRF token, for write requests to a running server. */
export interface EditorSession {
  cookie: string
  csrfToken: string
}

/**
 * Creates an editor account in `knex`'s database and signs it in over HTTP at `url`, as a browser
 * would: the session cookie from `/api/auth/session`, then the login with its CSRF token.
 */
export async function signInEditor(knex: Knex, url: string, email: string): Promise<EditorSession> {
  const password = 'a long benchmark password'
  await createAuthService(createAuthQueries(knex), loadConfig({ LOG_LEVEL: 'silent' })).createUser({
    email,
    role: 'editor',
    password,
  })
  const cookies = new Map<string, string>()
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = (pair ?? '').indexOf('=')
      if (eq > 0) cookies.set((pair as string).slice(0, eq), (pair as string).slice(eq + 1))
    }
  }
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  const session = await fetch(`${url}/api/auth/session`)
  keep(session)
  const { csrfToken } = (await session.json()) as { csrfToken: string }
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken, Cookie: cookie(), Origin: url },
    body: JSON.stringify({ email, password }),
  })
  keep(login)
  if (login.status !== 200) throw new Error(`bench sign-in failed: ${login.status} ${await login.text()}`)
  const body = (await login.json()) as { csrfToken: string }
  return { cookie: cookie(), csrfToken: body.csrfToken }
}
