/**
 * Enquiry notes must not carry who the caller is. These patterns catch the obvious identifiers
 * a helpline worker might type by habit; the form says so before it is sent, and the API
 * refuses the note with the reason.
 */
const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i
// UK numbers: 01/02/03/07/08 + 9 digits, or +44 / 0044 forms, with spaces, dots, dashes or brackets.
const PHONE = /(?:\+44\s?\(?0?\)?|0044\s?|\b0)(?:[\s.()-]*\d){9,10}\b/
// A full UK postcode (outward + inward), e.g. "BD1 1HY", "sw1a2aa".
const POSTCODE = /\b(?:GIR\s?0AA|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b/i

export type PersonalDataKind = 'email address' | 'phone number' | 'postcode'

export function findPersonalData(text: string): PersonalDataKind[] {
  const found: PersonalDataKind[] = []
  if (EMAIL.test(text)) found.push('email address')
  if (PHONE.test(text)) found.push('phone number')
  if (POSTCODE.test(text)) found.push('postcode')
  return found
}
