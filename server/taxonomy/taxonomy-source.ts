import fs from 'node:fs'
import { type MarkdownTerm, parseTaxonomyMarkdown, TaxonomyFormatError } from './taxonomy-markdown'
import type { Taxonomy, TaxonomyTerm } from './taxonomy-schemas'
import {
  costTypeText,
  formatText,
  functionFamilyText,
  functionText,
  kindText,
  languageText,
  levelText,
  orgTypeText,
  qualityMarkText,
  statusText,
  strandDetailText,
  strandText,
  type TermText,
  topicText,
} from './taxonomy-translations'

function merge(vocabulary: string, terms: MarkdownTerm[], texts: Record<string, TermText>): TaxonomyTerm[] {
  const codes = new Set(terms.map((t) => t.code))
  const untranslated = terms.filter((t) => !texts[t.code]).map((t) => t.code)
  const stale = Object.keys(texts).filter((code) => !codes.has(code))
  if (untranslated.length > 0) {
    throw new TaxonomyFormatError(`${vocabulary}: no Welsh text for ${untranslated.join(', ')}`)
  }
  if (stale.length > 0) {
    throw new TaxonomyFormatError(
      `${vocabulary}: translations for codes taxonomy.md lacks: ${stale.join(', ')}`,
    )
  }
  return terms.map((term) => {
    const text = texts[term.code] as TermText
    const label = term.label || text.label
    if (!label) throw new TaxonomyFormatError(`${vocabulary}: no English label for ${term.code}`)
    return {
      code: term.code,
      label,
      labelCy: text.labelCy,
      description: term.description || text.description || null,
      descriptionCy: text.descriptionCy ?? null,
      synonyms: term.synonyms,
    }
  })
}

const bare = (codes: string[]): MarkdownTerm[] => codes.map((code) => ({ code, synonyms: [] }))

/** The full vocabulary: codes and English text from taxonomy.md, Welsh and the rest from our translations. */
export function buildTaxonomy(markdown: string): Taxonomy {
  const md = parseTaxonomyMarkdown(markdown)
  const functions = merge('function', md.functions, functionText).map((term, i) => ({
    ...term,
    family: md.functions[i]?.family as string,
  }))
  const strands = merge('strand', md.strands, strandText).map((term, i) => ({
    ...term,
    protectedCharacteristic: md.strands[i]?.protectedCharacteristic === true,
  }))
  return {
    levels: merge('level', md.levels, levelText),
    kinds: merge('kind', md.kinds, kindText),
    functionFamilies: merge('function family', bare(md.functionFamilies), functionFamilyText),
    functions,
    topics: merge('topic', md.topics, topicText),
    strands,
    strandDetails: merge('strandDetail', md.strandDetails, strandDetailText).map((term, i) => ({
      ...term,
      strand: md.strandDetails[i]?.strand as string,
    })),
    orgTypes: merge('orgType', bare(md.orgTypes), orgTypeText),
    formats: merge('format', bare(md.formats), formatText),
    languages: merge('language', bare(Object.keys(languageText)), languageText),
    statuses: merge('status', bare(md.statuses), statusText),
    costTypes: merge('cost type', bare(Object.keys(costTypeText)), costTypeText),
    qualityMarks: merge('qualityMark', bare(md.qualityMarks), qualityMarkText),
  }
}

export function loadTaxonomyFile(file: string): Taxonomy {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (err) {
    throw new TaxonomyFormatError(
      `Cannot read the taxonomy at ${file} (set TAXONOMY_FILE): ${(err as Error).message}`,
    )
  }
  return buildTaxonomy(text)
}
