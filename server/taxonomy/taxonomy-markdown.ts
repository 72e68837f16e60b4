/**
 * Reads the canonical vocabulary out of docs/taxonomy.md (the shared product document). The
 * codes, English labels and synonyms come from that file at seed time and are never copied into
 * the repository; Welsh labels and the English labels the document leaves out live in
 * taxonomy-translations.ts, keyed by code.
 */

export interface MarkdownTerm {
  code: string
  label?: string
  description?: string
  synonyms: string[]
}

export interface MarkdownFunction extends MarkdownTerm {
  family: string
}

export interface MarkdownStrand extends MarkdownTerm {
  protectedCharacteristic: boolean
}

/** A refinement of one strand (an older people's body is not a youth body). */
export interface MarkdownStrandDetail extends MarkdownTerm {
  strand: string
}

export interface MarkdownTaxonomy {
  levels: MarkdownTerm[]
  kinds: MarkdownTerm[]
  functionFamilies: string[]
  functions: MarkdownFunction[]
  topics: MarkdownTerm[]
  strands: MarkdownStrand[]
  strandDetails: MarkdownStrandDetail[]
  orgTypes: string[]
  formats: string[]
  statuses: string[]
  qualityMarks: string[]
}

export class TaxonomyFormatError extends Error {
  override name = 'TaxonomyFormatError'
}

interface Section {
  heading: string
  lines: string[]
}

function sections(text: string): Section[] {
  const out: Section[] = []
  let current: Section | undefined
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('## ')) {
      current = { heading: line.slice(3).trim(), lines: [] }
      out.push(current)
    } else if (current) {
      current.lines.push(line)
    }
  }
  return out
}

function findSection(all: Section[], key: string): Section {
  const section = all.find((s) => s.heading.includes(`(\`${key}\`)`))
  if (!section) throw new TaxonomyFormatError(`taxonomy.md has no section headed with (\`${key}\`)`)
  return section
}

/** The first markdown table in a section, as header-keyed rows with backticks removed. */
function table(section: Section): Array<Record<string, string>> {
  const rows = section.lines.filter((l) => l.trim().startsWith('|'))
  if (rows.length < 3) throw new TaxonomyFormatError(`section "${section.heading}" has no table`)
  const cells = (row: string) =>
    row
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim().replace(/`/g, ''))
  const header = cells(rows[0] as string).map((h) => h.toLowerCase())
  return rows.slice(2).map((row) => {
    const values = cells(row)
    return Object.fromEntries(header.map((h, i) => [h, values[i] ?? '']))
  })
}

function synonymList(raw: string | undefined): string[] {
  if (!raw) return []
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

function codesIn(line: string): string[] {
  return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string)
}

/** The bullet of "Other controlled lists" that starts with `name`, as its backticked codes. */
function bulletCodes(section: Section, name: string): string[] {
  // Bullets wrap: a bullet is its "- " line plus the indented lines that follow it.
  const bullets: string[] = []
  for (const l of section.lines) {
    if (/^\s*-\s+/.test(l)) bullets.push(l.replace(/^\s*-\s+/, ''))
    else if (/^\s+\S/.test(l) && bullets.length > 0) bullets[bullets.length - 1] += ` ${l.trim()}`
  }
  const line = bullets.find((b) => b.startsWith(name))
  if (!line) throw new TaxonomyFormatError(`taxonomy.md lists no "${name}" under "${section.heading}"`)
  const afterColon = line.slice(line.indexOf(':') + 1)
  // A bullet may hold two lists ("Enquiry channel: ... Enquiry outcome: ..."); take the first.
  const firstList = afterColon.split(/\.\s+[A-Z]/)[0] as string
  return codesIn(firstList)
}

const codePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

function checkCodes(vocabulary: string, codes: string[]): void {
  const seen = new Set<string>()
  for (const code of codes) {
    if (!codePattern.test(code))
      throw new TaxonomyFormatError(`${vocabulary}: "${code}" is not a kebab-case code`)
    if (seen.has(code)) throw new TaxonomyFormatError(`${vocabulary}: "${code}" appears twice`)
    seen.add(code)
  }
  if (codes.length === 0) throw new TaxonomyFormatError(`${vocabulary}: no codes found`)
}

export function parseTaxonomyMarkdown(text: string): MarkdownTaxonomy {
  const all = sections(text)

  const levels = table(findSection(all, 'level')).map((r) => ({
    code: r.code as string,
    label: r.label,
    description: r['area types at this level (ons)'],
    synonyms: [],
  }))
  const kinds = table(findSection(all, 'kind')).map((r) => ({
    code: r.code as string,
    description: r.meaning,
    synonyms: [],
  }))
  const functions = table(findSection(all, 'function')).map((r) => ({
    code: r.code as string,
    family: r.family as string,
    label: r.label,
    synonyms: synonymList(r.synonyms),
  }))
  const functionFamilies = [...new Set(functions.map((f) => f.family))]
  const topics = table(findSection(all, 'topic')).map((r) => ({
    code: r.code as string,
    label: r.label,
    synonyms: synonymList(r.synonyms),
  }))

  const strandSection = findSection(all, 'strand')
  const protectedMatch = strandSection.lines
    .join(' ')
    .match(/The first (\w+) are the protected characteristics/)
  const words: Record<string, number> = { seven: 7, eight: 8, nine: 9, ten: 10 }
  const protectedCount = protectedMatch
    ? (words[protectedMatch[1] as string] ?? Number(protectedMatch[1]))
    : 0
  if (!Number.isInteger(protectedCount) || protectedCount <= 0) {
    throw new TaxonomyFormatError('taxonomy.md does not say how many strands are protected characteristics')
  }
  const strands = table(strandSection).map((r, i) => ({
    code: r.code as string,
    label: r.label,
    synonyms: synonymList(r.synonyms),
    protectedCharacteristic: i < protectedCount,
  }))

  const strandDetails = table(findSection(all, 'strandDetail')).map((r) => ({
    code: r.code as string,
    strand: r.strand as string,
    label: r.label,
    synonyms: synonymList(r.synonyms),
  }))
  const unknownParents = strandDetails.filter((d) => !strands.some((s) => s.code === d.strand))
  if (unknownParents.length > 0) {
    throw new TaxonomyFormatError(
      `strandDetail: ${unknownParents.map((d) => `${d.code} names unknown strand "${d.strand}"`).join('; ')}`,
    )
  }

  const other = all.find((s) => s.heading.startsWith('Other controlled lists'))
  if (!other) throw new TaxonomyFormatError('taxonomy.md has no "Other controlled lists" section')
  const orgTypes = bulletCodes(other, 'Organisation type').filter((c) => c !== 'orgType')
  const formats = bulletCodes(other, 'Alternative formats').filter((c) => c !== 'formats')
  const statuses = bulletCodes(other, 'Status')
  const qualityMarks = bulletCodes(other, 'Quality marks').filter((c) => c !== 'qualityMark')

  checkCodes(
    'level',
    levels.map((t) => t.code),
  )
  checkCodes(
    'kind',
    kinds.map((t) => t.code),
  )
  checkCodes('function family', functionFamilies)
  checkCodes(
    'function',
    functions.map((t) => t.code),
  )
  checkCodes(
    'topic',
    topics.map((t) => t.code),
  )
  checkCodes(
    'strand',
    strands.map((t) => t.code),
  )
  checkCodes(
    'strandDetail',
    strandDetails.map((t) => t.code),
  )
  checkCodes('orgType', orgTypes)
  checkCodes('format', formats)
  checkCodes('status', statuses)
  checkCodes('qualityMark', qualityMarks)

  return {
    levels,
    kinds,
    functionFamilies,
    functions,
    topics,
    strands,
    strandDetails,
    orgTypes,
    formats,
    statuses,
    qualityMarks,
  }
}
