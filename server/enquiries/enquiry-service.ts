import type { GeoService } from '../geo/geo-service'
import { ValidationError } from '../lib/errors'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import type { EnquiryQueries, SummaryRow } from './enquiry-queries'
import {
  type CreateEnquiryBody,
  type EnquirySummary,
  type PublishedCount,
  SUPPRESS_BELOW,
  type SummaryQuery,
} from './enquiry-schemas'

function publish(n: number, exact: boolean): PublishedCount {
  return !exact && n > 0 && n < SUPPRESS_BELOW ? '<5' : n
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

  /** Where an enquiry came from, reduced to its district and (when known) ward. */
  async function place(body: CreateEnquiryBody): Promise<{ districtCode: string; wardCode: string | null }> {
    if (body.postcode !== undefined) {
      const found = await geo.lookupPostcode(body.postcode)
      const district = found.areas.find((a) => a.type === 'lad')
      if (!district) {
        throw new ValidationError(
          `Invalid body: postcode ${found.postcode} is outside the areas Support Atlas covers`,
          [{ field: 'postcode', message: 'outside the areas covered (England and Wales)' }],
        )
      }
      // A sector or district centroid says nothing reliable about the ward.
      const ward = found.precision === 'postcode' ? found.areas.find((a) => a.type === 'ward') : undefined
      return { districtCode: district.code, wardCode: ward?.code ?? null }
    }
    const code = body.areaCode as string
    const area = await queries.areaType(code)
    if (area?.type === 'lad') return { districtCode: area.code, wardCode: null }
    if (area?.type === 'ward') {
      const district = await queries.parentDistrict(area.code)
      if (district) return { districtCode: district, wardCode: area.code }
    }
    throw new ValidationError(
      `Invalid body: areaCode ${code} is not a ${area ? 'district or ward' : 'known area'}: give a district or ward code`,
      [{ field: 'areaCode', message: 'must be the code of a district or ward' }],
    )
  }

  return {
    async record(body: CreateEnquiryBody, recordedBy: string | null) {
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
      const where = await place(body)
      const { postcode: _postcode, areaCode: _areaCode, ...rest } = body
      const saved = await queries.insert({ ...where, recordedBy }, rest)
      // The response echoes exactly what was stored: no postcode, no caller.
      return {
        id: saved.id,
        recordedAt: saved.recordedAt.toISOString(),
        districtCode: where.districtCode,
        wardCode: where.wardCode,
        function: body.function ?? null,
        topic: body.topic ?? null,
        strands: [...new Set(body.strands ?? [])],
        channel: body.channel,
        outcome: body.outcome,
        referredTo: referred,
        note: body.note || null,
      }
    },

    async summary(q: SummaryQuery, exact: boolean): Promise<EnquirySummary> {
      await checkCodes('function', q.function, 'functions')
      await checkCodes('topic', q.topic, 'topics')
      await checkCodes('strand', q.strand, 'strands')
      const rows: SummaryRow[] = await queries.summary(q)
      return {
        level: q.level,
        within: q.within ?? null,
        from: q.from ?? null,
        to: q.to ?? null,
        suppressed: !exact,
        areas: rows.map((r) => ({
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
