import type { Taxonomy, TaxonomyTerm } from '../../../lib/taxonomy'

/** The vocabularies the "what do you need help with?" picker offers. */
export type NeedVocabulary = 'functions' | 'topics' | 'strands'

export const needVocabularies: readonly NeedVocabulary[] = ['functions', 'topics', 'strands']

export interface TermMatch {
  vocabulary: NeedVocabulary
  code: string
  /** Label in the interface language. */
  label: string
  /**
   * The text that matched when it was not the label (a synonym, or the label in the other
   * language), so the list can say why a suggestion is there: "Fundraising (bid writing)".
   */
  matchedText: string | undefined
  score: number
}

/** Lower case, no accents, apostrophes dropped, "&" as "and", other punctuation as spaces. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** How well `query` (normalised) matches `text` (normalised): 0 for no match. */
export function matchScore(query: string, text: string): number {
  if (!query || !text) return 0
  if (text === query) return 100
  if (text.startsWith(query)) return 80
  if (` ${text}`.includes(` ${query}`)) return 60
  // Every word typed starts some word of the text, in any order ("writing bid" finds "bid writing").
  const words = text.split(' ')
  const typed = query.split(' ')
  if (typed.every((part) => words.some((word) => word.startsWith(part)))) return 40
  return 0
}

function bestMatch(
  query: string,
  term: TaxonomyTerm,
  language: string,
): { score: number; matchedText: string | undefined } {
  const label = language === 'cy' ? term.labelCy : term.label
  const candidates: Array<{ text: string; shown: string | undefined; bonus: number }> = [
    { text: label, shown: undefined, bonus: 5 },
    {
      text: language === 'cy' ? term.label : term.labelCy,
      shown: language === 'cy' ? term.label : term.labelCy,
      bonus: 2,
    },
    ...term.synonyms.map((synonym) => ({ text: synonym, shown: synonym, bonus: 0 })),
    { text: term.code.replace(/-/g, ' '), shown: undefined, bonus: 0 },
  ]
  let best = { score: 0, matchedText: undefined as string | undefined }
  for (const candidate of candidates) {
    const score = matchScore(query, normaliseText(candidate.text))
    if (score > 0 && score + candidate.bonus > best.score) {
      best = { score: score + candidate.bonus, matchedText: candidate.shown }
    }
  }
  return best
}

/**
 * The terms of the given vocabularies matching what was typed, best first within each vocabulary
 * (vocabularies keep the order asked for). Labels, the other language's labels, synonyms and codes
 * all count, so "bid writing" finds fundraising, "BME" finds race and "LGBT" finds both
 * sexual orientation and gender reassignment. An empty query lists every term, in document order.
 */
export function matchTerms(
  taxonomy: Pick<Taxonomy, NeedVocabulary>,
  query: string,
  language: string,
  vocabularies: readonly NeedVocabulary[] = needVocabularies,
): TermMatch[] {
  const typed = normaliseText(query)
  return vocabularies.flatMap((vocabulary) => {
    const matches: TermMatch[] = []
    for (const term of taxonomy[vocabulary]) {
      const label = language === 'cy' ? term.labelCy : term.label
      if (!typed) {
        matches.push({ vocabulary, code: term.code, label, matchedText: undefined, score: 0 })
        continue
      }
      const { score, matchedText } = bestMatch(typed, term, language)
      if (score > 0) matches.push({ vocabulary, code: term.code, label, matchedText, score })
    }
    // A stable sort: equal scores keep the vocabulary's own order.
    return typed ? matches.sort((a, b) => b.score - a.score) : matches
  })
}

/** The term whose label (in either language) is exactly what was typed, if any. */
export function exactTerm(
  taxonomy: Pick<Taxonomy, NeedVocabulary>,
  query: string,
  vocabularies: readonly NeedVocabulary[],
): { vocabulary: NeedVocabulary; code: string } | undefined {
  const typed = normaliseText(query)
  if (!typed) return undefined
  for (const vocabulary of vocabularies) {
    const term = taxonomy[vocabulary].find(
      (t) => normaliseText(t.label) === typed || normaliseText(t.labelCy) === typed,
    )
    if (term) return { vocabulary, code: term.code }
  }
  return undefined
}
