import { stableId } from '../directory/directory-service'
import type { Taxonomy, TaxonomyTerm } from '../taxonomy/taxonomy-schemas'
import type { OrukTaxonomy, OrukTaxonomyTerm } from './oruk-schemas'

/**
 * Our controlled vocabularies as ORUK taxonomies. Each published vocabulary is one taxonomy; its
 * codes are the terms (`term` holds the code, `name` the English label); a service carries its
 * codes as attributes. Ids are name-based UUIDs of the vocabulary and code, so they are the same
 * in every database and after every re-import, and an importer can recognise its own terms.
 */

/** What a published vocabulary describes, and where its terms are attached. */
export interface PublishedVocabulary {
  vocabulary:
    | 'levels'
    | 'kinds'
    | 'roles'
    | 'functions'
    | 'topics'
    | 'strands'
    | 'strandDetails'
    | 'orgTypes'
    | 'formats'
    | 'costTypes'
  name: string
  description: string
  /** Organisation type describes the body, the rest describe what it offers. */
  attachTo: 'service' | 'organization'
}

export const publishedVocabularies: PublishedVocabulary[] = [
  {
    vocabulary: 'levels',
    name: 'Support Atlas level',
    description:
      'The geography a voluntary-sector infrastructure body works at: neighbourhood, local, sub-regional, regional or national.',
    attachTo: 'service',
  },
  {
    vocabulary: 'kinds',
    name: 'Support Atlas kind',
    description:
      'Generalist (support for any front-line group in an area) or specialist (focused on client groups, a policy area or an activity).',
    attachTo: 'service',
  },
  {
    vocabulary: 'roles',
    name: 'Support Atlas role',
    description:
      'Facts beside the kind that signposting depends on: a specialist acting as its area’s generalist, an activity specialist serving any group for one function, a body serving other infrastructure bodies only.',
    attachTo: 'service',
  },
  {
    vocabulary: 'functions',
    name: 'Support Atlas function',
    description:
      'What infrastructure does, in four families: support and development, co-ordination, representation and sector promotion. Families are top-level terms; functions are their children.',
    attachTo: 'service',
  },
  {
    vocabulary: 'topics',
    name: 'Support Atlas topic',
    description: 'What the help is about (governance, funding, volunteering, premises, ...).',
    attachTo: 'service',
  },
  {
    vocabulary: 'strands',
    name: 'Support Atlas strand',
    description:
      'Client groups: the nine protected characteristics of the Equality Act 2010 and the other groups the sector works with.',
    attachTo: 'service',
  },
  {
    vocabulary: 'strandDetails',
    name: 'Support Atlas strand detail',
    description:
      'A narrower group within a strand (children and young people, older people, five disability groups): a detail matches itself or its bare strand, never a sibling.',
    attachTo: 'service',
  },
  {
    vocabulary: 'formats',
    name: 'Support Atlas alternative format',
    description: 'Alternative formats and access arrangements offered (large print, BSL, hearing loop, ...).',
    attachTo: 'service',
  },
  {
    vocabulary: 'costTypes',
    name: 'Support Atlas cost type',
    description: 'Whether help is free, for members, charged, or a mix.',
    attachTo: 'service',
  },
  {
    vocabulary: 'orgTypes',
    name: 'Support Atlas organisation type',
    description:
      'What kind of body this is: infrastructure, a federated network, a front-line contributor, a community organisation, and so on.',
    attachTo: 'organization',
  },
]

export type PublishedVocabularyName = PublishedVocabulary['vocabulary']

export const taxonomyId = (vocabulary: string) => stableId('oruk-taxonomy', vocabulary)
export const termId = (vocabulary: string, code: string) =>
  stableId('oruk-taxonomy-term', `${vocabulary}:${code}`)

/**
 * The role facts (taxonomy.md, "Audience and role, beside the kind") as terms: booleans on a
 * record, published as one attribute each when true so a harvesting instance keeps them.
 */
export const ROLE_TERMS = [
  {
    code: 'acts-as-generalist',
    field: 'actsAsGeneralist',
    label: 'Acts as the area’s generalist',
    labelCy: 'Yn gweithredu fel corff cyffredinol yr ardal',
  },
  {
    code: 'activity-specialist',
    field: 'activitySpecialist',
    label: 'Activity specialist (serves any group for one function)',
    labelCy: 'Arbenigwr gweithgaredd (yn gwasanaethu unrhyw grŵp ar gyfer un swyddogaeth)',
  },
  {
    code: 'infrastructure-only',
    field: 'servesInfrastructureOnly',
    label: 'Serves other infrastructure bodies only',
    labelCy: 'Yn gwasanaethu cyrff seilwaith eraill yn unig',
  },
] as const

/** One term as ORUK publishes it, with the vocabulary it came from (not published). */
export interface PublishedTerm {
  vocabulary: PublishedVocabularyName | 'functionFamilies'
  code: string
  term: OrukTaxonomyTerm
}

function toTerm(
  vocab: PublishedVocabulary,
  sourceVocabulary: PublishedTerm['vocabulary'],
  t: TaxonomyTerm,
  parentId?: string,
): PublishedTerm {
  return {
    vocabulary: sourceVocabulary,
    code: t.code,
    term: {
      id: termId(sourceVocabulary, t.code),
      name: t.label,
      // Required by ORUK; the label stands in where taxonomy.md gives no description.
      description: t.description ?? t.label,
      ...(parentId ? { parent_id: parentId } : {}),
      taxonomy: vocab.name,
      taxonomy_id: taxonomyId(vocab.vocabulary),
      term: t.code,
    },
  }
}

/** The published taxonomies and every term, in taxonomy.md order (function families before functions). */
export function publishTaxonomy(taxonomy: Taxonomy): {
  taxonomies: Array<OrukTaxonomy & { vocabulary: PublishedVocabularyName }>
  terms: PublishedTerm[]
} {
  const terms: PublishedTerm[] = []
  for (const vocab of publishedVocabularies) {
    if (vocab.vocabulary === 'functions') {
      for (const family of taxonomy.functionFamilies) terms.push(toTerm(vocab, 'functionFamilies', family))
      for (const fn of taxonomy.functions) {
        terms.push(toTerm(vocab, 'functions', fn, termId('functionFamilies', fn.family)))
      }
    } else if (vocab.vocabulary === 'roles') {
      for (const t of ROLE_TERMS)
        terms.push(
          toTerm(vocab, 'roles', {
            code: t.code,
            label: t.label,
            labelCy: t.labelCy,
            description: null,
            descriptionCy: null,
            synonyms: [],
          }),
        )
    } else {
      for (const t of taxonomy[vocab.vocabulary]) terms.push(toTerm(vocab, vocab.vocabulary, t))
    }
  }
  const taxonomies = publishedVocabularies.map((v) => ({
    vocabulary: v.vocabulary,
    id: taxonomyId(v.vocabulary),
    name: v.name,
    description: v.description,
  }))
  return { taxonomies, terms }
}

/** Term lookups for one taxonomy read: by ORUK id, and by vocabulary and code. */
export function termIndex(taxonomy: Taxonomy) {
  const published = publishTaxonomy(taxonomy)
  const byId = new Map(published.terms.map((t) => [t.term.id, t]))
  const byCode = new Map(published.terms.map((t) => [`${t.vocabulary}:${t.code}`, t]))
  const taxonomyById = new Map(published.taxonomies.map((t) => [t.id, t]))
  return {
    ...published,
    byId,
    taxonomyById,
    /** The published term of a code (undefined for a code the taxonomy no longer has). */
    term(vocabulary: PublishedTerm['vocabulary'], code: string): OrukTaxonomyTerm | undefined {
      return byCode.get(`${vocabulary}:${code}`)?.term
    },
  }
}

export type TermIndex = ReturnType<typeof termIndex>
