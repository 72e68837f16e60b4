import { describe, expect, test } from 'vitest'
import { strandsOfDeiCodes } from './dei-strands'
import { canonicalOrgId, matchRecipient } from './grants-import'
import type { CandidateProviderRow } from './grants-queries'

/** The matching rule of decision 0016, on small records: org-id, then charity number, then name + postcode. */

const record = (
  p: Partial<CandidateProviderRow> & Pick<CandidateProviderRow, 'slug'>,
): CandidateProviderRow => ({
  id: p.slug,
  name: p.slug,
  status: 'active',
  charity_number: null,
  company_number: null,
  address: null,
  org_ids: [],
  ...p,
})
const recipient = (r: Partial<Parameters<typeof matchRecipient>[0]>) => ({
  orgId: 'GB-XXX-0',
  name: 'Somebody',
  charityNumber: null,
  companyNumber: null,
  postcode: null,
  ...r,
})

describe('matching a grant recipient to a directory record', () => {
  test('by org-id: a company number compared as eight digits, a charity number, a source org-id', () => {
    const navca = record({ slug: 'navca', company_number: '02575206', charity_number: '1001635' })
    expect(matchRecipient(recipient({ orgId: 'GB-COH-2575206' }), [navca])).toMatchObject({
      method: 'org-id',
    })
    expect(matchRecipient(recipient({ orgId: 'gb-chc-1001635' }), [navca])).toMatchObject({
      method: 'org-id',
    })
    const scvo = record({ slug: 'scvo', org_ids: ['GB-SC-SC003558'] })
    expect(matchRecipient(recipient({ orgId: 'GB-SC-SC003558' }), [scvo])?.provider.slug).toBe('scvo')
    expect(canonicalOrgId(' gb-coh-4170241 ')).toBe('GB-COH-04170241')
  })

  test('by charity number when the org-id is a company the record does not hold (a spreadsheet "1144758.0" too)', () => {
    const harrogate = record({ slug: 'harrogate', charity_number: '1144758' })
    expect(
      matchRecipient(recipient({ orgId: 'GB-COH-07760477', charityNumber: '1144758' }), [harrogate]),
    ).toMatchObject({ method: 'charity-number', provider: { slug: 'harrogate' } })
  })

  test('by name and postcode only as a suggestion, and not without a postcode', () => {
    const norwich = record({
      slug: 'norwich',
      name: 'Community Action Norwich',
      address: '1 Some Street, Norwich NR1 2HX',
    })
    const r = recipient({ orgId: 'GB-CHC-1079028', name: 'Community Action  Norwich', postcode: 'nr1 2hx' })
    expect(matchRecipient(r, [norwich])).toMatchObject({ method: 'name-postcode' })
    expect(matchRecipient({ ...r, postcode: null }, [norwich])).toBeNull()
    expect(matchRecipient({ ...r, postcode: 'NR2 1AA' }, [norwich])).toBeNull()
  })

  test('an active record is preferred to a closed one with the same number', () => {
    const closed = record({ slug: 'a-closed', status: 'closed', charity_number: '1' })
    const open = record({ slug: 'b-open', charity_number: '1' })
    expect(matchRecipient(recipient({ orgId: 'GB-CHC-1' }), [closed, open])?.provider.slug).toBe('b-open')
  })
})

describe('DEI codes to our strands', () => {
  test('by family, with the sub-codes that belong elsewhere', () => {
    expect(strandsOfDeiCodes(['DEI010110'])).toEqual(['race'])
    expect(strandsOfDeiCodes(['DEI040410', 'DEI040200'])).toEqual([
      'gender-reassignment',
      'sexual-orientation',
    ])
    expect(strandsOfDeiCodes(['DEI040000'])).toEqual(['sexual-orientation', 'gender-reassignment'])
    expect(strandsOfDeiCodes(['DEI019920'])).toEqual(['race', 'religion-belief'])
    expect(strandsOfDeiCodes(['DEI020400', 'DEI800010'])).toEqual([])
    expect(strandsOfDeiCodes(['DEI700000', 'DEI060000', 'DEI070300'])).toEqual(['welsh-language', 'age'])
  })
})
