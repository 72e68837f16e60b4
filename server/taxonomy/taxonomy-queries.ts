import type { Knex } from 'knex'
import {
  type FunctionTerm,
  type StrandDetailTerm,
  type StrandTerm,
  type Taxonomy,
  type TaxonomyTerm,
  type Vocabulary,
  vocabularyTables,
} from './taxonomy-schemas'

interface TermRow {
  code: string
  label: string
  label_cy: string
  description: string | null
  description_cy: string | null
  synonyms: string[]
  position: number
  family_code?: string
  protected_characteristic?: boolean
  strand_code?: string
  bit?: number
}

function toRow(term: TaxonomyTerm, position: number): TermRow {
  return {
    code: term.code,
    label: term.label,
    label_cy: term.labelCy,
    description: term.description,
    description_cy: term.descriptionCy,
    synonyms: term.synonyms,
    position,
  }
}

function toTerm(row: TermRow): TaxonomyTerm {
  return {
    code: row.code,
    label: row.label,
    labelCy: row.label_cy,
    description: row.description,
    descriptionCy: row.description_cy,
    synonyms: row.synonyms,
  }
}

// Parents before children, so foreign keys hold while upserting.
const writeOrder: Vocabulary[] = [
  'levels',
  'kinds',
  'functionFamilies',
  'functions',
  'topics',
  'strands',
  'strandDetails',
  'orgTypes',
  'formats',
  'languages',
  'statuses',
  'costTypes',
  'qualityMarks',
]

/** Search masks allow 63 codes per vocabulary (a bigint's bits, less the sign). */
export const MAX_BIT = 62

/**
 * Functions and strands carry a bit for the search masks. A code keeps its bit for life; a new
 * code takes the lowest bit no current row holds, so a mask never changes meaning.
 */
async function assignBits(trx: Knex.Transaction, table: string, rows: TermRow[]): Promise<void> {
  const existing = await trx(table).select<Array<{ code: string; bit: number }>>('code', 'bit')
  const bitOf = new Map(existing.map((r) => [r.code, r.bit]))
  const used = new Set(existing.map((r) => r.bit))
  let next = 0
  for (const row of rows) {
    const kept = bitOf.get(row.code)
    if (kept !== undefined) {
      row.bit = kept
      continue
    }
    while (used.has(next)) next++
    if (next > MAX_BIT) throw new Error(`${table}: more than ${MAX_BIT + 1} codes cannot have search bits`)
    row.bit = next
    used.add(next)
  }
}

/**
 * Upserts every vocabulary and removes codes no longer listed. A removed code still used by a
 * provider fails on its foreign key, which is the point: codes are stable.
 */
export async function writeTaxonomy(trx: Knex.Transaction, taxonomy: Taxonomy): Promise<void> {
  for (const vocabulary of writeOrder) {
    const table = vocabularyTables[vocabulary]
    const rows = taxonomy[vocabulary].map((term, i) => {
      const row = toRow(term, i + 1)
      if (vocabulary === 'functions') row.family_code = (term as FunctionTerm).family
      if (vocabulary === 'strands')
        row.protected_characteristic = (term as StrandTerm).protectedCharacteristic
      if (vocabulary === 'strandDetails') row.strand_code = (term as StrandDetailTerm).strand
      return row
    })
    if (vocabulary === 'functions' || vocabulary === 'strands') await assignBits(trx, table, rows)
    await trx(table).insert(rows).onConflict('code').merge()
  }
  for (const vocabulary of [...writeOrder].reverse()) {
    const codes = taxonomy[vocabulary].map((t) => t.code)
    await trx(vocabularyTables[vocabulary]).whereNotIn('code', codes).delete()
  }
}

export async function readTaxonomy(knex: Knex): Promise<Taxonomy> {
  const read = async (vocabulary: Vocabulary) =>
    knex<TermRow>(vocabularyTables[vocabulary]).select('*').orderBy('position').orderBy('code')
  const plain = async (vocabulary: Vocabulary) => (await read(vocabulary)).map(toTerm)
  return {
    levels: await plain('levels'),
    kinds: await plain('kinds'),
    functionFamilies: await plain('functionFamilies'),
    functions: (await read('functions')).map((r) => ({ ...toTerm(r), family: r.family_code as string })),
    topics: await plain('topics'),
    strands: (await read('strands')).map((r) => ({
      ...toTerm(r),
      protectedCharacteristic: r.protected_characteristic === true,
    })),
    strandDetails: (await read('strandDetails')).map((r) => ({
      ...toTerm(r),
      strand: r.strand_code as string,
    })),
    orgTypes: await plain('orgTypes'),
    formats: await plain('formats'),
    languages: await plain('languages'),
    statuses: await plain('statuses'),
    costTypes: await plain('costTypes'),
    qualityMarks: await plain('qualityMarks'),
  }
}

/** One term, locked for update when read inside a write transaction. */
export async function readTermForUpdate(
  trx: Knex.Transaction,
  vocabulary: Vocabulary,
  code: string,
): Promise<TaxonomyTerm | undefined> {
  const row = await trx<TermRow>(vocabularyTables[vocabulary]).where({ code }).forUpdate().first()
  return row ? toTerm(row) : undefined
}

export async function readTerm(
  knex: Knex,
  vocabulary: Vocabulary,
  code: string,
): Promise<TaxonomyTerm | undefined> {
  const row = await knex<TermRow>(vocabularyTables[vocabulary]).where({ code }).first()
  return row ? toTerm(row) : undefined
}

/** Writes a term's wording (labels, descriptions, synonyms); code, order and structure stay. */
export async function writeTermWording(
  trx: Knex.Transaction,
  vocabulary: Vocabulary,
  term: TaxonomyTerm,
): Promise<void> {
  await trx(vocabularyTables[vocabulary]).where({ code: term.code }).update({
    label: term.label,
    label_cy: term.labelCy,
    description: term.description,
    description_cy: term.descriptionCy,
    synonyms: term.synonyms,
  })
}
