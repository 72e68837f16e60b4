import type { Taxonomy, TaxonomyTerm } from '../../../lib/taxonomy'

export type NeedVocabulary = 'functions' | 'topics'

/** One suggestion for "what do they need": a function or a topic, and why it matched. */
export interface NeedOption {
  vocabulary: NeedVocabulary
  code: string
  /** The label in the interface language. */
  label: string
  /** The synonym or other-language label that matched, when it was not the label itself. */
  matched?: string
}

/** Lower case, no accents ("Côr" finds "cor"), single spaces. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** 0: the text starts the phrase; 1: starts a word in it; 2: appears inside it; undefined: no match. */
function rank(phrase: string, query: string): number | undefined {
  const p = normalise(phrase)
  if (p.startsWith(query)) return 0
  if (p.split(/[\s,;()/-]+/).some((word) => word.startsWith(query))) return 1
  return p.includes(query) ? 2 : undefined
}

function bestMatch(term: TaxonomyTerm, query: string, language: string) {
  const label = language === 'cy' ? term.labelCy : term.label
  const other = language === 'cy' ? term.label : term.labelCy
  let best: { rank: number; matched?: string } | undefined
  const consider = (phrase: string, penalty: number, matched?: string) => {
    const r = rank(phrase, query)
    if (r === undefined) return
    const score = r + penalty
    if (!best || score < best.rank) best = { rank: score, matched }
  }
  consider(label, 0)
  for (const synonym of term.synonyms) consider(synonym, 0.5, synonym)
  consider(other, 0.7, other)
  consider(term.code.replace(/-/g, ' '), 0.9)
  return best
}

/**
 * Functions and topics matching what was typed, best first: the label, then synonyms ("bid
 * writing" finds Fundraising), then the other language's label. Empty text lists every need,
 * functions first, in the vocabulary's order.
 */
export function needOptions(taxonomy: Taxonomy, text: string, language: string, limit = 8): NeedOption[] {
  const query = normalise(text)
  const vocabularies: NeedVocabulary[] = ['functions', 'topics']
  const found: Array<NeedOption & { rank: number; order: number }> = []
  let order = 0
  for (const vocabulary of vocabularies) {
    for (const term of taxonomy[vocabulary]) {
      order++
      const label = language === 'cy' ? term.labelCy : term.label
      if (!query) {
        found.push({ vocabulary, code: term.code, label, rank: 0, order })
        continue
      }
      const match = bestMatch(term, query, language)
      if (match)
        found.push({ vocabulary, code: term.code, label, matched: match.matched, rank: match.rank, order })
    }
  }
  found.sort((a, b) => a.rank - b.rank || a.order - b.order)
  return (query ? found.slice(0, limit) : found).map(({ rank: _r, order: _o, ...option }) => option)
}
