import type { Knex } from 'knex'
import { recordAudit } from '../audit/audit-trail'
import { type CsvValue, csvLines } from '../lib/csv'
import { HttpError } from '../lib/errors'
import { DISPLAY_PRECISION, geometryFromWkb, type MultiPolygonGeometry } from '../lib/geometry'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import { selectAreaGrants, selectLevelFunding } from './funding-queries'
import {
  type AreaFunding,
  type FundingAreaMeasure,
  type FundingLevelQuery,
  type FundingLevelResponse,
  type FundingTotal,
  POPULATION_DENOMINATOR,
} from './funding-schemas'
import { linkRecipient, selectUnmatched } from './grants-queries'
import { grantStrands } from './grants-record'

/**
 * Funding flows per area (decision 0016): the grants received by the infrastructure bodies that
 * cover an area, total and per head, by funder, year and strand; the same per area of a level for
 * the coverage page's "funding per head" measure and its exports; and the editors' list of
 * recipients not yet matched to a record.
 */

export const GENERAL_STRAND = 'general'

/** Pounds per head to the penny; null where the population is unknown or zero. */
export const perHead = (total: number, population: number | null) =>
  population && population > 0 ? Math.round((total / population) * 100) / 100 : null

function totals(items: Array<{ key: string; label: string; amount: number }>): FundingTotal[] {
  const map = new Map<string, FundingTotal>()
  for (const i of items) {
    const t = map.get(i.key) ?? { key: i.key, label: i.label, total: 0, grants: 0 }
    t.total = Math.round((t.total + i.amount) * 100) / 100
    t.grants += 1
    map.set(i.key, t)
  }
  return [...map.values()]
}

export function createFundingService(deps: { knex: Knex; taxonomy: { getTaxonomy(): Promise<Taxonomy> } }) {
  const { knex } = deps

  async function areaFunding(code: string): Promise<AreaFunding> {
    const area = await knex('areas')
      .where({ code })
      .first('code', 'name', 'name_cy', 'level', 'type', 'population')
    if (!area) throw new HttpError(404, 'NotFound', `No area has the code ${code}`)
    const taxonomy = await deps.taxonomy.getTaxonomy()
    const strandLabel = new Map(taxonomy.strands.map((s) => [s.code, s.label]))
    const rows = (await selectAreaGrants(knex, code)).filter((r) => r.currency === 'GBP')
    const list = rows.map((r) => ({
      grantId: r.grant_id,
      title: r.title,
      amount: r.amount,
      currency: r.currency,
      awardDate: r.award_date,
      funder: { orgId: r.funder_org_id, name: r.funder_name },
      recipient: { slug: r.slug, name: r.provider_name, level: r.level },
      national: r.level === 'national',
      strands: grantStrands(r.strands, r.dei_codes),
      publisher: r.publisher,
    }))
    const counted = list.filter((g) => !g.national)
    const total = Math.round(counted.reduce((sum, g) => sum + g.amount, 0) * 100) / 100
    const national = list.filter((g) => g.national)
    const population = area.population == null ? null : Number(area.population)
    return {
      area: {
        code: area.code,
        name: area.name,
        nameCy: area.name_cy,
        level: area.level,
        type: area.type,
        population,
      },
      currency: 'GBP',
      denominator: POPULATION_DENOMINATOR,
      total,
      grants: counted.length,
      perHead: perHead(total, population),
      national: {
        total: Math.round(national.reduce((sum, g) => sum + g.amount, 0) * 100) / 100,
        grants: national.length,
      },
      byFunder: totals(
        counted.map((g) => ({ key: g.funder.orgId, label: g.funder.name, amount: g.amount })),
      ).sort((a, b) => b.total - a.total || a.label.localeCompare(b.label)),
      byYear: totals(
        counted.map((g) => ({
          key: g.awardDate.slice(0, 4),
          label: g.awardDate.slice(0, 4),
          amount: g.amount,
        })),
      ).sort((a, b) => a.key.localeCompare(b.key)),
      byStrand: totals(
        counted.flatMap((g) =>
          g.strands.length === 0
            ? [{ key: GENERAL_STRAND, label: 'General support (no strand)', amount: g.amount }]
            : g.strands.map((s) => ({ key: s, label: strandLabel.get(s) ?? s, amount: g.amount })),
        ),
      ).sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)),
      list,
    }
  }

  async function levelRows(q: FundingLevelQuery, geometry: boolean) {
    if (q.within !== null && !(await knex('areas').where({ code: q.within }).first('code')))
      throw new HttpError(404, 'NotFound', `No area has the code ${q.within}`)
    return selectLevelFunding(knex, { level: q.level, within: q.within, geometry })
  }

  const measureOf = (r: Awaited<ReturnType<typeof selectLevelFunding>>[number]): FundingAreaMeasure => {
    const population = r.population == null ? null : Number(r.population)
    return {
      code: r.code,
      name: r.name,
      nameCy: r.name_cy,
      level: r.level,
      type: r.type,
      population,
      total: r.total,
      grants: r.grants,
      perHead: perHead(r.total, population),
      nationalTotal: r.national_total,
    }
  }

  async function levelFunding(q: FundingLevelQuery): Promise<FundingLevelResponse> {
    const rows = await levelRows(q, false)
    return {
      level: q.level,
      within: q.within,
      currency: 'GBP',
      denominator: POPULATION_DENOMINATOR,
      areas: rows.map(measureOf),
    }
  }

  return {
    areaFunding,
    levelFunding,

    async levelFundingGeoJson(q: FundingLevelQuery) {
      const rows = await levelRows(q, true)
      return {
        type: 'FeatureCollection' as const,
        level: q.level,
        within: q.within,
        currency: 'GBP',
        denominator: POPULATION_DENOMINATOR,
        features: rows.map((r) => ({
          type: 'Feature' as const,
          id: r.code,
          properties: measureOf(r),
          geometry: r.geometry
            ? (geometryFromWkb(r.geometry, DISPLAY_PRECISION) as MultiPolygonGeometry)
            : null,
        })),
      }
    },

    async levelFundingCsv(q: FundingLevelQuery): Promise<string> {
      const { areas } = await levelFunding(q)
      const header: CsvValue[] = [
        'area_code',
        'area_name',
        'level',
        'area_type',
        'population_2011',
        'grants',
        'total_gbp',
        'per_head_gbp',
        'national_bodies_gbp',
      ]
      return csvLines([
        header,
        ...areas.map((a) => [
          a.code,
          a.name,
          a.level,
          a.type,
          a.population,
          a.grants,
          a.total,
          a.perHead,
          a.nationalTotal,
        ]),
      ])
    },

    async unmatched() {
      const rows = await selectUnmatched(knex)
      return {
        recipients: rows.map((r) => ({
          recipientOrgId: r.recipient_org_id,
          recipientName: r.recipient_name,
          charityNumber: r.recipient_charity_number,
          postcode: r.recipient_postcode,
          grants: r.grants,
          amount: Number(r.amount),
          suggestion: r.suggested_id
            ? { id: r.suggested_id, slug: r.suggested_slug, name: r.suggested_name }
            : null,
        })),
      }
    },

    /** An editor links a recipient's grants to a record (or confirms the suggestion): audited. */
    async linkRecipient(
      input: { recipientOrgId: string; providerId: string },
      actor: { userId: string; requestId?: string },
    ) {
      return knex.transaction(async (trx) => {
        const provider = await trx('providers').where({ id: input.providerId }).first('id', 'slug', 'name')
        if (!provider)
          throw new HttpError(400, 'ValidationError', 'providerId names no provider', [
            { path: 'providerId', message: 'no provider has this id' },
          ])
        const suggested = await trx('grants')
          .where({
            recipient_org_id: input.recipientOrgId,
            provider_id: input.providerId,
            match_method: 'name-postcode',
          })
          .first('id')
        const changed = await linkRecipient(trx, input.recipientOrgId, {
          id: provider.id,
          method: suggested ? 'name-postcode' : 'editor',
        })
        if (changed.length === 0)
          throw new HttpError(404, 'NotFound', `No grant has the recipient ${input.recipientOrgId}`)
        const label = (await trx('users').where({ id: actor.userId }).first('email'))?.email ?? actor.userId
        for (const c of changed)
          await recordAudit(trx, {
            actor: { userId: actor.userId, label },
            action: 'update',
            entityType: 'grant',
            entityId: c.id,
            before: c.before,
            after: {
              ...c.before,
              provider_id: provider.id,
              match_method: suggested ? 'name-postcode' : 'editor',
              match_confirmed: true,
            },
            ...(actor.requestId ? { requestId: actor.requestId } : {}),
          })
        return { recipientOrgId: input.recipientOrgId, grants: changed.length, provider }
      })
    },
  }
}

export type FundingService = ReturnType<typeof createFundingService>
