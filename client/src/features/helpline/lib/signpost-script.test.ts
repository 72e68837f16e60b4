import { describe, expect, test } from 'vitest'
import type { SignpostProvider } from '../api/signpost-types'
import { hoursLines, type ScriptWords, signpostScript } from './signpost-script'

const words: ScriptWords = {
  heading: (name, level) => `${name} (${level})`,
  why: 'Why',
  contact: 'How to contact',
  phone: 'phone',
  email: 'email',
  website: 'website',
  address: 'Address',
  access: 'How to get help',
  hours: 'Opening times',
  noHours: 'Opening times not recorded',
  slot: (opens, closes) => `${opens} to ${closes}`,
  days: {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
  referral: 'Referral criteria',
  level: (code) => ({ local: 'local', national: 'national' })[code] ?? code,
  language: 'en',
}

const provider = {
  id: 'p1',
  slug: 'example-cvs',
  name: 'Example CVS',
  kind: 'generalist',
  level: 'local',
  phone: '01632 960123',
  email: 'hello@example.org',
  website: 'https://example.org/cvs',
  address: null,
  howToAccess: 'Ring the duty line.',
  openingHours: {
    weekly: [
      { day: 'tue', opens: '09:00', closes: '17:00' },
      { day: 'mon', opens: '09:00', closes: '17:00' },
      { day: 'wed', opens: '10:00', closes: '12:00' },
      { day: 'wed', opens: '18:00', closes: '20:00' },
    ],
    notes: 'Closed on bank holidays.',
  },
  referralCriteria: 'Any group in the district.',
} as unknown as SignpostProvider

describe('the signposting script', () => {
  test('name, why, contact, access, opening times and referral criteria, one per line', () => {
    expect(signpostScript(provider, ['Covers Bradford (local)', 'Offers training'], words)).toBe(
      [
        'Example CVS (local)',
        'Why: Covers Bradford (local); Offers training',
        'How to contact: phone 01632 960123; email hello@example.org; website https://example.org/cvs',
        'How to get help: Ring the duty line.',
        'Opening times: Monday, Tuesday: 09:00 to 17:00; Wednesday: 10:00 to 12:00, 18:00 to 20:00',
        'Closed on bank holidays.',
        'Referral criteria: Any group in the district.',
      ].join('\n'),
    )
  })

  test('missing contact details and hours are left out or said plainly', () => {
    const bare = {
      ...provider,
      phone: null,
      email: null,
      website: null,
      howToAccess: null,
      openingHours: null,
      referralCriteria: null,
    }
    expect(signpostScript(bare, [], words)).toBe('Example CVS (local)\nOpening times not recorded')
  })

  test('in Welsh, the Welsh name and how-to-access where the record has them', () => {
    const welsh = { ...provider, welshName: 'CGG Enghraifft', welshHowToAccess: 'Ffoniwch y llinell.' }
    const cy = { ...words, language: 'cy' }
    const lines = signpostScript(welsh, [], cy).split('\n')
    expect(lines[0]).toBe('CGG Enghraifft (local)')
    expect(lines).toContain('How to get help: Ffoniwch y llinell.')
    expect(lines).not.toContain('How to get help: Ring the duty line.')
    // English interface: the English texts; a record without Welsh: the English texts in Welsh too.
    expect(signpostScript(welsh, [], words).split('\n')[0]).toBe('Example CVS (local)')
    expect(signpostScript(provider, [], cy).split('\n')[0]).toBe('Example CVS (local)')
  })

  test('days with the same hours share a line only when they are next to each other', () => {
    expect(
      hoursLines(
        {
          weekly: [
            { day: 'mon', opens: '09:00', closes: '17:00' },
            { day: 'wed', opens: '10:00', closes: '11:00' },
            { day: 'thu', opens: '09:00', closes: '17:00' },
          ],
        },
        words,
      ),
    ).toEqual(['Monday: 09:00 to 17:00', 'Wednesday: 10:00 to 11:00', 'Thursday: 09:00 to 17:00'])
  })
})
