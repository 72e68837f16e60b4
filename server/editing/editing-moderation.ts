import type { Knex } from 'knex'
import { recordAudit } from '../audit/audit-trail'
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors'
import { loadProviders } from '../providers/provider-queries'
import type { CoverageInput, ProviderInput } from '../providers/provider-schema'
import { sameValue as same, storedProvider as stored, updateProvider } from '../providers/provider-writes'
import { applyChanges, type EditingKit, editable, sentKeys, suggestionView } from './editing-kit'
import {
  decideSuggestion,
  findSuggestion,
  insertSuggestion,
  listSuggestions,
  type SuggestionRow,
} from './editing-queries'
import type { Actor, ModerationQuery } from './editing-schemas'

/** Where an unauthenticated proposal came from: its origin in the queue and its audit label. */
export interface SuggestionVia {
  origin: 'public' | 'review-link'
  label: string
}

const publicSuggestion: SuggestionVia = { origin: 'public', label: 'public suggestion' }

/**
 * The moderation queue: public suggestions and provider accounts' changes wait here until an
 * editor approves (through the same write path as an edit) or rejects them.
 */
export function createModeration({ knex, kit }: { knex: Knex; kit: EditingKit }) {
  const { schemas, parse, ref, by, slugFree, assertCoverage, actorLabel } = kit

  async function suggestionWithDiff(row: SuggestionRow) {
    const current = (await loadProviders(knex, [row.provider_id])).get(row.provider_id)
    const currentRecord = current?.record ?? {}
    const changes = Object.entries(row.proposed).map(([field, proposed]) => ({
      field,
      current: currentRecord[field] ?? null,
      proposed,
      changed: !same(currentRecord[field] ?? null, proposed),
    }))
    return {
      ...suggestionView(row),
      provider: {
        id: row.provider_id,
        slug: currentRecord.slug ?? null,
        name: currentRecord.name ?? null,
        version: current?.version ?? null,
      },
      changes,
    }
  }

  return {
    /**
     * A public suggestion (spam checks already passed in the route), or changes a provider
     * proposed through a review link (server/reviews): `via` names the origin and the audit label.
     */
    async suggest(
      idOrSlug: string,
      raw: { proposed: Record<string, unknown>; message?: string },
      submittedBy: string | null,
      via: SuggestionVia = publicSuggestion,
    ) {
      const s = await schemas()
      const proposed = sentKeys(
        raw.proposed,
        parse(s.proposal, raw.proposed, 'body.proposed') as Record<string, unknown>,
      )
      const message = raw.message && raw.message.length > 0 ? raw.message : null
      if (Object.keys(proposed).length === 0 && !message) {
        throw new ValidationError('Invalid body: propose at least one field or write a message', [
          { field: 'proposed', message: 'propose at least one field or write a message' },
        ])
      }
      const current = await ref(knex, idOrSlug)
      // A draft is not published: the public cannot suggest changes to it, nor learn it exists.
      if (current.status === 'draft') throw new NotFoundError(`No provider with id or slug "${idOrSlug}"`)
      if (proposed.coverage) await assertCoverage(knex, proposed.coverage as CoverageInput)
      return knex.transaction(async (trx) => {
        const row = await insertSuggestion(trx, {
          provider_id: current.id,
          origin: via.origin,
          proposed,
          message,
          base_version: current.version,
          submitted_by: submittedBy,
        })
        await recordAudit(trx, {
          actor: { userId: submittedBy, label: via.label },
          action: 'create',
          entityType: 'suggestion',
          entityId: row.id,
          before: null,
          after: { providerId: current.id, origin: via.origin, proposed, message },
        })
        return suggestionView(row)
      })
    },

    async moderationQueue(q: ModerationQuery) {
      const { rows, total } = await listSuggestions(knex, {
        status: q.status,
        limit: q.perPage,
        offset: (q.page - 1) * q.perPage,
      })
      const items = []
      for (const row of rows) items.push(await suggestionWithDiff(row))
      return { items, page: q.page, perPage: q.perPage, total }
    },

    async suggestion(id: string) {
      const row = await findSuggestion(knex, id)
      if (!row) throw new NotFoundError(`No suggestion ${id}`)
      return suggestionWithDiff(row)
    },

    /** Applies the proposal to the current record through the same write path as an edit. */
    async approve(actor: Actor, id: string, note?: string) {
      const s = await schemas()
      return knex.transaction(async (trx) => {
        const row = await findSuggestion(trx, id, { lock: true })
        if (!row) throw new NotFoundError(`No suggestion ${id}`)
        if (row.status !== 'pending') throw new ConflictError(`The suggestion is already ${row.status}`)
        const current = await ref(trx, row.provider_id, true)
        const before = await stored(trx, current.id)
        const changeBy = await by(trx, actor)
        let version = current.version
        if (Object.keys(row.proposed).length > 0) {
          const next = parse(
            s.put,
            applyChanges(editable(before.record), row.proposed),
            'suggestion',
          ) as Omit<ProviderInput, 'status'>
          await slugFree(trx, next.slug, current.id)
          if (!same(before.record.coverage, next.coverage)) await assertCoverage(trx, next.coverage)
          // A proposal that matches the record as it now is changes nothing: no empty audit row.
          version = (
            await updateProvider(trx, before, next, { ...changeBy, note: `approved suggestion ${row.id}` })
          ).version
        }
        const label = changeBy.actor.label
        const decided = await decideSuggestion(trx, row.id, {
          status: 'approved',
          decidedBy: actor.userId,
          reason: note ?? null,
        })
        await recordAudit(trx, {
          actor: { userId: actor.userId, label },
          action: 'approve',
          entityType: 'suggestion',
          entityId: row.id,
          before: { status: 'pending' },
          after: { status: 'approved', providerVersion: version },
          requestId: actor.requestId,
          note,
        })
        return { suggestion: suggestionView(decided), providerId: current.id, version }
      })
    },

    async reject(actor: Actor, id: string, reason: string) {
      return knex.transaction(async (trx) => {
        const row = await findSuggestion(trx, id, { lock: true })
        if (!row) throw new NotFoundError(`No suggestion ${id}`)
        if (row.status !== 'pending') throw new ConflictError(`The suggestion is already ${row.status}`)
        const decided = await decideSuggestion(trx, row.id, {
          status: 'rejected',
          decidedBy: actor.userId,
          reason,
        })
        await recordAudit(trx, {
          actor: { userId: actor.userId, label: await actorLabel(trx, actor) },
          action: 'reject',
          entityType: 'suggestion',
          entityId: row.id,
          before: { status: 'pending' },
          after: { status: 'rejected', reason },
          requestId: actor.requestId,
          note: reason,
        })
        return suggestionView(decided)
      })
    },
  }
}
