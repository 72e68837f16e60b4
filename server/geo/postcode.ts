/**
 * UK postcodes: normalised for lookup (upper case, no spaces: "BD11AA") and shown in the
 * standard single-space form ("BD1 1AA"). The format follows the Royal Mail/ONS rules for
 * which letters may appear where, so "QQ1 1AA" or "BD1 1CI" are rejected before any lookup.
 */

export const POSTCODE_FORMAT =
  'a full UK postcode: an outward code (such as BD1, M11, SW1A, SE1P) and an inward code of one digit and two letters (such as 1AA), for example "BD1 1AA"'

// Outward: A9, A99, AA9, AA99, A9A, AA9A (with the letters allowed in each position). The third
// letter of A9A is A-H, J, K, P, S, T, U or W today; the terminated central London codes still in
// the postcode file (W1M, W1N, W1R, W1V, W1X, W1Y: NSPL keeps terminated postcodes) add M, N, R,
// V, X and Y, so those postcodes resolve too.
const OUTWARD =
  /^(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKMNPR-Y]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRV-Y])$/
// Inward: a digit and two letters, never C, I, K, M, O or V.
const INWARD = /^[0-9][ABD-HJLNP-UW-Z]{2}$/

export interface Postcode {
  /** Lookup key: upper case, no spaces ("SW1A0AA"). */
  key: string
  /** Standard form with one space ("SW1A 0AA"). */
  display: string
  /** Postcode district ("SW1A"). */
  outward: string
  /** Postcode sector ("SW1A 0"). */
  sector: string
}

/** Parses a postcode typed any way ("sw1a0aa", " SW1A  0AA "), or returns undefined if malformed. */
export function parsePostcode(input: string): Postcode | undefined {
  const compact = input.replace(/\s+/g, '').toUpperCase()
  if (compact === 'GIR0AA') return { key: compact, display: 'GIR 0AA', outward: 'GIR', sector: 'GIR 0' }
  if (compact.length < 5 || compact.length > 7) return undefined
  const outward = compact.slice(0, -3)
  const inward = compact.slice(-3)
  if (!OUTWARD.test(outward) || !INWARD.test(inward)) return undefined
  return { key: compact, display: `${outward} ${inward}`, outward, sector: `${outward} ${inward[0]}` }
}
