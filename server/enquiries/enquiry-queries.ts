import type { Knex } from 'knex'
import type { CreateEnquiryBody, Outcome, SummaryQuery } from './enquiry-schemas'

export interface StoredEnquiry {
  id: string
  recorded_on: string
  recorded_by: string | null
  district_code: string
  function_code: string | null
  topic_code: string | null
  channel: string
  outcome: Outcome
  reason_code: string | null
  note: string | null
  strands: string[]
  referredTo: string[]
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
    async existingProviders(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return []
      const rows = await knex('providers').whereIn('id', ids).select('id')
      return rows.map((r) => r.id as string)
    },

    /**
     * One enquiry with its strands and referrals, all or nothing. With an idempotency key already
     * used, nothing is written and `created` is false: the unique constraint decides, so two
     * requests racing with the same key still make one row.
     */
    async insert(
      row: { districtCode: string; recordedBy: string | null },
      body: Omit<CreateEnquiryBody, 'areaCode' | 'postcode'>,
    ): Promise<{ id: string; created: boolean }> {
      const created = await knex.transaction(async (trx) => {
        const [inserted] = await trx('enquiries')
          .insert({
            recorded_by: row.recordedBy,
            district_code: row.districtCode,
            function_code: body.function ?? null,
            topic_code: body.topic ?? null,
            channel: body.channel,
            outcome: body.outcome,
            reason_code: body.reason ?? null,
            note: body.note || null,
            idempotency_key: body.idempotencyKey ?? null,
          })
          .onConflict('idempotency_key')
          .ignore()
          .returning(['id'])
        if (!inserted) return undefined
        const id = inserted.id as string
        const strands = [...new Set(body.strands ?? [])]
        if (strands.length)
          await trx('enquiry_strands').insert(strands.map((s) => ({ enquiry_id: id, strand_code: s })))
        const referred = [...new Set(body.referredTo ?? [])]
        if (referred.length) {
          await trx('enquiry_referrals').insert(referred.map((p) => ({ enquiry_id: id, provider_id: p })))
        }
        return id
      })
      if (created) return { id: created, created: true }
      const existing = await knex('enquiries').where({ idempotency_key: body.idempotencyKey }).first('id')
      return { id: existing.id as string, created: false }
    },

    /** An enquiry as stored, with its strands and referrals. */
    async get(id: string): Promise<StoredEnquiry | undefined> {
      const row = await knex('enquiries')
        .where({ id })
        .first(
          'id',
          knex.raw("to_char(recorded_on, 'YYYY-MM-DD') as recorded_on"),
          'recorded_by',
          'district_code',
          'function_code',
          'topic_code',
          'channel',
          'outcome',
          'reason_code',
          'note',
        )
      if (!row) return undefined
      const strands = await knex('enquiry_strands')
        .where({ enquiry_id: id })
        .orderBy('strand_code')
        .pluck('strand_code')
      const referredTo = await knex('enquiry_referrals')
        .where({ enquiry_id: id })
        .orderBy('provider_id')
        .pluck('provider_id')
      return { ...row, strands, referredTo }
    },

    /** Deletes an enquiry (its strands and referrals go with it); false when there was none. */
    async remove(id: string, recordedBy: string): Promise<boolean> {
      const n = await knex('enquiries').where({ id, recorded_by: recordedBy }).delete()
      return n > 0
    },

    /**
     * Enquiries counted by the area they fall in at `level` (the district, or every containing
     * area at a higher level), by outcome: exact counts, for the service to round.
     */
    async summary(q: SummaryQuery): Promise<SummaryRow[]> {
      const where: string[] = []
      const bindings: Knex.RawBinding[] = []
      if (q.from) {
        where.push('e.recorded_on >= ?::date')
        bindings.push(q.from)
      }
      if (q.to) {
        where.push('e.recorded_on <= ?::date')
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
      if (q.level === 'local') placed = 'select e.district_code as area_code, e.outcome from e'
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
           select e.id, e.district_code, e.outcome from enquiries e
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
