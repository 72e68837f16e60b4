import type { Knex } from 'knex'
import type { CreateEnquiryBody, Outcome, SummaryQuery } from './enquiry-schemas'

export interface AreaTypeRow {
  code: string
  type: string
}

export interface SummaryRow {
  code: string
  name: string
  name_cy: string | null
  total: number
  referred: number
  advice_only: number
  no_suitable_provider: number
}

export function createEnquiryQueries(knex: Knex) {
  return {
    async areaType(code: string): Promise<AreaTypeRow | undefined> {
      return knex('areas').select('code', 'type').where({ code }).first()
    },

    async parentDistrict(wardCode: string): Promise<string | undefined> {
      const row = await knex('area_relations as r')
        .join('areas as a', 'a.code', 'r.parent_code')
        .where('r.child_code', wardCode)
        .andWhere('a.type', 'lad')
        .first('a.code')
      return row?.code
    },

    async existingProviders(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return []
      const rows = await knex('providers').whereIn('id', ids).select('id')
      return rows.map((r) => r.id as string)
    },

    /** One enquiry with its strands and referrals, all or nothing. */
    async insert(
      row: { districtCode: string; wardCode: string | null; recordedBy: string | null },
      body: Omit<CreateEnquiryBody, 'areaCode' | 'postcode'>,
    ): Promise<{ id: string; recordedAt: Date }> {
      return knex.transaction(async (trx) => {
        const [inserted] = await trx('enquiries')
          .insert({
            recorded_by: row.recordedBy,
            district_code: row.districtCode,
            ward_code: row.wardCode,
            function_code: body.function ?? null,
            topic_code: body.topic ?? null,
            channel: body.channel,
            outcome: body.outcome,
            note: body.note || null,
          })
          .returning(['id', 'recorded_at'])
        const id = inserted.id as string
        const strands = [...new Set(body.strands ?? [])]
        if (strands.length)
          await trx('enquiry_strands').insert(strands.map((s) => ({ enquiry_id: id, strand_code: s })))
        const referred = [...new Set(body.referredTo ?? [])]
        if (referred.length) {
          await trx('enquiry_referrals').insert(referred.map((p) => ({ enquiry_id: id, provider_id: p })))
        }
        return { id, recordedAt: inserted.recorded_at as Date }
      })
    },

    /**
     * Enquiries counted by the area they fall in at `level` (a ward, the district, or every
     * containing area at a higher level), by outcome.
     */
    async summary(q: SummaryQuery): Promise<SummaryRow[]> {
      const where: string[] = []
      const bindings: Knex.RawBinding[] = []
      if (q.from) {
        where.push('e.recorded_at >= ?::date')
        bindings.push(q.from)
      }
      if (q.to) {
        where.push("e.recorded_at < ?::date + interval '1 day'")
        bindings.push(q.to)
      }
      if (q.outcome) {
        where.push('e.outcome = ?')
        bindings.push(q.outcome)
      }
      if (q.function?.length) {
        where.push(`e.function_code in (${q.function.map(() => '?').join(', ')})`)
        bindings.push(...q.function)
      }
      if (q.topic?.length) {
        where.push(`e.topic_code in (${q.topic.map(() => '?').join(', ')})`)
        bindings.push(...q.topic)
      }
      if (q.strand?.length) {
        where.push(
          `exists (select 1 from enquiry_strands s where s.enquiry_id = e.id and s.strand_code in (${q.strand.map(() => '?').join(', ')}))`,
        )
        bindings.push(...q.strand)
      }
      let placed: string
      const placedBindings: Knex.RawBinding[] = []
      if (q.level === 'neighbourhood')
        placed = 'select e.ward_code as area_code, e.outcome from e where e.ward_code is not null'
      else if (q.level === 'local') placed = 'select e.district_code as area_code, e.outcome from e'
      else {
        placed = `select c.ancestor_code as area_code, e.outcome
                    from e join area_closure c on c.descendant_code = e.district_code
                    join areas up on up.code = c.ancestor_code and up.level = ?`
        placedBindings.push(q.level)
      }
      const withinSql = q.within
        ? 'where (a.code = ? or exists (select 1 from area_closure w where w.ancestor_code = ? and w.descendant_code = a.code))'
        : ''
      const withinBindings = q.within ? [q.within, q.within] : []
      const { rows } = await knex.raw<{ rows: SummaryRow[] }>(
        `with e as (
           select e.id, e.district_code, e.ward_code, e.outcome from enquiries e
           ${where.length ? `where ${where.join(' and ')}` : ''}
         ), placed as (${placed})
         select a.code, a.name, a.name_cy,
                count(*)::int as total,
                (count(*) filter (where p.outcome = 'referred'))::int as referred,
                (count(*) filter (where p.outcome = 'advice-only'))::int as advice_only,
                (count(*) filter (where p.outcome = 'no-suitable-provider'))::int as no_suitable_provider
           from placed p join areas a on a.code = p.area_code
           ${withinSql}
          group by a.code, a.name, a.name_cy
          order by a.name, a.code`,
        [...bindings, ...placedBindings, ...withinBindings],
      )
      return rows
    },
  }
}

export type EnquiryQueries = ReturnType<typeof createEnquiryQueries>
export type { Outcome }
