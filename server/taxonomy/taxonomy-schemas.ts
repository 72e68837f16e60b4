import { z } from 'zod'

/** One code of a vocabulary, in both languages. Arrays are in the document's order. */
export const taxonomyTermSchema = z.object({
  code: z.string(),
  label: z.string(),
  labelCy: z.string(),
  description: z.string().nullable(),
  descriptionCy: z.string().nullable(),
  synonyms: z.array(z.string()),
})

export const functionTermSchema = taxonomyTermSchema.extend({ family: z.string() })
export const strandTermSchema = taxonomyTermSchema.extend({ protectedCharacteristic: z.boolean() })

/** The body of GET /api/taxonomy. */
export const taxonomySchema = z.object({
  /** In signposting order: neighbourhood first, national last. */
  levels: z.array(taxonomyTermSchema),
  kinds: z.array(taxonomyTermSchema),
  functionFamilies: z.array(taxonomyTermSchema),
  functions: z.array(functionTermSchema),
  topics: z.array(taxonomyTermSchema),
  strands: z.array(strandTermSchema),
  orgTypes: z.array(taxonomyTermSchema),
  formats: z.array(taxonomyTermSchema),
  languages: z.array(taxonomyTermSchema),
  statuses: z.array(taxonomyTermSchema),
  costTypes: z.array(taxonomyTermSchema),
})

export type TaxonomyTerm = z.infer<typeof taxonomyTermSchema>
export type FunctionTerm = z.infer<typeof functionTermSchema>
export type StrandTerm = z.infer<typeof strandTermSchema>
export type Taxonomy = z.infer<typeof taxonomySchema>
export type Vocabulary = keyof Taxonomy

/** Vocabulary name -> its table, the one place the mapping lives. */
export const vocabularyTables = {
  levels: 'taxonomy_levels',
  kinds: 'taxonomy_kinds',
  functionFamilies: 'taxonomy_function_families',
  functions: 'taxonomy_functions',
  topics: 'taxonomy_topics',
  strands: 'taxonomy_strands',
  orgTypes: 'taxonomy_org_types',
  formats: 'taxonomy_formats',
  languages: 'taxonomy_languages',
  statuses: 'taxonomy_statuses',
  costTypes: 'taxonomy_cost_types',
} as const satisfies Record<Vocabulary, string>
