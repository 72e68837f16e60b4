import { randomUUID } from 'node:crypto'
import type { Knex } from 'knex'
import type { AuditAction } from '../audit/audit-actions'
import { diffRecords } from '../audit/audit-diff'
import type { AuditActor } from '../audit/audit-schemas'
import { recordAudit } from '../audit/audit-trail'
import { NotFoundError, ValidationError } from '../lib/errors'
import { geoJsonText } from '../lib/geometry'
import { refreshCoverageCells } from './coverage-cells-queries'
import {
  missingAreaCodes,
  orphanStrandDetails,
  polygonProblems,
  rebuildCoverageIndex,
  refreshSearchRows,
  replaceCoverageRows,
} from './provider-index-queries'
import {
  deleteProvider,
  deleteProviderCodes,
  insertProviderCodes,
  insertProviders,
  loadProviders,
  type StoredProvider,
  touchProvider,
  updateProviderRows,
} from './provider-queries'
import { providerColumns, providerRow } from './provider-row'
import { type CoverageInput, codeFields, type ProviderInput } from './provider-schema'

/**
 * The one write path of a provider record. Every writer — the edit form, moderation, imports,
 * the demo seed and the benchmark generator — goes through these functions, which change the
 * record's columns, its codes, its search rows, its service area and coverage index, the coverage
 * cells and the audit trail together, in the caller's transaction. Inputs are validated already
 * (provider-schema.ts); the service area is checked here against the loaded geography.
 */

/** Deep equality as the audit trail sees it (codes are sets, key order does not matter). */
export const sameValue = (a: unknown, b: unknown): boolean =>
  Object.keys(diffRecords({ v: a }, { v: b })).length === 0

// ---------- service areas ----------

/** Problems with service areas: unloaded area codes, invalid polygons; all of them, in order. */
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

/** A batch's service areas, or a 400 naming each record (`label`) and what is wrong. */
async function checkCoverage(
  trx: Knex.Transaction,
  batch: Array<{ label: string; coverage: CoverageInput }>,
): Promise<void> {
  const details = (await coverageProblems(trx, batch)).map((p) => ({
    field: `${p.label}.coverage.${p.field}`,
    message: p.message,
  }))
  if (details.length > 0) {
    throw new ValidationError(
      `Invalid service area: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`,
      details,
    )
  }
}

async function writeCoverage(
  trx: Knex.Transaction,
  batch: Array<{ id: string; coverage: CoverageInput }>,
): Promise<void> {
  if (batch.length === 0) return
  const ids = batch.map((b) => b.id)
  await replaceCoverageRows(
    trx,
    ids,
    batch.flatMap((b) => b.coverage.areas.map((areaCode) => ({ providerId: b.id, areaCode }))),
    batch.flatMap((b) =>
      b.coverage.polygon ? [{ providerId: b.id, geojson: geoJsonText(b.coverage.polygon) }] : [],
    ),
  )
  await rebuildCoverageIndex(trx, ids)
}

/**
 * Replaces one provider's service area, its coverage index and (touching only the cells of the
 * areas it covered or covers) the coverage cells.
 */
export async function replaceCoverage(
  trx: Knex.Transaction,
  providerId: string,
  coverage: CoverageInput,
): Promise<void> {
  await checkCoverage(trx, [{ label: 'coverage', coverage }])
  await writeCoverage(trx, [{ id: providerId, coverage }])
  await refreshCoverageCells(trx)
}

// ---------- consistency across fields ----------

/**
 * Checks that cross fields (the field schemas cannot: the imports and edit schemas extend the
 * record's schema, and zod refuses to extend a refined object): a quality mark `other` names
 * its mark, and a strand detail's strand is listed. A 400 naming each record otherwise.
 */
async function checkConsistency(
  trx: Knex.Transaction,
  batch: Array<{ id: string; label: string; qualityMarks: string[]; qualityMarkOther?: string }>,
): Promise<void> {
  const details = batch.flatMap((b) =>
    b.qualityMarks.includes('other') === (b.qualityMarkOther !== undefined)
      ? []
      : [
          {
            field: `${b.label}.qualityMarkOther`,
            message: b.qualityMarks.includes('other')
              ? 'quality mark "other" needs its name in qualityMarkOther'
              : 'qualityMarkOther is only for a record whose qualityMarks include "other"',
          },
        ],
  )
  for (const orphan of await orphanStrandDetails(
    trx,
    batch.map((b) => b.id),
  )) {
    details.push({
      field: `${orphan.split(':')[0]}.strandDetails`,
      message: `strand detail without its strand: ${orphan}`,
    })
  }
  if (details.length > 0) {
    throw new ValidationError(
      `Inconsistent record: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`,
      details,
    )
  }
}

// ---------- set-based writes (bulk: seed, generator, imports) ----------

/**
 * Inserts records set-based: columns, codes, search rows, service areas and coverage index.
 * Returns the ids, in input order. Coverage cells are left to the next refresh (a bulk load
 * folds in at once on the next coverage read, or through refreshCoverageCells).
 */
export async function insertProviderRecords(
  trx: Knex.Transaction,
  providers: Array<ProviderInput & { id?: string }>,
): Promise<string[]> {
  const withIds = providers.map((p) => ({ ...p, id: p.id ?? randomUUID() }))
  await checkCoverage(
    trx,
    withIds.map((p) => ({ label: p.slug, coverage: p.coverage })),
  )
  await insertProviders(
    trx,
    withIds.map((p) => providerRow(p.id, p)),
  )
  for (const field of codeFields) {
    await insertProviderCodes(
      trx,
      field,
      withIds.flatMap((p) => p[field].map((code) => ({ providerId: p.id, code }))),
    )
  }
  await checkConsistency(
    trx,
    withIds.map((p) => ({ ...p, label: p.slug })),
  )
  // Search rows first: the coverage index copies each provider's facets from them.
  const ids = withIds.map((p) => p.id)
  await refreshSearchRows(trx, ids)
  await writeCoverage(trx, withIds)
  return ids
}

/**
 * Rewrites existing records set-based: own columns and version, codes, search rows, and (when it
 * changed) the service area and its coverage index. Returns id -> new version.
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
    items.map((i) => ({ id: i.id, columns: { ...providerColumns(i.next), status: i.status } })),
  )
  await deleteProviderCodes(trx, ids)
  for (const field of codeFields) {
    await insertProviderCodes(
      trx,
      field,
      items.flatMap((i) => i.next[field].map((code) => ({ providerId: i.id, code }))),
    )
  }
  await checkConsistency(
    trx,
    items.map((i) => ({ ...i.next, id: i.id, label: i.next.slug })),
  )
  // Search rows first: the coverage index copies each provider's facets from them.
  await refreshSearchRows(trx, ids)
  await writeCoverage(
    trx,
    items.filter((i) => i.coverageChanged).map((i) => ({ id: i.id, coverage: i.next.coverage })),
  )
  return versions
}

// ---------- one record, with its audit row ----------

/** Who makes a change, for the audit row. */
export interface ChangeBy {
  actor: AuditActor
  requestId?: string
  note?: string
}

export async function storedProvider(trx: Knex, id: string): Promise<StoredProvider> {
  const record = (await loadProviders(trx, [id])).get(id)
  if (!record) throw new NotFoundError(`No provider with id "${id}"`)
  return record
}

async function audit(
  trx: Knex.Transaction,
  by: ChangeBy,
  action: AuditAction,
  id: string,
  before: StoredProvider | null,
  after: StoredProvider | null,
): Promise<void> {
  await recordAudit(trx, {
    actor: by.actor,
    action,
    entityType: 'provider',
    entityId: id,
    before: before?.record ?? null,
    after: after?.record ?? null,
    requestId: by.requestId,
    note: by.note,
  })
}

/** Creates one record, folds it into the coverage cells and writes its audit row. */
export async function createProvider(
  trx: Knex.Transaction,
  input: ProviderInput,
  by: ChangeBy,
): Promise<StoredProvider> {
  const [id] = await insertProviderRecords(trx, [input])
  await refreshCoverageCells(trx)
  const after = await storedProvider(trx, id as string)
  await audit(trx, by, 'create', after.id, null, after)
  return after
}

/**
 * Rewrites one record (read as `before`) as `next`. The audit row is written only when the record
 * changed (`changed` false: the caller may roll back, so no version is spent).
 */
export async function updateProvider(
  trx: Knex.Transaction,
  before: StoredProvider,
  next: Omit<ProviderInput, 'status'>,
  by: ChangeBy,
): Promise<{ after: StoredProvider; version: number; changed: boolean }> {
  const coverageChanged = !sameValue(before.record.coverage, next.coverage)
  const versions = await rewriteProviders(trx, [{ id: before.id, next, coverageChanged }])
  await refreshCoverageCells(trx)
  const after = await storedProvider(trx, before.id)
  const changed = !sameValue(before.record, after.record)
  if (changed) await audit(trx, by, 'update', before.id, before, after)
  return { after, version: versions.get(before.id) ?? after.version, changed }
}

/** Closes or reopens a record, or marks it verified today. */
export async function changeProviderState(
  trx: Knex.Transaction,
  id: string,
  change: { status: string; action: 'close' | 'reopen' } | { verifiedToday: true; action: 'verify' },
  by: ChangeBy,
): Promise<StoredProvider> {
  const before = await storedProvider(trx, id)
  await touchProvider(trx, id, change)
  await refreshSearchRows(trx, [id])
  // Verification changes no coverage figure; a status does (only active records count).
  if ('status' in change) await refreshCoverageCells(trx)
  const after = await storedProvider(trx, id)
  await audit(trx, by, change.action, id, before, after)
  return after
}

/** Deletes a record for good; the audit row keeps the whole record. */
export async function purgeProvider(trx: Knex.Transaction, id: string, by: ChangeBy): Promise<void> {
  const before = await storedProvider(trx, id)
  await deleteProvider(trx, id)
  await refreshCoverageCells(trx)
  await audit(trx, by, 'purge', id, before, null)
}
