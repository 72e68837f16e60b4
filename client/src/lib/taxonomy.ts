import { queryOptions, useQuery } from '@tanstack/react-query'
import type { Taxonomy, TaxonomyTerm } from '../../../server/taxonomy/taxonomy-schemas'
import { api } from './api-client'

export type {
  FunctionTerm,
  StrandTerm,
  Taxonomy,
  TaxonomyTerm,
} from '../../../server/taxonomy/taxonomy-schemas'

/** The vocabularies whose terms are lists of labelled codes (every key of the taxonomy). */
export type Vocabulary = keyof Taxonomy

/** `GET /api/taxonomy`: every vocabulary with English and Welsh labels and synonyms. */
export const getTaxonomy = ({ signal }: { signal?: AbortSignal } = {}) =>
  api.get<Taxonomy>('/taxonomy', { signal })

export const taxonomyQueryOptions = () =>
  queryOptions({
    queryKey: ['taxonomy'],
    queryFn: getTaxonomy,
    // Edited rarely, by administrators; the server caches it for a minute too.
    staleTime: 30 * 60_000,
  })

export const useTaxonomy = () => useQuery(taxonomyQueryOptions())

/** A term's label in the interface language (`cy`: the Welsh label). */
export function termLabel(term: Pick<TaxonomyTerm, 'label' | 'labelCy'>, language: string): string {
  return language === 'cy' && term.labelCy ? term.labelCy : term.label
}

/** Finds a code's term; undefined for a code the vocabulary does not have (yet). */
export function findTerm(taxonomy: Taxonomy | undefined, vocabulary: Vocabulary, code: string) {
  return taxonomy?.[vocabulary].find((term) => term.code === code)
}
