/**
 * Enquiry notes must not carry who the caller is. These checks catch the identifiers a helpline
 * worker might type by habit, including the usual disguises (`jo at gmail dot com`, a full-width
 * `＠`, a zero-width space inside a postcode, Cyrillic letters that look Latin); the form says what
 * not to type before it is sent, and the API refuses the note with the reason.
 *
 * Every pattern runs in time linear in the text: quantifiers are bounded or separated by
 * characters they cannot share (so a failed match is given up at once), and matches may only start
 * where a run starts (look-behinds). The schema also refuses an over-long note before any of this
 * runs. (Issue 13 §3: the old e-mail and phone patterns backtracked quadratically.)
 */

export const PERSONAL_DATA_KINDS = [
  'email address',
  'phone number',
  'postcode',
  'National Insurance number',
  'date of birth',
  'street address',
  'name',
] as const
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number]

/** How each kind reads in "it contains what looks like …". */
export const PERSONAL_DATA_PHRASES: Record<PersonalDataKind, string> = {
  'email address': 'an email address',
  'phone number': 'a phone number',
  postcode: 'a full postcode',
  'National Insurance number': 'a National Insurance number',
  'date of birth': 'a date of birth or other full date',
  'street address': 'a street address',
  name: 'a person’s name',
}

/**
 * Latin look-alikes among Cyrillic and Greek letters (the "confusables" of Unicode TR 39 that
 * NFKC leaves alone), enough to undo a disguised `jо@gmаil.com`. Only letters that render the
 * same as a Latin letter in common fonts are listed.
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  к: 'k',
  м: 'm',
  н: 'h',
  т: 't',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  ү: 'y',
  ɡ: 'g',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  Ԁ: 'D',
  Ү: 'Y',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ӏ: 'I',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
}
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu')

/**
 * The text as it reads: NFKC (full-width `＠` → `@`, `０７７００` → `07700`), format characters
 * removed (zero-width spaces and joiners, soft hyphens, direction marks), accents removed (so
 * Welsh `lôn` reads `lon`), look-alike letters folded to Latin, and every run of white space one
 * space. Case is kept: names are told by their capitals.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(CONFUSABLE, (c) => CONFUSABLES[c] ?? c)
    .replace(/\s+/gu, ' ')
    .normalize('NFC')
}

// ---------- patterns, on the normalised text (lower case unless said) ----------

/** `[at]`, `(at)`, `{at}`, `<at>` and the same for `dot`, read as `@` and `.`; so is ` dot `. */
const BRACKET_AT = /(?: ?[[({<] ?at ?[\])}>] ?)/g
const BRACKET_DOT = /(?: ?[[({<] ?dot ?[\])}>] ?)/g
const WORD_DOT = / dot (?=[a-z])/g

/** Anything either side of an `@` is an address or a handle: a note has no use for either. */
const EMAIL_AT = /[a-z0-9._%+-] ?@ ?[a-z0-9]/
const TLDS = 'com|org|net|co|uk|gov|ac|edu|nhs|io|info|biz|me|wales|cymru|scot|ie|eu|us|de|fr|es|it|nl|in|pk'
/** `jo at gmail.com` (after ` dot ` became `.`): the domain must end in a known suffix. */
const EMAIL_WORD = new RegExp(
  `(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64} at [a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){0,3}\\.(?:${TLDS})(?![a-z0-9])`,
)

/** A separator between the digits of a number as people write it. */
const SEP = '[ .()/-]{0,3}'
/** +1 415 555 0100, 0044 113 496 0000, +44 (0)20 7946 0958: an international prefix and 7–15 digits. */
const PHONE_INTL = new RegExp(`(?<![\\d+])(?:\\+|00) ?\\(?\\d(?:${SEP}\\d){6,14}(?!\\d)`)
/** A UK number (0 and 9–10 more digits) or any run of 10–15 digits, however spaced. */
const PHONE_RUN = new RegExp(`(?<!\\d)(?:0(?:${SEP}\\d){9,10}|\\d(?:${SEP}\\d){9,14})(?!\\d)`)

/** A full UK postcode, however spaced or hyphenated: `BD1 1HY`, `bd1-1hy`, `sw1a2aa`. */
const POSTCODE = /(?<![a-z0-9])(?:gir[ -]{0,2}0aa|[a-z]{1,2}\d[a-z\d]?[ -]{0,3}\d[a-z]{2})(?![a-z0-9])/

/** QQ 12 34 56 C, QQ123456C, qq-12-34-56-c. */
const NI_NUMBER = /(?<![a-z0-9])[a-z]{2}[ -]{0,2}\d{2}[ -]{0,2}\d{2}[ -]{0,2}\d{2}[ -]{0,2}[a-d](?![a-z0-9])/

const MONTHS =
  'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr'
/** A full date (day, month and year) in any usual form, or words that announce a birth date. */
const DATES = [
  /(?<!\d)\d{1,2} ?[/.-] ?\d{1,2} ?[/.-] ?\d{2,4}(?!\d)/,
  /(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)/,
  new RegExp(
    `(?<![a-z0-9])\\d{1,2}(?:st|nd|rd|th|af|ed|ydd)? (?:of )?(?:${MONTHS})[a-z]{0,7}\\.?,? \\d{4}(?!\\d)`,
  ),
  new RegExp(`(?<![a-z])(?:${MONTHS})[a-z]{0,7}\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}(?!\\d)`),
  /(?<![a-z])(?:dob|d\.o\.b|date of birth|birth date|birthday|born|dyddiad geni|ganwyd|geni)(?![a-z])/,
]

const STREET_WORDS =
  'street|st|road|rd|lane|ln|avenue|ave|close|drive|dr|way|place|crescent|court|gardens|grove|terrace|hill|row|walk|square|mews|parade|view|rise|green|park|vale|fold|gate|croft|chase|wharf|quay'
/** Words that join a number to an ordinary phrase ("3 rooms in a park"), not to a street name. */
const NOT_A_NAME_WORD = '(?:in|a|an|the|of|for|to|at|on|with|and|per|from|or|by|people|members|groups?)'
/** A house number and a street: "14 Manningham Lane", "2a Church St", "14 Heol y Bont", "flat 3". */
const STREET = [
  new RegExp(
    `(?<![a-z0-9])\\d{1,4}[a-z]?,? (?:(?!${NOT_A_NAME_WORD} )[a-z'’-]{1,30} ){0,3}(?:${STREET_WORDS})(?![a-z])`,
  ),
  /(?<![a-z0-9])\d{1,4}[a-z]?,? (?:heol|ffordd|stryd|lon|teras|rhodfa|cilgant|clos|maes)(?![a-z])/,
  /(?<![a-z])(?:flat|apartment|apt|fflat) \d/,
]

/** Case-sensitive, on the normalised text: a capitalised word after the words that introduce a name. */
const CAP = "\\p{Lu}[\\p{Ll}'’-]{1,30}"
const NAMES = [
  new RegExp(`(?<![\\p{L}])(?:[Mm]rs?|[Mm]s|[Mm]iss|[Mm]x|[Dd]r)\\.? ${CAP}`, 'u'),
  new RegExp(
    `(?<![\\p{L}])(?:[Cc]aller|[Cc]lient|[Ee]nquirer|[Cc]ontact)(?:’s|'s)? (?:name )?(?:was|is|named|called) ${CAP}`,
    'u',
  ),
  new RegExp(
    `(?<![\\p{L}])(?:[Nn]ame(?: is| was|:|’s|'s)|[Ee]nw(?:’r|'r)? (?:galwr |galwraig )?(?:oedd|yw|ydy)) ?${CAP}`,
    'u',
  ),
]

/** The kinds of identifier the text seems to hold, in the order of PERSONAL_DATA_KINDS. */
export function findPersonalData(text: string): PersonalDataKind[] {
  const cased = normaliseText(text)
  const lower = cased.toLowerCase().replace(BRACKET_AT, '@').replace(BRACKET_DOT, '.').replace(WORD_DOT, '.')
  const found = new Set<PersonalDataKind>()
  if (EMAIL_AT.test(lower) || EMAIL_WORD.test(lower)) found.add('email address')
  if (PHONE_INTL.test(lower) || PHONE_RUN.test(lower)) found.add('phone number')
  if (POSTCODE.test(lower)) found.add('postcode')
  if (NI_NUMBER.test(lower)) found.add('National Insurance number')
  if (DATES.some((p) => p.test(lower))) found.add('date of birth')
  if (STREET.some((p) => p.test(lower))) found.add('street address')
  if (NAMES.some((p) => p.test(cased))) found.add('name')
  return PERSONAL_DATA_KINDS.filter((k) => found.has(k))
}

/** What to tell the worker, naming the kinds found but never repeating the text itself. */
export function personalDataMessage(kinds: readonly PersonalDataKind[]): string {
  const phrases = kinds.map((k) => PERSONAL_DATA_PHRASES[k])
  const listed = phrases.length > 1 ? `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}` : phrases[0]
  return `note must not identify the caller: it contains what looks like ${listed}. Do not type names, phone numbers, email addresses, street addresses, postcodes, dates of birth or National Insurance numbers; choose a reason from the list instead`
}
