import type { GeoService } from '../geo/geo-service'
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { isMonthEnd, isMonthStart, publishCount as publish, ROUNDING_BASE } from './disclosure-control'
import type { EnquiryQueries, StoredEnquiry, SummaryRow } from './enquiry-queries'
import type { CreateEnquiryBody, EnquiryRecord, EnquirySummary, SummaryQuery } from './enquiry-schemas'

function toRecord(row: StoredEnquiry): EnquiryRecord {
  return {
    id: row.id,
    recordedOn: row.recorded_on,
    districtCode: row.district_code,
    function: row.function_code,
    topic: row.topic_code,
    strands: row.strands,
    channel: row.channel as EnquiryRecord['channel'],
    outcome: row.outcome,
    reason: (row.reason_code as EnquiryRecord['reason']) ?? null,
    referredTo: row.referredTo,
    note: row.note,
  }
}

export function createEnquiryService(deps: {
  queries: EnquiryQueries
  geo: GeoService
  taxonomy: TaxonomyService
}) {
  const { queries, geo, taxonomy } = deps

  async function checkCodes(
    field: string,
    given: string[] | undefined,
    vocabulary: 'functions' | 'topics' | 'strands',
  ) {
    if (!given?.length) return
    const allowed = await taxonomy.codes(vocabulary)
    const unknown = given.filter((c) => !allowed.includes(c))
    if (unknown.length) {
      throw new ValidationError(
        `Invalid ${field}: unknown code ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`,
        [{ field, message: `unknown code ${unknown.join(', ')}; allowed: ${allowed.join(', ')}` }],
      )
    }
  }

  /** Where an enquiry came from, reduced to its district (decision 0010: never finer). */
  async function place(body: CreateEnquiryBody): Promise<string> {
    if (body.postcode !== undefined) {
      const found = await geo.resolvePlace({ postcode: body.postcode })
      const district = found.areas.find((a) => a.type === 'lad')
      if (!district) {
        throw new ValidationError(
          `Invalid body: postcode ${found.postcode} is outside the areas Support Atlas covers`,
          [{ field: 'postcode', message: 'outside the areas covered (England and Wales)' }],
        )
      }
      return district.code
    }
    const code = body.areaCode as string
    const place = await geo.resolveArea(code)
    const area = place?.areas.find((a) => a.code === code)
    if (area?.type === 'lad') return area.code
    if (area?.type === 'ward') {
      const district = place?.areas.find((a) => a.type === 'lad')
      if (district) return district.code
    }
    throw new ValidationError(
      `Invalid body: areaCode ${code} is not a ${area ? 'district or ward' : 'known area'}: give a district or ward code`,
      [{ field: 'areaCode', message: 'must be the code of a district or ward' }],
    )
  }

  /**
   * Published figures may be asked for by whole months only: day-by-day windows would let a
   * reader watch single enquiries cross a rounding step (decision 0010).
   */
  function checkPublicDates(q: SummaryQuery) {
    const bad: Array<{ field: string; message: string }> = []
    if (q.from && !isMonthStart(q.from))
      bad.push({ field: 'from', message: 'must be the first day of a month, e.g. 2026-11-01' })
    if (q.to && !isMonthEnd(q.to))
      bad.push({ field: 'to', message: 'must be the last day of a month, e.g. 2026-11-30' })
    if (bad.length) {
      throw new ValidationError(
        `Invalid query: published enquiry counts cover whole months: ${bad.map((b) => `${b.field} ${b.message}`).join('; ')}`,
        bad,
      )
    }
  }

  return {
    /**
     * Logs one enquiry. A repeat of the same idempotency key answers the enquiry already logged
     * (`created: false`) and writes nothing.
     */
    async record(
      body: CreateEnquiryBody,
      recordedBy: string | null,
    ): Promise<{ enquiry: EnquiryRecord; created: boolean }> {
      await checkCodes('function', body.function ? [body.function] : undefined, 'functions')
      await checkCodes('topic', body.topic ? [body.topic] : undefined, 'topics')
      await checkCodes('strands', body.strands, 'strands')
      const referred = [...new Set(body.referredTo ?? [])]
      const known = await queries.existingProviders(referred)
      const missing = referred.filter((id) => !known.includes(id))
      if (missing.length) {
        throw new ValidationError(`Invalid referredTo: no provider with id ${missing.join(', ')}`, [
          { field: 'referredTo', message: `no provider with id ${missing.join(', ')}` },
        ])
      }
      const districtCode = await place(body)
      const { postcode: _postcode, areaCode: _areaCode, ...rest } = body
      const saved = await queries.insert({ districtCode, recordedBy }, rest)
      const stored = await queries.get(saved.id)
      if (!stored) throw new Error(`enquiry ${saved.id} vanished after it was written`)
      if (!saved.created && stored.recorded_by !== recordedBy) {
        throw new ConflictError(
          'Invalid idempotencyKey: it was used for another call; make a new one per call',
          [{ field: 'idempotencyKey', message: 'already used for another call' }],
        )
      }
      // The answer is exactly what was stored: the district, never the postcode or the caller.
      return { enquiry: toRecord(stored), created: saved.created }
    },

    /** Undoes an enquiry this member of staff just logged: it is deleted with its strands and referrals. */
    async undo(id: string, recordedBy: string): Promise<EnquiryRecord> {
      const stored = await queries.get(id)
      if (!stored || stored.recorded_by !== recordedBy || !(await queries.remove(id, recordedBy))) {
        throw new NotFoundError(`No enquiry ${id} logged in this session to undo`)
      }
      return toRecord(stored)
    },

    async summary(q: SummaryQuery, exact: boolean): Promise<EnquirySummary> {
      await checkCodes('function', q.function, 'functions')
      await checkCodes('topic', q.topic, 'topics')
      await checkCodes('strand', q.strand, 'strands')
      if (!exact) checkPublicDates(q)
      const rows: SummaryRow[] = await queries.summary(q)
      return {
        level: q.level,
        within: q.within ?? null,
        from: q.from ?? null,
        to: q.to ?? null,
        suppressed: !exact,
        roundedTo: exact ? null : ROUNDING_BASE,
        // An area whose rounded total is 0 is left out, as an area with no enquiries is: being
        // listed must not tell 1 or 2 enquiries from none.
        areas: rows
          .filter((r) => exact || publish(r.total, false) > 0)
          .map((r) => ({
            code: r.code,
            name: r.name,
            nameCy: r.name_cy,
            total: publish(r.total, exact),
            byOutcome: {
              referred: publish(r.referred, exact),
              'advice-only': publish(r.advice_only, exact),
              'no-suitable-provider': publish(r.no_suitable_provider, exact),
            },
          })),
      }
    },
  }
}

export type EnquiryService = ReturnType<typeof createEnquiryService>
