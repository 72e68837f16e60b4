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
/** A refinement of one strand: `strand` is its parent's code. */
export const strandDetailTermSchema = taxonomyTermSchema.extend({ strand: z.string() })

/** The body of GET /api/taxonomy. */
export const taxonomySchema = z.object({
  /** In signposting order: neighbourhood first, national last. */
  levels: z.array(taxonomyTermSchema),
  kinds: z.array(taxonomyTermSchema),
  functionFamilies: z.array(taxonomyTermSchema),
  functions: z.array(functionTermSchema),
  topics: z.array(taxonomyTermSchema),
  strands: z.array(strandTermSchema),
  /** Strand details, grouped under their strand (taxonomy.md's `strandDetail`). */
  strandDetails: z.array(strandDetailTermSchema),
  orgTypes: z.array(taxonomyTermSchema),
  formats: z.array(taxonomyTermSchema),
  languages: z.array(taxonomyTermSchema),
  statuses: z.array(taxonomyTermSchema),
  costTypes: z.array(taxonomyTermSchema),
  /** The sector's quality marks (kite marks), a controlled list. */
  qualityMarks: z.array(taxonomyTermSchema),
})

export type TaxonomyTerm = z.infer<typeof taxonomyTermSchema>
export type FunctionTerm = z.infer<typeof functionTermSchema>
export type StrandTerm = z.infer<typeof strandTermSchema>
export type StrandDetailTerm = z.infer<typeof strandDetailTermSchema>
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
  strandDetails: 'taxonomy_strand_details',
  orgTypes: 'taxonomy_org_types',
  formats: 'taxonomy_formats',
  languages: 'taxonomy_languages',
  statuses: 'taxonomy_statuses',
  costTypes: 'taxonomy_cost_types',
  qualityMarks: 'taxonomy_quality_marks',
} as const satisfies Record<Vocabulary, string>

const vocabularyNames = Object.keys(vocabularyTables) as [Vocabulary, ...Vocabulary[]]

/** Path of one term: /api/taxonomy/{vocabulary}/{code}. Codes are canonical and never edited. */
export const termParamsSchema = z.object({
  vocabulary: z.enum(vocabularyNames, {
    error: `must be one of: ${vocabularyNames.join(', ')}`,
  }),
  code: z.string().min(1).max(100),
})

const label = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
const description = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
  .nullable()
  .transform((s) => (s === '' ? null : s))

/**
 * What editors may change about a term: its wording in both languages and its search synonyms.
 * The code (used in URLs, filters and exports) and its structure (family, order) stay as
 * docs/taxonomy.md defines them.
 */
export const termPatchSchema = z
  .strictObject({
    label: label.optional(),
    labelCy: label.optional(),
    description: description.optional(),
    descriptionCy: description.optional(),
    synonyms: z
      .array(label)
      .max(50, 'at most 50 synonyms')
      .refine((a) => new Set(a.map((s) => s.toLowerCase())).size === a.length, 'synonyms must not repeat')
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, {
    message: 'send at least one of label, labelCy, description, descriptionCy, synonyms',
  })

export type TermParams = z.infer<typeof termParamsSchema>
export type TermPatch = z.infer<typeof termPatchSchema>
