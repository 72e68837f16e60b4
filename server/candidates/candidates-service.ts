import type { Knex } from 'knex'
import { recordAudit, userLabel } from '../audit/audit-trail'
import type { Actor } from '../editing/editing-schemas'
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors'
import { loadProviders } from '../providers/provider-queries'
import type { ProviderInput } from '../providers/provider-schema'
import {
  type ChangeBy,
  changeProviderState,
  purgeProvider,
  sameValue,
  storedProvider,
  updateProvider,
} from '../providers/provider-writes'
import { insertRejection } from '../providers/source-rejections'
import {
  areaNames,
  type CandidateRow,
  candidateRow,
  candidateRows,
  candidateSources,
  possibleMatches,
} from './candidates-queries'
import {
  CANDIDATES_PER_PAGE,
  type Candidate,
  type CandidatePage,
  type CandidatesQuery,
} from './candidates-schemas'

/**
 * The review queue of imported drafts (issue 16 §1, decision 0015). A candidate is a draft record
 * with a source link (provider_sources): from the Charity Commission register or a harvested ORUK
 * feed. An editor accepts it (published through the providers core), merges it into a record the
 * directory already holds (the link moves there, fields the record lacks are filled), or rejects
 * it with a reason that is remembered, so the same charity or service is not proposed again.
 */

/** Fields a merge fills on the existing record when it has none (the register's public facts). */
const FILLABLE = [
  'website',
  'email',
  'phone',
  'address',
  'office',
  'charityNumber',
  'companyNumber',
  'description',
] as const

const sourceLabel = (source: string) =>
  source === 'ccew' ? 'the Charity Commission register (ccew)' : `the feed ${source}`

export function createCandidatesService(knex: Knex) {
  async function by(trx: Knex, actor: Actor, note: string): Promise<ChangeBy> {
    return {
      actor: { userId: actor.userId, label: (await userLabel(trx, actor.userId)) ?? actor.userId },
      requestId: actor.requestId,
      note,
    }
  }

  async function candidate(trx: Knex, id: string): Promise<CandidateRow> {
    const row = await candidateRow(trx, id)
    if (!row)
      throw new NotFoundError(
        `No candidate ${id}: it is not a draft from an import (or was already reviewed)`,
      )
    return row
  }

  const what = (c: CandidateRow) => `${sourceLabel(c.source)}, id ${c.source_id}`

  return {
    async list(query: CandidatesQuery): Promise<CandidatePage> {
      const { rows, total } = await candidateRows(
        knex,
        query,
        CANDIDATES_PER_PAGE,
        (query.page - 1) * CANDIDATES_PER_PAGE,
      )
      const records = await loadProviders(
        knex,
        rows.map((r) => r.id),
      )
      const codes = [
        ...new Set(
          [...records.values()].flatMap((p) => (p.record.coverage as { areas?: string[] }).areas ?? []),
        ),
      ]
      const names = await areaNames(knex, codes)
      const items: Candidate[] = []
      for (const r of rows) {
        const record = records.get(r.id)?.record ?? {}
        const facts = r.facts as {
          score?: number
          evidence?: Candidate['evidence']
          areasOfOperation?: string[]
          latestIncome?: number | null
        }
        items.push({
          id: r.id,
          slug: r.slug,
          name: r.name,
          source: r.source,
          sourceId: r.source_id,
          fetchedAt: new Date(r.fetched_at).toISOString(),
          orgIds: r.org_ids,
          charityNumber: r.charity_number,
          address: r.address,
          summary: String(record.summary ?? ''),
          score: typeof facts.score === 'number' ? facts.score : null,
          evidence: facts.evidence ?? [],
          areasOfOperation: facts.areasOfOperation ?? [],
          areas: ((record.coverage as { areas?: string[] } | undefined)?.areas ?? []).map((code) => ({
            code,
            name: names.get(code) ?? null,
          })),
          level: String(record.level ?? ''),
          kind: String(record.kind ?? ''),
          functions: (record.functions as string[] | undefined) ?? [],
          strands: (record.strands as string[] | undefined) ?? [],
          latestIncome: typeof facts.latestIncome === 'number' ? facts.latestIncome : null,
          matches: await possibleMatches(knex, r),
        })
      }
      return {
        items,
        total,
        page: query.page,
        perPage: CANDIDATES_PER_PAGE,
        sources: await candidateSources(knex),
      }
    },

    /** Publishes the draft (draft → active through the providers core), audited with its source. */
    async accept(actor: Actor, id: string) {
      return knex.transaction(async (trx) => {
        const c = await candidate(trx, id)
        const after = await changeProviderState(
          trx,
          c.id,
          { status: 'active', action: 'reopen' },
          await by(trx, actor, `accepted from the review queue: ${what(c)}`),
        )
        return { id: after.id, slug: String(after.record.slug), status: after.status }
      })
    },

    /**
     * Moves the draft's source link to an existing open record, fills the fields that record lacks
     * from the draft, and deletes the draft; both audited.
     */
    async merge(actor: Actor, id: string, into: string) {
      return knex.transaction(async (trx) => {
        const c = await candidate(trx, id)
        if (into === c.id) {
          throw new ValidationError('Invalid body: into: must be another record than the candidate', [
            { field: 'into', message: 'must be another record than the candidate' },
          ])
        }
        const target = (await loadProviders(trx, [into])).get(into)
        if (!target) throw new NotFoundError(`No record with id "${into}" to merge into`)
        if (target.status !== 'active') {
          throw new ConflictError(
            `The record "${target.record.name}" is ${target.status}: a candidate merges only into an active record`,
          )
        }
        const linked = await trx('provider_sources').where({ provider_id: into }).first('source', 'source_id')
        if (linked) {
          throw new ConflictError(
            `The record "${target.record.name}" is already linked to ${sourceLabel(linked.source)} (id ${linked.source_id})`,
          )
        }
        const draft = await storedProvider(trx, c.id)
        const { status: _s, ...next } = target.record as Record<string, unknown>
        const filled: string[] = []
        for (const field of FILLABLE) {
          const value = draft.record[field]
          if (value !== undefined && value !== null && (next[field] === undefined || next[field] === null)) {
            next[field] = value
            filled.push(field)
          }
        }
        // The register's values now held by the record: a re-import follows these fields only.
        const registerValues = Object.fromEntries(
          Object.entries(c.register_values).filter(([field, value]) =>
            field === 'coverage'
              ? sameValue(
                  [...((next.coverage as { areas?: string[] }).areas ?? [])].sort(),
                  (value as { areas?: string[] }).areas ?? [],
                )
              : sameValue(next[field] ?? null, value ?? null),
          ),
        )
        await trx('provider_sources')
          .where({ provider_id: c.id })
          .update({
            provider_id: into,
            register_values: JSON.stringify(registerValues),
            updated_at: trx.fn.now(),
          })
        const note = `merged from the candidate "${c.name}" of ${what(c)}${filled.length ? `; filled ${filled.join(', ')}` : ''}`
        const change = await by(trx, actor, note)
        const { changed, after } = await updateProvider(
          trx,
          target,
          next as Omit<ProviderInput, 'status'>,
          change,
        )
        if (!changed) {
          await recordAudit(trx, {
            actor: change.actor,
            action: 'update',
            entityType: 'provider',
            entityId: into,
            before: target.record,
            after: after.record,
            requestId: change.requestId,
            note,
          })
        }
        await purgeProvider(
          trx,
          c.id,
          await by(trx, actor, `merged into "${target.record.name}" (${into}): ${what(c)}`),
        )
        return { id: after.id, slug: String(after.record.slug), status: after.status }
      })
    },

    /** Deletes the draft and remembers the rejection, so a re-import does not propose it again. */
    async reject(actor: Actor, id: string, reason: string) {
      await knex.transaction(async (trx) => {
        const c = await candidate(trx, id)
        const change = await by(trx, actor, `rejected in the review queue (${what(c)}): ${reason}`)
        await insertRejection(trx, {
          source: c.source,
          sourceId: c.source_id,
          name: c.name,
          reason,
          by: actor.userId,
          label: change.actor.label,
        })
        await purgeProvider(trx, c.id, change)
      })
    },
  }
}

export type CandidatesService = ReturnType<typeof createCandidatesService>
