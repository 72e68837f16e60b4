/**
 * The one table from the 360Giving DEI taxonomy (../shared/360giving/dei/360-dei/codelists/
 * taxonomyCodes.csv) to our strand codes (../shared/docs/taxonomy.md). A code maps by its family
 * (the first three digits: DEI01xxxx is racial inequity, DEI02 disability, ...), except where a
 * sub-code names a different strand of ours (Jewish under "other ethnic group" is also a faith;
 * trans and non-binary people under LGBT+ are gender reassignment, not sexual orientation; asylum
 * seekers and refugees are ours as refugees-migrants like every migrant code). Codes we have no
 * strand for (DEI020400 "Health", the Northern Ireland community codes DEI8000xx) map to none:
 * the grant still counts, under the recipient's strands or as general support.
 */

const byFamily: Record<string, string[]> = {
  DEI01: ['race'],
  DEI02: ['disability'],
  DEI03: ['religion-belief'],
  DEI04: ['sexual-orientation'],
  DEI05: ['refugees-migrants'],
  DEI06: ['age'],
  DEI07: ['age'],
  DEI08: ['socio-economic'],
  DEI09: ['sex'],
  DEI70: ['welsh-language'],
}

const byCode: Record<string, string[]> = {
  // LGBT+ People as a whole: both strands of ours.
  DEI040000: ['sexual-orientation', 'gender-reassignment'],
  DEI040400: ['gender-reassignment'],
  DEI040410: ['gender-reassignment'],
  DEI040420: ['gender-reassignment'],
  DEI040500: ['gender-reassignment'],
  DEI019920: ['race', 'religion-belief'],
  DEI019930: ['race'],
  DEI020400: [],
  // The faith family's "Atheist" and "Agnostic" are beliefs too (Equality Act: religion or belief).
}

/** Our strand codes for one DEI taxonomy code (none for a code we have no strand for). */
export function strandsOfDeiCode(code: string): string[] {
  if (code in byCode) return byCode[code] as string[]
  return byFamily[code.slice(0, 5)] ?? []
}

/** Our strands for a set of DEI codes, each once, in the order first met. */
export function strandsOfDeiCodes(codes: readonly string[]): string[] {
  return [...new Set(codes.flatMap(strandsOfDeiCode))]
}
