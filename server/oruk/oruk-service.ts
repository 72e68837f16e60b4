import type { Knex } from 'knex'
import type { GeoService } from '../geo/geo-service'
import { NotFoundError } from '../lib/errors'
import { DISPLAY_PRECISION } from '../lib/geometry'
import { cachedFor } from '../lib/per-object-cache'
import { codeTables } from '../providers/provider-row'
import { UUID_PATTERN } from '../providers/provider-schema'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import {
  type ProviderFactsRow,
  type ProviderFilter,
  selectProviderFacts,
  selectServiceAreas,
  type TermFilter,
} from './oruk-queries'
import {
  type BuildContext,
  type FeedLanguage,
  organizationOf,
  orukIds,
  type ProviderFacts,
  PUBLISHED_STATUSES,
  type ServiceAreaFacts,
  serviceAtLocationOf,
  serviceFullOf,
  serviceSummaryOf,
} from './oruk-records'
import {
  type OrganizationsQuery,
  type OrukApiDetails,
  type OrukPage,
  orukPage,
  type Paging,
  type ServiceAtLocationsQuery,
  type ServiceFilter,
  type ServicesQuery,
  type TaxonomiesQuery,
  type TaxonomyTermsQuery,
} from './oruk-schemas'
import { termIndex } from './oruk-taxonomy'

/** The ORUK profile this feed follows, as the official validator expects to read it at GET /. */
export const ORUK_API_DETAILS = {
  version: 'HSDS-UK-3.0',
  profile: 'https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md',
  openapi_url: 'https://docs.openreferraluk.org/en/latest/openapi30.json',
} as const satisfies OrukApiDetails

export interface OrukServiceDeps {
  knex: Knex
  taxonomy: TaxonomyService
  geo: Pick<GeoService, 'lookupPostcode'>
  /** Polygon coverage below this share of an area does not count as covering it (as in search). */
  minCoverageShare: number
}

/**
 * A facts row (snake_case) as the camelCase facts the builders take. In Welsh (`lang` cy) the name,
 * summary, description and how-to-access are the record's Welsh ones where it has them.
 */
export function factsOf(row: ProviderFactsRow, lang: FeedLanguage = 'en'): ProviderFacts {
  const facts: ProviderFacts = {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    level: row.level,
    orgType: row.org_type,
    status: row.status,
    summary: row.summary,
    description: row.description,
    mission: row.mission,
    remit: row.remit,
    limits: row.limits,
    referralCriteria: row.referral_criteria,
    howToAccess: row.how_to_access,
    costType: row.cost_type,
    costText: row.cost_text,
    functions: row.functions,
    topics: row.topics,
    strands: row.strands,
    languages: row.languages,
    formats: row.formats,
    openingHours: (row.opening_hours ?? null) as ProviderFacts['openingHours'],
    website: row.website,
    email: row.email,
    phone: row.phone,
    address: row.address,
    office:
      row.office_lng === null || row.office_lat === null
        ? null
        : { lng: row.office_lng, lat: row.office_lat },
    charityNumber: row.charity_number,
    companyNumber: row.company_number,
    strandDetails: row.strandDetails,
    actsAsGeneralist: row.acts_as_generalist,
    activitySpecialist: row.activity_specialist,
    servesInfrastructureOnly: row.serves_infrastructure_only,
    qualityMarks: row.quality_marks,
    qualityMarkOther: row.quality_mark_other ?? null,
    membershipBased: row.membership_based,
    welshName: row.welsh_name ?? null,
    welshSummary: row.welsh_summary ?? null,
    welshDescription: row.welsh_description ?? null,
    welshHowToAccess: row.welsh_how_to_access ?? null,
    annualReportUrl: row.annual_report_url,
    lastVerifiedAt: row.last_verified_at,
    updatedAt: new Date(row.updated_at).toISOString(),
  }
  if (lang === 'en') return facts
  return {
    ...facts,
    name: facts.welshName ?? facts.name,
    summary: facts.welshSummary ?? facts.summary,
    description: facts.welshDescription ?? facts.description,
    howToAccess: facts.welshHowToAccess ?? facts.howToAccess,
  }
}

const slice = ({ page, perPage }: Paging) => ({ limit: perPage, offset: (page - 1) * perPage })

function pageOf<T>(all: T[], paging: Paging): OrukPage<T> {
  const { limit, offset } = slice(paging)
  return orukPage(all.slice(offset, offset + limit), all.length, paging)
}

const matchesText = (text: string | undefined, ...fields: Array<string | undefined>) =>
  !text || fields.some((f) => f?.toLowerCase().includes(text.toLowerCase()))

export function createOrukService({ knex, taxonomy, geo, minCoverageShare }: OrukServiceDeps) {
  async function context(baseUrl: string, lang: FeedLanguage = 'en'): Promise<BuildContext> {
    const current = await taxonomy.getTaxonomy()
    return { taxonomy: current, terms: cachedFor(current, termIndex), baseUrl, lang }
  }

  /** ORUK's filters as ours; unknown ids match nothing rather than failing. */
  function filterOf(f: ServiceFilter, ctx: BuildContext): ProviderFilter {
    const terms: ProviderFilter['terms'] = []
    if (f.taxonomyTermId !== undefined) {
      const found = ctx.terms.byId.get(f.taxonomyTermId.toLowerCase())
      terms.push(found ? ({ vocabulary: found.vocabulary, code: found.code } as TermFilter) : 'none')
    }
    let anyOf: ProviderFilter['anyOf']
    if (f.taxonomyId !== undefined) {
      const found = ctx.terms.taxonomyById.get(f.taxonomyId.toLowerCase())
      anyOf = !found
        ? 'none'
        : found.vocabulary in codeTables
          ? (found.vocabulary as keyof typeof codeTables)
          : 'column'
    }
    let providerId: string | undefined
    if (f.organizationId !== undefined) {
      if (UUID_PATTERN.test(f.organizationId))
        providerId = orukIds.providerOf('organization', f.organizationId)
      else terms.push('none')
    }
    return {
      statuses: PUBLISHED_STATUSES,
      text: f.text,
      terms,
      anyOf,
      providerId,
      modifiedAfter: f.modifiedAfter,
    }
  }

  async function areasOf(ids: string[]): Promise<Map<string, ServiceAreaFacts>> {
    const rows = await selectServiceAreas(knex, ids, DISPLAY_PRECISION)
    const byProvider = new Map<string, ServiceAreaFacts>(ids.map((id) => [id, { areas: [], polygon: null }]))
    for (const row of rows) {
      const entry = byProvider.get(row.provider_id)
      if (!entry) continue
      if (row.code === null) entry.polygon = row.geojson
      else entry.areas.push({ code: row.code, name: row.name as string, extent: row.geojson })
    }
    return byProvider
  }

  async function fullServices(rows: ProviderFactsRow[], ctx: BuildContext) {
    const areas = await areasOf(rows.map((r) => r.id))
    return rows.map((r) =>
      serviceFullOf(factsOf(r, ctx.lang), areas.get(r.id) ?? { areas: [], polygon: null }, ctx),
    )
  }

  /** One published provider by its own id, or a 404 naming what was asked for. */
  async function oneProvider(providerId: string | undefined, what: string, id: string) {
    const found = providerId
      ? await selectProviderFacts(
          knex,
          { statuses: PUBLISHED_STATUSES, terms: [], providerId },
          { limit: 1, offset: 0 },
        )
      : undefined
    const row = found?.rows[0]
    if (!row) throw new NotFoundError(`No ${what} with id "${id.slice(0, 100)}"`)
    return row
  }

  const idIf = (id: string) => (UUID_PATTERN.test(id) ? id.toLowerCase() : undefined)

  return {
    apiDetails(): OrukApiDetails {
      return { ...ORUK_API_DETAILS }
    },

    async listServices(q: ServicesQuery, baseUrl: string, lang: FeedLanguage = 'en') {
      const ctx = await context(baseUrl, lang)
      const { total, rows } = await selectProviderFacts(knex, filterOf(q.filter, ctx), slice(q))
      const contents = q.full
        ? await fullServices(rows, ctx)
        : rows.map((r) => serviceSummaryOf(factsOf(r, ctx.lang), ctx))
      return orukPage(contents, total, q)
    },

    async getService(id: string, baseUrl: string, lang: FeedLanguage = 'en') {
      const ctx = await context(baseUrl, lang)
      const row = await oneProvider(idIf(id), 'service', id)
      const [service] = await fullServices([row], ctx)
      return service
    },

    async listOrganizations(q: OrganizationsQuery, baseUrl: string, lang: FeedLanguage = 'en') {
      const ctx = await context(baseUrl, lang)
      const { total, rows } = await selectProviderFacts(
        knex,
        { statuses: PUBLISHED_STATUSES, terms: [], text: q.text },
        slice(q),
      )
      const services = q.fullService ? await fullServices(rows, ctx) : []
      const contents = rows.map((r, i) => ({
        ...organizationOf(factsOf(r, ctx.lang), ctx, q.full || q.fullService),
        ...(q.fullService ? { services: [services[i]] } : {}),
      }))
      return orukPage(contents, total, q)
    },

    async getOrganization(id: string, fullService: boolean, baseUrl: string, lang: FeedLanguage = 'en') {
      const ctx = await context(baseUrl, lang)
      const providerId = idIf(id) && orukIds.providerOf('organization', id)
      const row = await oneProvider(providerId, 'organization', id)
      const facts = factsOf(row, ctx.lang)
      const services = fullService ? await fullServices([row], ctx) : [serviceSummaryOf(facts, ctx)]
      return { ...organizationOf(facts, ctx, true), services }
    },

    async listTaxonomies(q: TaxonomiesQuery) {
      const ctx = await context('')
      const all = ctx.terms.taxonomies
        .filter((t) => matchesText(q.text, t.name, t.description))
        .map(({ vocabulary: _v, ...t }) => t)
      return pageOf(all, q)
    },

    async getTaxonomy(id: string) {
      const ctx = await context('')
      const found = ctx.terms.taxonomyById.get(id.toLowerCase())
      if (!found) throw new NotFoundError(`No taxonomy with id "${id.slice(0, 100)}"`)
      const { vocabulary: _v, ...taxonomy } = found
      return {
        ...taxonomy,
        taxonomy_terms: ctx.terms.terms.filter((t) => t.term.taxonomy_id === found.id).map((t) => t.term),
      }
    },

    async listTaxonomyTerms(q: TaxonomyTermsQuery) {
      const ctx = await context('')
      const all = ctx.terms.terms
        .map((t) => t.term)
        .filter(
          (t) =>
            (q.taxonomyId === undefined || t.taxonomy_id === q.taxonomyId.toLowerCase()) &&
            (q.parentId === undefined || t.parent_id === q.parentId.toLowerCase()) &&
            (!q.topOnly || t.parent_id === undefined) &&
            matchesText(q.text, t.name, t.description, t.term),
        )
      return pageOf(all, q)
    },

    async getTaxonomyTerm(id: string) {
      const ctx = await context('')
      const found = ctx.terms.byId.get(id.toLowerCase())
      if (!found) throw new NotFoundError(`No taxonomy term with id "${id.slice(0, 100)}"`)
      return found.term
    },

    async listServiceAtLocations(q: ServiceAtLocationsQuery, baseUrl: string, lang: FeedLanguage = 'en') {
      const ctx = await context(baseUrl, lang)
      const filter: ProviderFilter = { ...filterOf(q.filter, ctx), located: true }
      if (q.postcode !== undefined) {
        // Malformed: 400; no UK location (GY, JE, IM, non-geographic): no areas, so nothing covers it.
        const place = await geo.lookupPostcode(q.postcode)
        const levels = ctx.taxonomy.levels.map((l) => l.code)
        const ranks = place.areas.map((a) => levels.indexOf(a.level)).filter((r) => r >= 0)
        const mostLocal = Math.min(...ranks)
        filter.covering = {
          areaCodes: place.areas.filter((a) => levels.indexOf(a.level) === mostLocal).map((a) => a.code),
          minShare: minCoverageShare,
        }
        if (place.location) filter.near = { ...place.location, metres: q.proximityMetres }
      }
      const { total, rows } = await selectProviderFacts(knex, filter, slice(q))
      const services = q.full
        ? await fullServices(rows, ctx)
        : rows.map((r) => serviceSummaryOf(factsOf(r, ctx.lang), ctx))
      const contents = rows.flatMap((r, i) => {
        const sal = serviceAtLocationOf(factsOf(r, ctx.lang), ctx)
        return sal ? [{ ...sal, service: services[i] }] : []
      })
      return orukPage(contents, total, q)
    },

    async getServiceAtLocation(id: string, baseUrl: string, lang: FeedLanguage = 'en') {
      const ctx = await context(baseUrl, lang)
      const providerId = idIf(id) && orukIds.providerOf('serviceAtLocation', id)
      const row = await oneProvider(providerId, 'service at location', id)
      const facts = factsOf(row, ctx.lang)
      const sal = serviceAtLocationOf(facts, ctx)
      if (!sal) throw new NotFoundError(`No service at location with id "${id.slice(0, 100)}"`)
      return { ...sal, service: serviceSummaryOf(facts, ctx) }
    },
  }
}

export type OrukService = ReturnType<typeof createOrukService>
