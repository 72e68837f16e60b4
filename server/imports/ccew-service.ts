import fs from 'node:fs'
import path from 'node:path'
import type { Knex } from 'knex'
import type { AuditEntry } from '../audit/audit-schemas'
import { insertAuditRows } from '../audit/audit-trail'
import { HttpError } from '../lib/errors'
import { refreshCoverageCells } from '../providers/coverage-cells-queries'
import { loadProviders, providersBySlug, type StoredProvider } from '../providers/provider-queries'
import { type ProviderInput, providerInputSchema } from '../providers/provider-schema'
import {
  type ChangeBy,
  changeProviderState,
  coverageProblems,
  insertProviderRecords,
  sameValue,
  storedProvider,
  updateProvider,
} from '../providers/provider-writes'
import { REJECTED, rejectedIds } from '../providers/source-rejections'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import { CCEW_FILES, type ExtractProblem, missingExtractFiles, readExtract } from './ccew-extract'
import {
  AOO_FILE,
  CCEW_SOURCE,
  draftOf,
  loadAreaMap,
  REGISTER_FIELDS,
  type RegisterFacts,
} from './ccew-mapping'
import { type SourceLinkWrite, sourceLinks, unlinkedByCharityNumber, upsertSourceLinks } from './ccew-queries'
import { importIssueMessage } from './imports-plan'

/**
 * The Charity Commission register import (decision 0015): a plan (the dry run) reads the extract,
 * scores and maps each charity, and decides per charity create (a draft), update (register fields
 * an editor has not changed), unchanged, or close (removed from the register); a commit applies
 * the plan in one transaction, audited, or nothing when any row is malformed or invalid.
 */

export type CcewAction = 'create' | 'update' | 'unchanged' | 'close'

/** One line of `--json`'s `candidates`. */
export interface CcewCandidate {
  charityNumber: number
  name: string
  /** null for a charity closed because it was removed (removed charities are not scored). */
  score: number | null
  level: string
  areas: string[]
  functions: string[]
  strands: string[]
  action: CcewAction
}

/** What `npm run import:ccew -- --json` prints. */
export interface CcewReport {
  read: number
  candidates: CcewCandidate[]
  skipped: Record<string, number>
}

export const ALREADY_LISTED = 'already in the directory, not from the register'

interface Linked {
  providerId: string
  sourceId: string
  orgIds: string[]
  registerValues: Record<string, unknown>
  facts: RegisterFacts | Record<string, unknown>
  removedOn: string | null
}

export interface CcewPlan {
  report: CcewReport
  /** Malformed rows, and drafts the provider schema or the loaded geography refuses. */
  problems: ExtractProblem[]
  notes: Array<{ charityNumber: number; note: string }>
  fetchedAt: Date
  creates: Array<{ input: ProviderInput; link: Omit<Linked, 'providerId'> }>
  updates: Array<{ before: StoredProvider; next: Omit<ProviderInput, 'status'>; link: Linked }>
  /** Linked records whose register fields are as they were (only the link's facts are refreshed). */
  refreshes: Linked[]
  closes: Array<{ providerId: string; removedOn: string | null; link: Linked }>
}

/** The register's value of each register field of a record (coverage: its listed areas, sorted). */
function registerValuesOf(record: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const field of REGISTER_FIELDS) {
    if (field === 'coverage') {
      const areas = ((record.coverage as { areas?: string[] } | undefined)?.areas ?? []).slice().sort()
      values.coverage = { areas }
    } else if (record[field] !== undefined) values[field] = record[field]
  }
  return values
}

/**
 * The record after a re-import: each register field takes the register's new value only while the
 * record still holds the value last written from the register (an editor's change is kept).
 */
function reimported(
  stored: Record<string, unknown>,
  last: Record<string, unknown>,
  fresh: Record<string, unknown>,
): { next: Record<string, unknown>; values: Record<string, unknown> } {
  const { status: _status, ...next } = stored
  const values: Record<string, unknown> = { ...last }
  for (const field of REGISTER_FIELDS) {
    const current = field === 'coverage' ? registerValuesOf(stored).coverage : stored[field]
    if (sameValue(current ?? null, fresh[field] ?? null)) {
      values[field] = fresh[field]
    } else if (sameValue(current ?? null, last[field] ?? null)) {
      if (field === 'coverage')
        next.coverage = { ...(stored.coverage as object), ...(fresh.coverage as object) }
      else if (fresh[field] === undefined) delete next[field]
      else next[field] = fresh[field]
      values[field] = fresh[field]
    }
  }
  for (const [k, v] of Object.entries(values)) if (v === undefined) delete values[k]
  return { next, values }
}

export async function planCcewImport(
  knex: Knex,
  taxonomy: Taxonomy,
  options: {
    dir: string
    referenceDir: string
    locate: (postcode: string) => { lng: number; lat: number } | undefined
    onProgress?: (message: string) => void
  },
): Promise<CcewPlan> {
  const missing = missingExtractFiles(options.dir)
  if (missing.length > 0) {
    throw new HttpError(
      400,
      'ImportInvalid',
      `The extract folder ${options.dir} has no ${missing.join(', ')}`,
    )
  }
  const areas = loadAreaMap(path.join(options.referenceDir, AOO_FILE))
  const links = await sourceLinks(knex, CCEW_SOURCE)
  const known = new Set([...links.keys()].map(Number))
  const extract = await readExtract(options.dir, {
    known,
    onProgress: (file, rows) => options.onProgress?.(`${file}: ${rows.toLocaleString('en-GB')} rows read`),
  })
  options.onProgress?.(`${extract.charities.length} charities to map`)
  const fetchedAt = new Date(
    extract.extractDate
      ? `${extract.extractDate}T00:00:00Z`
      : fs.statSync(path.join(options.dir, CCEW_FILES.charity)).mtime,
  )
  const schema = providerInputSchema(taxonomy)
  const problems = [...extract.problems]
  const skipped = { ...extract.skipped }
  const notes: CcewPlan['notes'] = []
  const plan: CcewPlan = {
    report: { read: extract.read, candidates: [], skipped },
    problems,
    notes,
    fetchedAt,
    creates: [],
    updates: [],
    refreshes: [],
    closes: [],
  }
  const linkedIds = [...links.values()].map((l) => l.provider_id)
  const stored = await loadProviders(knex, linkedIds)
  const drafts = extract.charities.map((charity) => ({
    charity,
    outcome: draftOf(charity, { areas, locate: options.locate }),
  }))
  const newNumbers = drafts
    .filter((d) => !links.has(String(d.charity.row.registered_charity_number)))
    .map((d) => String(d.charity.row.registered_charity_number))
  const listed = await unlinkedByCharityNumber(knex, CCEW_SOURCE, newNumbers)
  // Candidates an editor rejected in the review queue are not proposed again.
  const rejected = await rejectedIds(knex, CCEW_SOURCE, newNumbers)
  const slugsTaken = await providersBySlug(
    knex,
    drafts.flatMap((d) => ('input' in d.outcome ? [d.outcome.input.slug] : [])),
  )
  const toCheck: Array<{ label: string; coverage: ProviderInput['coverage']; index: number }> = []

  for (const { charity, outcome } of drafts) {
    const number = charity.row.registered_charity_number
    if ('skip' in outcome) {
      skipped[outcome.skip] = (skipped[outcome.skip] ?? 0) + 1
      continue
    }
    const parsed = schema.safeParse(outcome.input, { error: importIssueMessage })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.')
        problems.push({
          file: CCEW_FILES.charity,
          index: charity.index,
          field,
          message: issue.message.replaceAll('{column}', field),
        })
      }
      continue
    }
    for (const note of outcome.notes) notes.push({ charityNumber: number, note })
    const input = { ...parsed.data, coverage: { areas: [...parsed.data.coverage.areas].sort() } }
    const link = links.get(String(number))
    const linkFields = {
      sourceId: String(number),
      orgIds: outcome.facts.orgIds,
      facts: outcome.facts,
      removedOn: null,
    }
    const candidate = (action: CcewAction, record: Record<string, unknown>): CcewCandidate => ({
      charityNumber: number,
      name: String(record.name),
      score: outcome.facts.score,
      level: String(record.level),
      areas: ((record.coverage as { areas: string[] }).areas ?? []).slice(),
      functions: record.functions as string[],
      strands: record.strands as string[],
      action,
    })
    if (link) {
      const before = stored.get(link.provider_id) as StoredProvider
      const fresh = registerValuesOf(input)
      if (before.status === 'closed') {
        plan.refreshes.push({ ...linkFields, providerId: before.id, registerValues: link.register_values })
        plan.report.candidates.push(candidate('unchanged', before.record))
        continue
      }
      const { next, values } = reimported(before.record, link.register_values, fresh)
      const linked: Linked = { ...linkFields, providerId: before.id, registerValues: values }
      const { status: _s, ...unchanged } = before.record
      if (sameValue(unchanged, next)) {
        plan.refreshes.push(linked)
        plan.report.candidates.push(candidate('unchanged', before.record))
        continue
      }
      const checked = schema.safeParse({ ...next, status: before.status }, { error: importIssueMessage })
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          const field = issue.path.join('.')
          problems.push({
            file: CCEW_FILES.charity,
            index: charity.index,
            field,
            message: issue.message.replaceAll('{column}', field),
          })
        }
        continue
      }
      const { status: _status, ...nextInput } = checked.data
      plan.updates.push({ before, next: nextInput, link: linked })
      toCheck.push({ label: String(number), coverage: nextInput.coverage, index: charity.index })
      plan.report.candidates.push(candidate('update', nextInput))
      continue
    }
    if (rejected.has(String(number))) {
      skipped[REJECTED] = (skipped[REJECTED] ?? 0) + 1
      continue
    }
    if (listed.has(String(number))) {
      skipped[ALREADY_LISTED] = (skipped[ALREADY_LISTED] ?? 0) + 1
      continue
    }
    if (slugsTaken.has(input.slug)) {
      problems.push({
        file: CCEW_FILES.charity,
        index: charity.index,
        field: 'charity_name',
        message: `the slug "${input.slug}" is taken by another record`,
      })
      continue
    }
    plan.creates.push({ input, link: { ...linkFields, registerValues: registerValuesOf(input) } })
    toCheck.push({ label: String(number), coverage: input.coverage, index: charity.index })
    plan.report.candidates.push(candidate('create', input))
  }

  for (const [number, removedOn] of extract.removed) {
    const link = links.get(String(number)) as NonNullable<ReturnType<typeof links.get>>
    const before = stored.get(link.provider_id) as StoredProvider
    if (before.status === 'closed') continue
    plan.closes.push({
      providerId: before.id,
      removedOn,
      link: {
        providerId: before.id,
        sourceId: String(number),
        orgIds: link.org_ids,
        registerValues: link.register_values,
        facts: link.facts,
        removedOn,
      },
    })
    plan.report.candidates.push({
      charityNumber: number,
      name: String(before.record.name),
      score: null,
      level: String(before.record.level),
      areas: (before.record.coverage as { areas: string[] }).areas,
      functions: before.record.functions as string[],
      strands: before.record.strands as string[],
      action: 'close',
    })
  }

  // Every area must be loaded (the mapping's codes are 2013 codes; a missing boundary is named).
  const byLabel = new Map(toCheck.map((c) => [c.label, c.index]))
  for (const p of await coverageProblems(knex, toCheck)) {
    problems.push({
      file: CCEW_FILES.areas,
      index: byLabel.get(p.label) ?? 0,
      field: `coverage.${p.field}`,
      message: `charity ${p.label}: ${p.message}`,
    })
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.index - b.index)
  return plan
}

/** The audit trail's name for the register, and the note on every change it makes. */
const REGISTER_ACTOR = { userId: null, label: 'Charity Commission register import' }

/** Applies a plan in one transaction; refuses (422, nothing written) when any row had a problem. */
export async function commitCcewPlan(knex: Knex, plan: CcewPlan): Promise<void> {
  if (plan.problems.length > 0) {
    const first = plan.problems[0] as ExtractProblem
    throw new HttpError(
      422,
      'ImportInvalid',
      `Nothing was imported: ${plan.problems.length} problem(s), first in ${first.file} at index ${first.index}, field ${first.field || '(the row)'}: ${first.message}`,
      plan.problems,
    )
  }
  const extract = `extract of ${plan.fetchedAt.toISOString().slice(0, 10)}`
  await knex.transaction(async (trx) => {
    const links: SourceLinkWrite[] = []
    const created: string[] = []
    for (let i = 0; i < plan.creates.length; i += 500) {
      const batch = plan.creates.slice(i, i + 500)
      const ids = await insertProviderRecords(
        trx,
        batch.map((c) => c.input),
      )
      batch.forEach((c, j) => {
        links.push({ ...c.link, providerId: ids[j] as string, fetchedAt: plan.fetchedAt })
      })
      created.push(...ids)
    }
    const after = await loadProviders(trx, created)
    const entries: AuditEntry[] = created.map((id) => ({
      actor: REGISTER_ACTOR,
      action: 'import',
      entityType: 'provider',
      entityId: id,
      before: null,
      after: after.get(id)?.record ?? null,
      note: `created as a draft from the Charity Commission register (ccew), ${extract}`,
    }))
    await insertAuditRows(trx, entries)
    const by = (note: string): ChangeBy => ({ actor: REGISTER_ACTOR, note })
    for (const u of plan.updates) {
      const before = await storedProvider(trx, u.before.id)
      await updateProvider(
        trx,
        before,
        u.next,
        by(`updated from the Charity Commission register (ccew), ${extract}`),
      )
      links.push({ ...u.link, fetchedAt: plan.fetchedAt })
    }
    for (const c of plan.closes) {
      await changeProviderState(
        trx,
        c.providerId,
        { status: 'closed', action: 'close' },
        by(
          `removed from the Charity Commission register${c.removedOn ? ` on ${c.removedOn}` : ''} (ccew, ${extract})`,
        ),
      )
      links.push({ ...c.link, fetchedAt: plan.fetchedAt })
    }
    for (const r of plan.refreshes) links.push({ ...r, fetchedAt: plan.fetchedAt })
    await upsertSourceLinks(trx, CCEW_SOURCE, links)
    await refreshCoverageCells(trx)
  })
}
