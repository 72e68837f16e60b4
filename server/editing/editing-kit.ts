import type { Knex } from 'knex'
import { userLabel } from '../audit/audit-trail'
import { ConflictError, fromZodError, HttpError, NotFoundError, ValidationError } from '../lib/errors'
import { cachedFor } from '../lib/per-object-cache'
import { findProviderRef, type ProviderRef } from '../providers/provider-queries'
import { type CoverageInput, UUID_PATTERN } from '../providers/provider-schema'
import { type ChangeBy, coverageProblems } from '../providers/provider-writes'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { isLinked, type SuggestionRow } from './editing-queries'
import { type Actor, type ProviderWriteSchemas, providerWriteSchemas } from './editing-schemas'

/**
 * What every editing write shares: the write schemas for the live taxonomy, parsing into the one
 * error shape, record references under lock, version checks, the actor for audit rows, and the
 * checks a write makes before it reaches server/providers/.
 */

export interface EditingOptions {
  staleMonths: number
  polygonMaxVertices: number
}

/** Fields of a stored record the write schemas do not take (status changes through close/reopen). */
export function editable(record: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, ...rest } = record
  return rest
}

/** Only the keys the client sent: zod fills defaults, and a PATCH must not reset what it omits. */
export function sentKeys<T extends Record<string, unknown>>(raw: unknown, parsed: T): Partial<T> {
  const keys = raw && typeof raw === 'object' ? Object.keys(raw) : []
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => keys.includes(k))) as Partial<T>
}

/**
 * A PATCH body's `null`s: a field the record may be without (an optional one: website, phone,
 * description, ...) is cleared by sending `null`. Returns the body without those keys, and the
 * keys. A `null` for a required field stays in the body, so validation names that field.
 */
export function clearedKeys(
  raw: unknown,
  clearable: ReadonlySet<string>,
): { rest: unknown; cleared: string[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { rest: raw, cleared: [] }
  const entries = Object.entries(raw as Record<string, unknown>)
  const cleared = entries.filter(([k, v]) => v === null && clearable.has(k)).map(([k]) => k)
  return { rest: Object.fromEntries(entries.filter(([k]) => !cleared.includes(k))), cleared }
}

/** `current` with `changes` applied: a `null` change removes the field (see clearedKeys). */
export function applyChanges(current: Record<string, unknown>, changes: Record<string, unknown>) {
  const next: Record<string, unknown> = { ...current, ...changes }
  for (const [key, value] of Object.entries(changes)) if (value === null) delete next[key]
  return next
}

export interface SuggestionView {
  id: string
  providerId: string
  origin: 'public' | 'provider' | 'review-link'
  status: 'pending' | 'approved' | 'rejected'
  proposed: Record<string, unknown>
  message: string | null
  baseVersion: number
  submittedBy: string | null
  decidedBy: string | null
  decidedAt: string | null
  decisionReason: string | null
  createdAt: string
}

export function suggestionView(row: SuggestionRow): SuggestionView {
  return {
    id: row.id,
    providerId: row.provider_id,
    origin: row.origin,
    status: row.status,
    proposed: row.proposed,
    message: row.message,
    baseVersion: Number(row.base_version),
    submittedBy: row.submitted_by,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    decisionReason: row.decision_reason,
    createdAt: row.created_at.toISOString(),
  }
}

export function addMonths(date: Date, months: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  d.setUTCMonth(d.getUTCMonth() - months)
  return d.toISOString().slice(0, 10)
}

/** Thrown inside a write's transaction when the write changed nothing: the transaction rolls back. */
export class Unchanged<T> extends Error {
  constructor(readonly outcome: T) {
    super('unchanged')
  }
}

/**
 * Runs a write in a transaction; a write that turns out to change nothing (it throws Unchanged)
 * is rolled back and answers as if saved, so no version is spent and no empty audit row is written.
 */
export async function unlessUnchanged<T>(
  knex: Knex,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await knex.transaction(work)
  } catch (err) {
    if (err instanceof Unchanged) return err.outcome as T
    throw err
  }
}

/** If-Match and body version must agree when both are sent. */
export function versionOf(header: number | undefined, body: number | undefined): number | undefined {
  if (header !== undefined && body !== undefined && header !== body) {
    throw new ValidationError('Invalid body: version: differs from the If-Match header', [
      { field: 'version', message: 'differs from the If-Match header' },
    ])
  }
  return header ?? body
}

export function createEditingKit({
  knex,
  taxonomy,
  options,
}: {
  knex: Knex
  taxonomy: TaxonomyService
  options: EditingOptions
}) {
  // Made once per kit, so the shared per-taxonomy cache keys on a stable builder.
  const buildSchemas = (current: Taxonomy) => providerWriteSchemas(current, options.polygonMaxVertices)
  async function schemas(): Promise<ProviderWriteSchemas> {
    return cachedFor(await taxonomy.getTaxonomy(), buildSchemas)
  }

  function parse<T>(
    schema: {
      safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError }
    },
    value: unknown,
    where: string,
  ): T {
    const result = schema.safeParse(value)
    if (!result.success) throw fromZodError(result.error, where)
    return result.data
  }

  async function ref(trx: Knex, idOrSlug: string, lock = false): Promise<ProviderRef> {
    const found = await findProviderRef(trx, idOrSlug, UUID_PATTERN.test(idOrSlug), { lock })
    if (!found) throw new NotFoundError(`No provider with id or slug "${idOrSlug}"`)
    return found
  }

  function checkVersion(current: ProviderRef, expected: number | undefined): void {
    if (expected === undefined) {
      throw new HttpError(
        428,
        'PreconditionRequired',
        `Send the version you read: an If-Match: "${current.version}" header or "version" in the body`,
      )
    }
    if (expected !== current.version) {
      throw new ConflictError(
        `The record changed since you read it (you sent version ${expected}, it is now ${current.version}); reload and reapply your change`,
        { currentVersion: current.version },
      )
    }
  }

  async function actorLabel(trx: Knex, actor: Actor): Promise<string> {
    return (await userLabel(trx, actor.userId)) ?? actor.userId
  }

  /** The audit row's actor and request for a change made by `actor`. */
  async function by(trx: Knex, actor: Actor): Promise<ChangeBy> {
    return {
      actor: { userId: actor.userId, label: await actorLabel(trx, actor) },
      requestId: actor.requestId,
    }
  }

  async function slugFree(trx: Knex, slug: string, exceptId?: string): Promise<void> {
    const taken = await findProviderRef(trx, slug, false)
    if (taken && taken.id !== exceptId) {
      throw new ConflictError(`The slug "${slug}" is already used by another provider`, { field: 'slug' })
    }
  }

  async function assertCoverage(trx: Knex, coverage: CoverageInput): Promise<void> {
    const problems = await coverageProblems(trx, [{ label: 'coverage', coverage }])
    if (problems.length > 0) {
      const details = problems.map((p) => ({ field: `coverage.${p.field}`, message: p.message }))
      throw new ValidationError(
        `Invalid body: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`,
        details,
      )
    }
  }

  /**
   * Provider-role accounts may only touch records they are linked to (read afresh each time, so an
   * unlinked account loses the record at once). A draft it is not linked to answers exactly as a
   * record that does not exist: a provider account cannot tell that a draft is there.
   */
  async function assertLinked(actor: Actor, idOrSlug: string, current: ProviderRef): Promise<void> {
    if (await isLinked(knex, actor.userId, current.id)) return
    if (current.status === 'draft') throw new NotFoundError(`No provider with id or slug "${idOrSlug}"`)
    throw new HttpError(403, 'Forbidden', 'Your account is not linked to this provider record')
  }

  return { schemas, parse, ref, checkVersion, actorLabel, by, slugFree, assertCoverage, assertLinked }
}

export type EditingKit = ReturnType<typeof createEditingKit>
