import type { Knex } from 'knex'
import {
  type FunctionTerm,
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
  'orgTypes',
  'formats',
  'languages',
  'statuses',
  'costTypes',
]

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
      return row
    })
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
    orgTypes: await plain('orgTypes'),
    formats: await plain('formats'),
    languages: await plain('languages'),
    statuses: await plain('statuses'),
    costTypes: await plain('costTypes'),
  }
}
