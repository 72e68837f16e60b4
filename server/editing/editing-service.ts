import { randomUUID } from 'node:crypto'
import type { Knex } from 'knex'
import { diffRecords } from '../audit/audit-diff'
import { recordAudit } from '../audit/audit-queries'
import type { AuditEntry } from '../audit/audit-schemas'
import { refreshCoverageCells } from '../coverage/coverage-queries'
import {
  type CodeField,
  insertProviderCodes,
  missingAreaCodes,
  polygonProblems,
  rebuildCoverageIndex,
  refreshSearchRows,
  replaceCoverageRows,
} from '../directory/directory-queries'
import type { DirectoryService } from '../directory/directory-service'
import { insertPathwayRecords, insertProviderRecords, providerColumns } from '../directory/directory-service'
import { ConflictError, fromZodError, HttpError, NotFoundError, ValidationError } from '../lib/errors'
import { geoJsonText } from '../lib/geometry'
import {
  type CoverageInput,
  type ProviderInput,
  pathwayInputSchema,
  UUID_PATTERN,
} from '../providers/provider-schema'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import {
  areaExists,
  decideSuggestion,
  deletePathway,
  deleteProvider,
  deleteProviderCodes,
  findPathway,
  findProviderRef,
  findSuggestion,
  insertAuditRows,
  insertSuggestion,
  isLinked,
  linkUser,
  listSuggestions,
  loadProviders,
  type ProviderRef,
  pathwayExists,
  type SuggestionRow,
  staleProviders,
  touchProvider,
  unlinkUser,
  updateProviderRows,
  userLabel,
  userRole,
} from './editing-queries'
import {
  type Actor,
  coverageBodySchema,
  type ModerationQuery,
  type ProviderWriteSchemas,
  pathwayBodySchema,
  providerWriteSchemas,
  type StaleQuery,
} from './editing-schemas'

export interface EditingOptions {
  staleMonths: number
  polygonMaxVertices: number
}

export interface EditingDeps {
  knex: Knex
  taxonomy: TaxonomyService
  directory: DirectoryService
  options: EditingOptions
}

/** What a write returned: applied (the record and its new version) or queued for moderation. */
export type WriteOutcome =
  | { kind: 'applied'; id: string; version: number }
  | { kind: 'queued'; suggestion: SuggestionView }

const codeFields: CodeField[] = ['functions', 'topics', 'strands', 'languages', 'formats']

/** Fields of a stored record the write schemas do not take (status changes through close/reopen). */
function editable(record: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, ...rest } = record
  return rest
}

/** The stored columns of a record (shared with the directory's own insert path). */
export const columnsOf = providerColumns

const same = (a: unknown, b: unknown) => Object.keys(diffRecords({ v: a }, { v: b })).length === 0

/** Only the keys the client sent: zod fills defaults, and a PATCH must not reset what it omits. */
function sentKeys<T extends Record<string, unknown>>(raw: unknown, parsed: T): Partial<T> {
  const keys = raw && typeof raw === 'object' ? Object.keys(raw) : []
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => keys.includes(k))) as Partial<T>
}

/**
 * A PATCH body's `null`s: a field the record may be without (an optional one: website, phone,
 * description, ...) is cleared by sending `null`. Returns the body without those keys, and the
 * keys. A `null` for a required field stays in the body, so validation names that field.
 */
function clearedKeys(raw: unknown, clearable: ReadonlySet<string>): { rest: unknown; cleared: string[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { rest: raw, cleared: [] }
  const entries = Object.entries(raw as Record<string, unknown>)
  const cleared = entries.filter(([k, v]) => v === null && clearable.has(k)).map(([k]) => k)
  return { rest: Object.fromEntries(entries.filter(([k]) => !cleared.includes(k))), cleared }
}

/** `current` with `changes` applied: a `null` change removes the field (see clearedKeys). */
function applyChanges(current: Record<string, unknown>, changes: Record<string, unknown>) {
  const next: Record<string, unknown> = { ...current, ...changes }
  for (const [key, value] of Object.entries(changes)) if (value === null) delete next[key]
  return next
}

/** Rejects service areas naming unloaded codes or drawing invalid polygons; all problems in one error. */
export async function coverageProblems(
  knex: Knex,
  batch: Array<{ label: string; coverage: CoverageInput }>,
): Promise<Array<{ label: string; field: 'areas' | 'polygon'; message: string }>> {
  const missing = new Set(await missingAreaCodes(knex, [...new Set(batch.flatMap((b) => b.coverage.areas))]))
  const withPolygon = batch.filter((b) => b.coverage.polygon)
  const problems = await polygonProblems(
    knex,
    withPolygon.map((b) => geoJsonText(b.coverage.polygon as NonNullable<CoverageInput['polygon']>)),
  )
  return [
    ...batch.flatMap((b) =>
      b.coverage.areas
        .filter((code) => missing.has(code))
        .map((code) => ({ label: b.label, field: 'areas' as const, message: `area ${code} is not loaded` })),
    ),
    ...withPolygon.flatMap((b, i) =>
      problems[i]
        ? [{ label: b.label, field: 'polygon' as const, message: `invalid polygon: ${problems[i]}` }]
        : [],
    ),
  ]
}

/**
 * The one write path for existing records (editor edits, approved suggestions, imports):
 * own columns and version, codes, search rows, and (when it changed) the service area and its
 * coverage index, all in the caller's transaction. Inputs must already be validated.
 */
export async function rewriteProviders(
  trx: Knex.Transaction,
  items: Array<{
    id: string
    next: Omit<ProviderInput, 'status'>
    coverageChanged: boolean
    status?: string
  }>,
): Promise<Map<string, number>> {
  if (items.length === 0) return new Map()
  const ids = items.map((i) => i.id)
  const versions = await updateProviderRows(
    trx,
    items.map((i) => ({ id: i.id, columns: { ...columnsOf(i.next), status: i.status } })),
  )
  await deleteProviderCodes(trx, ids)
  for (const field of codeFields) {
    await insertProviderCodes(
      trx,
      field,
      items.flatMap((i) => i.next[field].map((code) => ({ providerId: i.id, code }))),
    )
  }
  // Search rows first: the coverage index copies each provider's facets from them.
  await refreshSearchRows(trx, ids)
  const changed = items.filter((i) => i.coverageChanged)
  if (changed.length > 0) {
    const changedIds = changed.map((i) => i.id)
    await replaceCoverageRows(
      trx,
      changedIds,
      changed.flatMap((i) => i.next.coverage.areas.map((areaCode) => ({ providerId: i.id, areaCode }))),
      changed.flatMap((i) =>
        i.next.coverage.polygon ? [{ providerId: i.id, geojson: geoJsonText(i.next.coverage.polygon) }] : [],
      ),
    )
    await rebuildCoverageIndex(trx, changedIds)
  }
  return versions
}

export interface SuggestionView {
  id: string
  providerId: string
  origin: 'public' | 'provider'
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

function suggestionView(row: SuggestionRow): SuggestionView {
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

function addMonths(date: Date, months: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  d.setUTCMonth(d.getUTCMonth() - months)
  return d.toISOString().slice(0, 10)
}

export function createEditingService({ knex, taxonomy, directory, options }: EditingDeps) {
  const cache = new WeakMap<Taxonomy, ProviderWriteSchemas>()
  async function schemas(): Promise<ProviderWriteSchemas> {
    const current = await taxonomy.getTaxonomy()
    let s = cache.get(current)
    if (!s) {
      s = providerWriteSchemas(current, options.polygonMaxVertices)
      cache.set(current, s)
    }
    return s
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

  async function stored(trx: Knex, id: string) {
    const record = (await loadProviders(trx, [id])).get(id)
    if (!record) throw new NotFoundError(`No provider with id "${id}"`)
    return record
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

  /**
   * Applies (editor/admin) or queues (provider role) a change whose merged result is `next`.
   * Validation has happened; the version is checked under the row lock.
   */
  async function applyOrQueue(
    actor: Actor,
    idOrSlug: string,
    expected: number | undefined,
    build: (current: Record<string, unknown>) => {
      next: Omit<ProviderInput, 'status'>
      proposed: Record<string, unknown>
    },
    note?: string,
  ): Promise<WriteOutcome> {
    if (actor.role === 'provider') {
      const current = await ref(knex, idOrSlug)
      await assertLinked(actor, idOrSlug, current)
      checkVersion(current, expected)
      const { next, proposed } = build(editable((await stored(knex, current.id)).record))
      await assertCoverage(knex, next.coverage)
      const row = await knex.transaction(async (trx) => {
        const inserted = await insertSuggestion(trx, {
          provider_id: current.id,
          origin: 'provider',
          proposed,
          message: note ?? null,
          base_version: current.version,
          submitted_by: actor.userId,
        })
        await recordAudit(trx, {
          actor: { userId: actor.userId, label: await actorLabel(trx, actor) },
          action: 'create',
          entityType: 'suggestion',
          entityId: inserted.id,
          before: null,
          after: { providerId: current.id, origin: 'provider', proposed },
          requestId: actor.requestId,
        })
        return inserted
      })
      return { kind: 'queued', suggestion: suggestionView(row) }
    }
    return unlessUnchanged(knex, async (trx) => {
      const current = await ref(trx, idOrSlug, true)
      checkVersion(current, expected)
      const before = await stored(trx, current.id)
      const { next } = build(editable(before.record))
      await slugFree(trx, next.slug, current.id)
      const coverageChanged = !same(before.record.coverage, next.coverage)
      if (coverageChanged) await assertCoverage(trx, next.coverage)
      const versions = await rewriteProviders(trx, [{ id: current.id, next, coverageChanged }])
      await refreshCoverageCells(trx)
      const after = await stored(trx, current.id)
      // Saved as it was (the same areas saved again): undo the write, keep the version, no audit row.
      if (same(before.record, after.record))
        throw new Unchanged({ kind: 'applied', id: current.id, version: current.version })
      await recordAudit(trx, {
        actor: { userId: actor.userId, label: await actorLabel(trx, actor) },
        action: 'update',
        entityType: 'provider',
        entityId: current.id,
        before: before.record,
        after: after.record,
        requestId: actor.requestId,
        note,
      })
      return { kind: 'applied', id: current.id, version: versions.get(current.id) ?? after.version }
    })
  }

  async function statusChange(
    actor: Actor,
    idOrSlug: string,
    status: 'closed' | 'active',
    expected?: number,
  ) {
    return knex.transaction(async (trx) => {
      const current = await ref(trx, idOrSlug, true)
      if (expected !== undefined) checkVersion(current, expected)
      if (current.status === status) {
        throw new ConflictError(`The record is already ${status}`, { currentVersion: current.version })
      }
      const before = await stored(trx, current.id)
      await touchProvider(trx, current.id, { status })
      await refreshSearchRows(trx, [current.id])
      await refreshCoverageCells(trx)
      const after = await stored(trx, current.id)
      await recordAudit(trx, {
        actor: { userId: actor.userId, label: await actorLabel(trx, actor) },
        action: status === 'closed' ? 'close' : 'reopen',
        entityType: 'provider',
        entityId: current.id,
        before: before.record,
        after: after.record,
        requestId: actor.requestId,
      })
      return { id: current.id, version: after.version }
    })
  }

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
    /** The record as the API shows it, with its version (for ETag). */
    async detail(id: string) {
      return directory.getProvider(id)
    },

    async createProvider(actor: Actor, body: unknown): Promise<{ id: string; version: number }> {
      const input = parse((await schemas()).create, body, 'body')
      return knex.transaction(async (trx) => {
        await slugFree(trx, input.slug)
        await assertCoverage(trx, input.coverage)
        const [id] = await insertProviderRecords(trx, [input])
        await refreshCoverageCells(trx)
        const after = await stored(trx, id as string)
        await recordAudit(trx, {
          actor: { userId: actor.userId, label: await actorLabel(trx, actor) },
          action: 'create',
          entityType: 'provider',
          entityId: id as string,
          before: null,
          after: after.record,
          requestId: actor.requestId,
        })
        return { id: id as string, version: after.version }
      })
    },

    async updateProvider(
      actor: Actor,
      idOrSlug: string,
      body: unknown,
      mode: 'put' | 'patch',
      ifMatch: number | undefined,
    ): Promise<WriteOutcome> {
      const s = await schemas()
      // PATCH: `null` clears an optional field (an editor removing a dead phone number).
      const { rest, cleared } =
        mode === 'patch' ? clearedKeys(body, s.clearable) : { rest: body, cleared: [] }
      const parsed = parse(mode === 'put' ? s.put : s.patch, rest, 'body')
      const { version: bodyVersion, ...sent } = mode === 'put' ? parsed : sentKeys(rest, parsed)
      const fields: Record<string, unknown> = {
        ...sent,
        ...Object.fromEntries(cleared.map((k) => [k, null])),
      }
      const expected = versionOf(ifMatch, bodyVersion)
      return applyOrQueue(actor, idOrSlug, expected, (current) => {
        const merged = mode === 'put' ? fields : applyChanges(current, fields)
        const next = parse(s.put, merged, 'body') as Omit<ProviderInput, 'status'>
        const { version: _v, ...nextFields } = next as typeof next & { version?: number }
        return { next: nextFields, proposed: fields }
      })
    },

    async replaceCoverage(actor: Actor, idOrSlug: string, body: unknown, ifMatch: number | undefined) {
      const { coverage, version } = parse(coverageBodySchema(options.polygonMaxVertices), body, 'body')
      const expected = versionOf(ifMatch, version)
      return applyOrQueue(actor, idOrSlug, expected, (current) => ({
        next: { ...(current as Omit<ProviderInput, 'status'>), coverage },
        proposed: { coverage },
      }))
    },

    close: (actor: Actor, idOrSlug: string, expected?: number) =>
      statusChange(actor, idOrSlug, 'closed', expected),
    reopen: (actor: Actor, idOrSlug: string, expected?: number) =>
      statusChange(actor, idOrSlug, 'active', expected),

    async verify(actor: Actor, idOrSlug: string) {
      return knex.transaction(async (trx) => {
        const current = await ref(trx, idOrSlug, true)
        const before = await stored(trx, current.id)
        await touchProvider(trx, current.id, { verifiedToday: true })
        await refreshSearchRows(trx, [current.id])
        const after = await stored(trx, current.id)
        await recordAudit(trx, {
          actor: { userId: actor.userId, label: await actorLabel(trx, actor) },
          action: 'verify',
          entityType: 'provider',
          entityId: current.id,
          before: before.record,
          after: after.record,
          requestId: actor.requestId,
        })
        return {
          id: current.id,
          version: after.version,
          lastVerifiedAt: after.record.lastVerifiedAt as string,
        }
      })
    },

    /** Hard delete, admins only: the audit row keeps the whole record. */
    async purge(actor: Actor, idOrSlug: string): Promise<void> {
      await knex.transaction(async (trx) => {
        const current = await ref(trx, idOrSlug, true)
        const before = await stored(trx, current.id)
        await deleteProvider(trx, current.id)
        await refreshCoverageCells(trx)
        await recordAudit(trx, {
          actor: { userId: actor.userId, label: await actorLabel(trx, actor) },
          action: 'purge',
          entityType: 'provider',
          entityId: current.id,
          before: before.record,
          after: null,
          requestId: actor.requestId,
        })
      })
    },

    async addPathway(actor: Actor, idOrSlug: string, body: unknown) {
      const b = parse(pathwayBodySchema(), body, 'body')
      const tax = await taxonomy.getTaxonomy()
      return knex.transaction(async (trx) => {
        const from = await ref(trx, idOrSlug, true)
        const to = await findProviderRef(trx, b.to, UUID_PATTERN.test(b.to))
        if (!to) {
          throw new ValidationError(`Invalid body: to: no provider "${b.to}"`, [
            { field: 'to', message: `no provider "${b.to}"` },
          ])
        }
        const input = parse(
          pathwayInputSchema(tax),
          {
            fromSlug: from.slug,
            toSlug: to.slug,
            strands: b.strands,
            topics: b.topics,
            criteria: b.criteria,
            ...(b.followUp === undefined ? {} : { followUp: b.followUp }),
          },
          'body',
        )
        if (await pathwayExists(trx, from.id, to.id)) {
          throw new ConflictError(`A pathway from ${from.slug} to ${to.slug} already exists`)
        }
        let pathwayId = ''
        await insertPathwayRecords(trx, [input], () => {
          pathwayId = randomUUID()
          return pathwayId
        })
        const created = await findPathway(trx, pathwayId, from.id)
        await recordAudit(trx, {
          actor: { userId: actor.userId, label: await actorLabel(trx, actor) },
          action: 'create',
          entityType: 'referral_pathway',
          entityId: pathwayId,
          before: null,
          after: { ...created },
          requestId: actor.requestId,
        })
        return { id: pathwayId, fromProviderId: from.id, toProviderId: to.id, ...input }
      })
    },

    async removePathway(actor: Actor, idOrSlug: string, pathwayId: string): Promise<void> {
      await knex.transaction(async (trx) => {
        const provider = await ref(trx, idOrSlug, true)
        const pathway = await findPathway(trx, pathwayId, provider.id)
        if (!pathway) throw new NotFoundError(`No pathway ${pathwayId} on provider "${idOrSlug}"`)
        await deletePathway(trx, pathwayId)
        await recordAudit(trx, {
          actor: { userId: actor.userId, label: await actorLabel(trx, actor) },
          action: 'purge',
          entityType: 'referral_pathway',
          entityId: pathwayId,
          before: { ...pathway },
          after: null,
          requestId: actor.requestId,
        })
      })
    },

    async link(actor: Actor, idOrSlug: string, userId: string, linked: boolean): Promise<void> {
      await knex.transaction(async (trx) => {
        const provider = await ref(trx, idOrSlug, true)
        const role = await userRole(trx, userId)
        if (!role) throw new NotFoundError(`No active user ${userId}`)
        if (linked && role !== 'provider') {
          throw new ValidationError(
            'Invalid body: userId: only provider-role accounts are linked to records',
            [{ field: 'userId', message: 'only provider-role accounts are linked to records' }],
          )
        }
        const changed = linked
          ? await linkUser(trx, provider.id, userId)
          : await unlinkUser(trx, provider.id, userId)
        if (!changed) {
          if (linked) return
          throw new NotFoundError(`User ${userId} is not linked to provider "${idOrSlug}"`)
        }
        await recordAudit(trx, {
          actor: { userId: actor.userId, label: await actorLabel(trx, actor) },
          action: linked ? 'create' : 'purge',
          entityType: 'provider_user',
          entityId: `${provider.id}:${userId}`,
          before: linked ? null : { providerId: provider.id, userId },
          after: linked ? { providerId: provider.id, userId } : null,
          requestId: actor.requestId,
        })
      })
    },

    async stale(q: StaleQuery, now = new Date()) {
      const months = q.months ?? options.staleMonths
      if (q.area && !(await areaExists(knex, q.area))) {
        throw new ValidationError(`Invalid query: area: ${q.area} is not a loaded area`, [
          { field: 'area', message: `${q.area} is not a loaded area` },
        ])
      }
      const cutoff = addMonths(now, months)
      const rows = await staleProviders(knex, {
        cutoff,
        area: q.area,
        limit: q.perPage,
        offset: (q.page - 1) * q.perPage,
      })
      return {
        months,
        verifiedBefore: cutoff,
        area: q.area ?? null,
        items: rows.map((r) => ({
          id: r.id,
          slug: r.slug,
          name: r.name,
          level: r.level,
          status: r.status,
          lastVerifiedAt: r.last_verified_at,
        })),
        page: q.page,
        perPage: q.perPage,
        total: Number(rows[0]?.total ?? 0),
      }
    },

    /** A public suggestion (spam checks already passed in the route). */
    async suggest(
      idOrSlug: string,
      raw: { proposed: Record<string, unknown>; message?: string },
      submittedBy: string | null,
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
          origin: 'public',
          proposed,
          message,
          base_version: current.version,
          submitted_by: submittedBy,
        })
        await recordAudit(trx, {
          actor: { userId: submittedBy, label: 'public suggestion' },
          action: 'create',
          entityType: 'suggestion',
          entityId: row.id,
          before: null,
          after: { providerId: current.id, origin: 'public', proposed, message },
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
        const fields = Object.keys(row.proposed).length
        let version = current.version
        if (fields > 0) {
          const next = parse(
            s.put,
            applyChanges(editable(before.record), row.proposed),
            'suggestion',
          ) as Omit<ProviderInput, 'status'>
          await slugFree(trx, next.slug, current.id)
          const coverageChanged = !same(before.record.coverage, next.coverage)
          if (coverageChanged) await assertCoverage(trx, next.coverage)
          version =
            (await rewriteProviders(trx, [{ id: current.id, next, coverageChanged }])).get(current.id) ??
            version
          await refreshCoverageCells(trx)
        }
        const label = await actorLabel(trx, actor)
        const after = fields > 0 ? (await stored(trx, current.id)).record : before.record
        // A proposal that matches the record as it now is changes nothing: no empty audit row.
        if (!same(before.record, after)) {
          await recordAudit(trx, {
            actor: { userId: actor.userId, label },
            action: 'update',
            entityType: 'provider',
            entityId: current.id,
            before: before.record,
            after,
            requestId: actor.requestId,
            note: `approved suggestion ${row.id}`,
          })
        }
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

    actorLabel: (actor: Actor) => actorLabel(knex, actor),
    insertAuditRows: (trx: Knex.Transaction, entries: AuditEntry[]) => insertAuditRows(trx, entries),
  }
}

/** Thrown inside a write's transaction when the write changed nothing: the transaction rolls back. */
class Unchanged<T> extends Error {
  constructor(readonly outcome: T) {
    super('unchanged')
  }
}

/**
 * Runs a write in a transaction; a write that turns out to change nothing (it throws Unchanged)
 * is rolled back and answers as if saved, so no version is spent and no empty audit row is written.
 */
async function unlessUnchanged<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
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

export type EditingService = ReturnType<typeof createEditingService>
