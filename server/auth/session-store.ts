import session from 'express-session'
import type { Knex } from 'knex'

type Callback<T = void> = (err?: unknown, value?: T | null) => void

/**
 * express-session's store on our own knex: the same pool (and, embedded, the single PGlite
 * connection) as everything else, instead of a second pg.Pool of the store's own.
 */
export class KnexSessionStore extends session.Store {
  constructor(
    private readonly knex: Knex,
    private readonly defaultTtlMs: number,
  ) {
    super()
  }

  private expiry(sess: session.SessionData): Date {
    const expires = sess.cookie?.expires
    return expires ? new Date(expires) : new Date(Date.now() + this.defaultTtlMs)
  }

  override get(sid: string, callback: Callback<session.SessionData>): void {
    this.knex('sessions')
      .select('sess')
      .where('sid', sid)
      .andWhere('expires_at', '>', this.knex.fn.now())
      .first()
      .then((row) => callback(null, row ? (row.sess as session.SessionData) : null))
      .catch((err) => callback(err))
  }

  override set(sid: string, sess: session.SessionData, callback?: Callback): void {
    this.knex('sessions')
      .insert({ sid, sess: JSON.stringify(sess), expires_at: this.expiry(sess) })
      .onConflict('sid')
      .merge()
      .then(() => {
        // Expired rows are swept now and then by writers rather than by a timer.
        if (Math.random() < 0.05)
          return this.knex('sessions').where('expires_at', '<', this.knex.fn.now()).delete()
      })
      .then(() => callback?.())
      .catch((err) => callback?.(err))
  }

  override touch(sid: string, sess: session.SessionData, callback?: Callback): void {
    this.knex('sessions')
      .where('sid', sid)
      .update({ expires_at: this.expiry(sess) })
      .then(() => callback?.())
      .catch((err) => callback?.(err))
  }

  override destroy(sid: string, callback?: Callback): void {
    this.knex('sessions')
      .where('sid', sid)
      .delete()
      .then(() => callback?.())
      .catch((err) => callback?.(err))
  }
}
