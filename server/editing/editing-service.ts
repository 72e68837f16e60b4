import { randomUUID } from 'node:crypto'
import type { Knex } from 'knex'
import { recordAudit } from '../audit/audit-trail'
import type { DirectoryService } from '../directory/directory-service'
import { insertPathwayRecords } from '../directory/directory-service'
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors'
import { findProviderRef } from '../providers/provider-queries'
import { type ProviderInput, pathwayInputSchema, UUID_PATTERN } from '../providers/provider-schema'
import {
  changeProviderState,
  createProvider,
  purgeProvider,
  sameValue as same,
  storedProvider as stored,
  updateProvider,
} from '../providers/provider-writes'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import {
  addMonths,
  applyChanges,
  clearedKeys,
  createEditingKit,
  type EditingOptions,
  editable,
  type SuggestionView,
  sentKeys,
  suggestionView,
  Unchanged,
  unlessUnchanged,
  versionOf,
} from './editing-kit'
import { createModeration } from './editing-moderation'
import {
  areaExists,
  deletePathway,
  findPathway,
  insertSuggestion,
  linkUser,
  pathwayExists,
  staleProviders,
  unlinkUser,
  userRole,
} from './editing-queries'
import { type Actor, coverageBodySchema, pathwayBodySchema, type StaleQuery } from './editing-schemas'

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

export function createEditingService({ knex, taxonomy, directory, options }: EditingDeps) {
  const kit = createEditingKit({ knex, taxonomy, options })
  const { schemas, parse, ref, checkVersion, actorLabel, by, slugFree, assertCoverage, assertLinked } = kit

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
      if (!same(before.record.coverage, next.coverage)) await assertCoverage(trx, next.coverage)
      const { version, changed } = await updateProvider(trx, before, next, {
        ...(await by(trx, actor)),
        note,
      })
      // Saved as it was (the same areas saved again): undo the write, keep the version, no audit row.
      if (!changed) throw new Unchanged({ kind: 'applied', id: current.id, version: current.version })
      return { kind: 'applied', id: current.id, version }
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
      const after = await changeProviderState(
        trx,
        current.id,
        { status, action: status === 'closed' ? 'close' : 'reopen' },
        await by(trx, actor),
      )
      return { id: current.id, version: after.version }
    })
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
        const after = await createProvider(trx, input, await by(trx, actor))
        return { id: after.id, version: after.version }
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
        const after = await changeProviderState(
          trx,
          current.id,
          { verifiedToday: true, action: 'verify' },
          await by(trx, actor),
        )
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
        await purgeProvider(trx, current.id, await by(trx, actor))
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

    ...createModeration({ knex, kit }),
    actorLabel: (actor: Actor) => actorLabel(knex, actor),
  }
}

export type EditingService = ReturnType<typeof createEditingService>
