import path from 'node:path'
import type { Knex } from 'knex'
import { recordAudit } from '../audit/audit-trail'
import { type GrantFileFormat, readGrantFile } from './grants-file'
import { type CandidateProviderRow, candidateProviders, storedMatches, upsertGrants } from './grants-queries'
import { type GrantRecord, grantRecordOf, type MatchMethod, registrationNumber } from './grants-record'
import { type GrantProblem, type GrantStandard, problemsOf } from './grants-schema'

/**
 * A 360Giving import (decision 0016): read the file (JSON, or CSV unflattened), validate the whole
 * package against the standard, reporting every error with its JSON path; match each recipient to
 * a directory record — org-id first, then charity number, then name + postcode as a suggestion an
 * editor confirms — and plan create or update per grant (the 360Giving id is the key, so importing
 * the same file again changes nothing). A dry run by default; a commit writes every grant in one
 * transaction, or nothing when the file has any error.
 */

export interface GrantImportProblem extends GrantProblem {
  /** CSV: the line the grant came from (header = 1). */
  line?: number
}

export interface GrantImportRow {
  grantId: string
  action: 'create' | 'update'
  recipient: string
  funder: string
  amountAwarded: number
  currency: string
  match: { method: MatchMethod; confirmed: boolean; slug: string; name: string } | null
}

/** What `npm run import:360giving -- <file> --json` prints. */
export interface GrantImportReport {
  file: string
  format: GrantFileFormat
  mode: 'dry-run' | 'commit'
  status: 'valid' | 'invalid' | 'committed'
  totalGrants: number
  creates: number
  updates: number
  /** Grants by how their recipient was matched; `unmatched` has no record (or only a suggestion to confirm). */
  matched: Record<MatchMethod | 'unmatched', number>
  errorCount: number
  errors: GrantImportProblem[]
  warnings: GrantImportProblem[]
  grants: GrantImportRow[]
}

/** An org-id written the way registers compare it: upper case, a company number as 8 digits. */
export function canonicalOrgId(orgId: string): string {
  const id = orgId.trim().toUpperCase()
  const coh = /^GB-COH-(\d+)$/.exec(id)
  return coh ? `GB-COH-${(coh[1] as string).padStart(8, '0')}` : id
}

const nameKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
const postcodeKey = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '')

function orgIdsOfRecord(p: CandidateProviderRow): Set<string> {
  const ids = new Set(p.org_ids.map(canonicalOrgId))
  const charity = registrationNumber(p.charity_number)
  if (charity) ids.add(canonicalOrgId(/^SC/.test(charity) ? `GB-SC-${charity}` : `GB-CHC-${charity}`))
  const company = registrationNumber(p.company_number)
  if (company) ids.add(canonicalOrgId(`GB-COH-${company}`))
  return ids
}

/** The charity number a recipient carries: its own field, or the number inside a charity org-id. */
function charityNumberOf(r: GrantRecord['recipient']): string | null {
  if (r.charityNumber) return r.charityNumber
  const m = /^GB-(?:CHC|SC|NIC)-(.+)$/i.exec(r.orgId.trim())
  return m ? registrationNumber(m[1]) : null
}

/** Active records first, then by slug: the one record a rule picks when several fit. */
const pick = (list: CandidateProviderRow[]) =>
  list.sort(
    (a, b) => Number(b.status === 'active') - Number(a.status === 'active') || a.slug.localeCompare(b.slug),
  )[0]

export function matchRecipient(
  recipient: GrantRecord['recipient'],
  candidates: CandidateProviderRow[],
): { provider: CandidateProviderRow; method: MatchMethod } | null {
  const orgId = canonicalOrgId(recipient.orgId)
  const byOrgId = pick(candidates.filter((p) => orgIdsOfRecord(p).has(orgId)))
  if (byOrgId) return { provider: byOrgId, method: 'org-id' }
  const charity = charityNumberOf(recipient)
  const byCharity = charity
    ? pick(candidates.filter((p) => registrationNumber(p.charity_number) === charity))
    : undefined
  if (byCharity) return { provider: byCharity, method: 'charity-number' }
  if (!recipient.postcode) return null
  const postcode = postcodeKey(recipient.postcode)
  const byName = pick(
    candidates.filter(
      (p) => nameKey(p.name) === nameKey(recipient.name) && postcodeKey(p.address ?? '').includes(postcode),
    ),
  )
  return byName ? { provider: byName, method: 'name-postcode' } : null
}

export interface GrantImportPlan {
  report: GrantImportReport
  writes: Array<
    GrantRecord & { providerId: string | null; matchMethod: MatchMethod | null; matchConfirmed: boolean }
  >
}

export async function planGrantImport(
  knex: Knex,
  standard: GrantStandard,
  input: { text: string; format: GrantFileFormat; file: string },
): Promise<GrantImportPlan> {
  const read = readGrantFile(input.text, input.format, standard)
  const lineOf = (p: GrantProblem): GrantImportProblem => {
    const index = /^\/grants\/(\d+)/.exec(p.path)?.[1]
    const line = index === undefined ? undefined : read.lines?.[Number(index)]
    return line === undefined ? p : { ...p, line }
  }
  const errors: GrantProblem[] = [...read.errors]
  const grants = read.package?.grants ?? []
  if (read.package && !standard.validate(read.package)) errors.push(...problemsOf(standard.validate.errors))
  // Beyond the schema: one grant per id, and DEI codes from the extension's code list.
  const seen = new Map<string, number>()
  grants.forEach((g, i) => {
    const id = typeof g?.id === 'string' ? g.id : undefined
    if (id !== undefined) {
      if (seen.has(id))
        errors.push({ path: `/grants/${i}/id`, message: `repeats the id of /grants/${seen.get(id)}` })
      else seen.set(id, i)
    }
    const details = (g?.deiDetails ?? {}) as Record<string, { response?: { taxonomyCodes?: unknown } }>
    for (const part of ['leadership', 'mission', 'project']) {
      const codes = details[part]?.response?.taxonomyCodes
      if (!Array.isArray(codes)) continue
      codes.forEach((code, j) => {
        if (typeof code !== 'string' || !standard.deiCodes.has(code))
          errors.push({
            path: `/grants/${i}/deiDetails/${part}/response/taxonomyCodes/${j}`,
            message: `is not a DEI taxonomy code (DEI010000 … DEI800030, taxonomyCodes.csv): ${JSON.stringify(code)}`,
          })
      })
    }
  })
  errors.sort((a, b) => grantIndex(a) - grantIndex(b))

  const base = {
    file: path.basename(input.file),
    format: input.format,
    mode: 'dry-run' as const,
    totalGrants: grants.length,
    warnings: read.warnings.map(lineOf),
  }
  if (errors.length > 0) {
    return {
      report: {
        ...base,
        status: 'invalid',
        creates: 0,
        updates: 0,
        matched: { 'org-id': 0, 'charity-number': 0, 'name-postcode': 0, editor: 0, unmatched: 0 },
        errorCount: errors.length,
        errors: errors.map(lineOf),
        grants: [],
      },
      writes: [],
    }
  }

  const records = grants.map((g, i) => grantRecordOf(g, read.awardDatesAsPublished?.[i] ?? null))
  const candidates = await candidateProviders(knex, {
    numbers: [
      ...new Set(
        records
          .flatMap((r) => [
            charityNumberOf(r.recipient),
            r.recipient.companyNumber,
            /^GB-COH-(.+)$/i.exec(r.recipient.orgId.trim())?.[1] ?? null,
          ])
          .filter((n): n is string => !!n)
          .map((n) => n.toUpperCase().replace(/^0+/, '')),
      ),
    ],
    orgIds: [...new Set(records.map((r) => canonicalOrgId(r.recipient.orgId)))],
    names: [...new Set(records.map((r) => nameKey(r.recipient.name)))],
  })
  const stored = new Map(
    (
      await storedMatches(
        knex,
        records.map((r) => r.grantId),
      )
    ).map((s) => [s.grant_id, s]),
  )
  const byId = new Map(candidates.map((c) => [c.id, c]))
  const matched: GrantImportReport['matched'] = {
    'org-id': 0,
    'charity-number': 0,
    'name-postcode': 0,
    editor: 0,
    unmatched: 0,
  }
  const writes: GrantImportPlan['writes'] = []
  const rows: GrantImportRow[] = []
  for (const record of records) {
    const before = stored.get(record.grantId)
    // An editor's decision (a confirmed suggestion or a link) outlives re-imports.
    const kept = before?.match_confirmed && before.provider_id ? before : undefined
    const found = kept ? null : matchRecipient(record.recipient, candidates)
    const providerId = kept ? kept.provider_id : (found?.provider.id ?? null)
    const method = kept ? kept.match_method : (found?.method ?? null)
    const confirmed = !!kept
    writes.push({ ...record, providerId, matchMethod: method, matchConfirmed: confirmed })
    const counts = method !== null && (method !== 'name-postcode' || confirmed)
    matched[counts ? (method as MatchMethod) : 'unmatched'] += 1
    const provider = providerId
      ? (byId.get(providerId) ?? (kept ? { slug: '', name: '' } : undefined))
      : undefined
    rows.push({
      grantId: record.grantId,
      action: before ? 'update' : 'create',
      recipient: record.recipient.name,
      funder: record.funder.name,
      amountAwarded: record.amountAwarded,
      currency: record.currency,
      match: method && provider ? { method, confirmed, slug: provider.slug, name: provider.name } : null,
    })
  }
  return {
    report: {
      ...base,
      status: 'valid',
      creates: rows.filter((r) => r.action === 'create').length,
      updates: rows.filter((r) => r.action === 'update').length,
      matched,
      errorCount: 0,
      errors: [],
      grants: rows,
    },
    writes,
  }
}

const grantIndex = (p: GrantProblem) => Number(/^\/grants\/(\d+)/.exec(p.path)?.[1] ?? -1)

/** Writes a valid plan in one transaction (audited as one import); an invalid plan writes nothing. */
export async function commitGrantImport(
  knex: Knex,
  plan: GrantImportPlan,
  by: { userId: string | null; label: string },
): Promise<GrantImportReport> {
  if (plan.report.status !== 'valid') return plan.report
  const importedAt = new Date()
  await knex.transaction(async (trx) => {
    await upsertGrants(trx, plan.writes, { file: plan.report.file, importedAt })
    await recordAudit(trx, {
      actor: by,
      action: 'import',
      entityType: 'grants',
      entityId: plan.report.file,
      before: null,
      after: {
        file: plan.report.file,
        grants: plan.report.totalGrants,
        creates: plan.report.creates,
        updates: plan.report.updates,
        matched: plan.report.matched,
      },
    })
  })
  return { ...plan.report, mode: 'commit', status: 'committed' }
}
