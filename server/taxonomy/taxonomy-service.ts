import { createHash } from 'node:crypto'
import type { Knex } from 'knex'
import { recordAudit } from '../audit/audit-trail'
import { ConflictError, HttpError, NotFoundError } from '../lib/errors'
import {
  readTaxonomy,
  readTerm,
  readTermForUpdate,
  writeTaxonomy,
  writeTermWording,
} from './taxonomy-queries'
import type { Taxonomy, TaxonomyTerm, TermParams, TermPatch, Vocabulary } from './taxonomy-schemas'
import { loadTaxonomyFile } from './taxonomy-source'

export interface TaxonomyServiceOptions {
  /** How long a read of the vocabulary is reused; editing through `invalidate()` is immediate. */
  cacheSeconds: number
  now?: () => number
}

/**
 * The vocabulary is read on nearly every request (search validates its filters against it) and
 * changes rarely, so it is cached in memory for a short while; a write path calls invalidate().
 */
export function createTaxonomyService(knex: Knex, { cacheSeconds, now = Date.now }: TaxonomyServiceOptions) {
  let cached: { at: number; value: Promise<Taxonomy> } | undefined

  function getTaxonomy(): Promise<Taxonomy> {
    if (!cached || now() - cached.at > cacheSeconds * 1000) {
      const value = readTaxonomy(knex)
      const entry = { at: now(), value }
      cached = entry
      value.catch(() => {
        if (cached === entry) cached = undefined
      })
    }
    return cached.value
  }

  return {
    getTaxonomy,
    /** The codes of one vocabulary, in order. */
    async codes(vocabulary: Vocabulary): Promise<string[]> {
      return (await getTaxonomy())[vocabulary].map((t) => t.code)
    },
    invalidate(): void {
      cached = undefined
    },
    /** One term with the entity tag an edit must send back in If-Match. */
    async term({ vocabulary, code }: TermParams): Promise<{ term: TaxonomyTerm; etag: string }> {
      const term = await readTerm(knex, vocabulary, code)
      if (!term) throw new NotFoundError(`No ${vocabulary} term with code "${code}"`)
      return { term, etag: termEtag(term) }
    },
    /**
     * Changes a term's wording. Terms carry no version column, so the entity tag is a hash of the
     * wording: an edit made from a stale read conflicts (409) instead of silently overwriting.
     * The audit row is written in the same transaction.
     */
    async updateTerm(
      actor: { userId: string; requestId?: string },
      { vocabulary, code }: TermParams,
      patch: TermPatch,
      ifMatch: string | undefined,
    ): Promise<{ term: TaxonomyTerm; etag: string }> {
      const updated = await knex.transaction(async (trx) => {
        const before = await readTermForUpdate(trx, vocabulary, code)
        if (!before) throw new NotFoundError(`No ${vocabulary} term with code "${code}"`)
        const current = termEtag(before)
        if (ifMatch === undefined) {
          throw new HttpError(
            428,
            'PreconditionRequired',
            `Send the entity tag you read: an If-Match: ${current} header (GET /api/taxonomy/${vocabulary}/${code} gives it)`,
          )
        }
        if (ifMatch !== current && ifMatch !== '*') {
          throw new ConflictError(
            `The term changed since you read it (it is now ${current}); reload and reapply your change`,
          )
        }
        const after: TaxonomyTerm = { ...before, ...patch }
        await writeTermWording(trx, vocabulary, after)
        const account = await trx('users')
          .where({ id: actor.userId })
          .first<{ email: string } | undefined>('email')
        await recordAudit(trx, {
          actor: { userId: actor.userId, label: account?.email ?? actor.userId },
          action: 'update',
          entityType: 'taxonomy_term',
          entityId: `${vocabulary}/${code}`,
          before: { ...before },
          after: { ...after },
          requestId: actor.requestId,
        })
        return after
      })
      cached = undefined
      return { term: updated, etag: termEtag(updated) }
    },
  }
}

/** A strong entity tag over a term's wording. */
export function termEtag(term: TaxonomyTerm): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([term.label, term.labelCy, term.description, term.descriptionCy, term.synonyms]))
    .digest('base64url')
    .slice(0, 22)
  return `"${hash}"`
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>

/** Loads taxonomy.md into the vocabulary tables (the seed step and the test template). */
export async function loadTaxonomy(knex: Knex, taxonomyFile: string): Promise<Taxonomy> {
  const taxonomy = loadTaxonomyFile(taxonomyFile)
  await knex.transaction((trx) => writeTaxonomy(trx, taxonomy))
  return taxonomy
}
