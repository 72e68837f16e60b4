import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { repoRoot, testConfig } from '../../test/helpers/test-config'
import { stableId } from '../directory/directory-service'
import { accreditationsOf, composeDescription, gssUri } from '../oruk/oruk-records'
import type { OrukService } from '../oruk/oruk-schemas'
import { termId } from '../oruk/oruk-taxonomy'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import { loadTaxonomyFile } from '../taxonomy/taxonomy-source'
import { servicesOf, splitDescription } from './imports-oruk-fields'
import { mapOrukDocument, type OrukImportOptions, qualityMarksOf } from './imports-oruk-mapping'

let taxonomy: Taxonomy
let options: OrukImportOptions
beforeAll(() => {
  taxonomy = loadTaxonomyFile(testConfig().taxonomyFile)
  options = { taxonomy, source: 'oruk-import', knownAreaCodes: new Set(['E08000032', 'E92000001']) }
})

const SERVICE_ID = '6f1c1d9e-2b7a-4c43-9d55-0c0a0c1e7a11'

/** A term attribute as another publisher might write it: its own ids, our taxonomy's name and code. */
const attr = (taxonomyName: string, name: string, code?: string) => ({
  id: stableId('test-attribute', `${taxonomyName}:${name}`),
  taxonomy_term: {
    id: stableId('their-term', `${taxonomyName}:${name}`),
    name,
    taxonomy: taxonomyName,
    ...(code ? { term: code } : {}),
  },
})

/** The least a service needs to map: a level, a function and a description. */
function service(overrides: Partial<OrukService> = {}): OrukService {
  return {
    id: SERVICE_ID,
    name: 'Example Bradford Networks',
    description: 'Networks for community groups in Bradford.',
    status: 'active',
    attributes: [
      attr('Support Atlas level', 'Local', 'local'),
      attr('Support Atlas function', 'Training', 'training'),
    ],
    service_areas: [{ id: stableId('a', '1'), uri: gssUri('E08000032') }],
    ...overrides,
  }
}

const mapOne = (s: unknown) => mapOrukDocument(s, options)

describe('reading ORUK documents', () => {
  test.each([
    ['a service list page', { contents: [{ id: 'a' }, { id: 'b' }] }, 2],
    ['a service package (an array)', [{ id: 'a' }], 1],
    ['a single service', { id: 'a' }, 1],
    ['nothing useful', 'text', 0],
  ])('%s', (_name, document, count) => {
    expect(servicesOf(document)).toHaveLength(count)
  })

  test('a service the ORUK shapes reject is skipped with the reason', () => {
    const { providers, report } = mapOne([{ id: 'x1', status: 'active' }, service()])
    expect(providers).toHaveLength(1)
    expect(report.skipped).toEqual([
      {
        serviceId: 'x1',
        position: 1,
        name: '',
        reasons: ['name: Invalid input: expected string, received undefined'],
      },
    ])
    expect(report).toMatchObject({ services: 2, mapped: 1 })
  })

  test("the standard's own example maps nothing it cannot: no level, no function, unknown terms reported", () => {
    const example = JSON.parse(
      fs.readFileSync(path.join(repoRoot, '../shared/oruk/3.0/examples/service_full.json'), 'utf8'),
    )
    const { providers, report } = mapOne(example)
    expect(providers).toEqual([])
    expect(report.skipped).toEqual([
      {
        serviceId: example.id,
        position: 1,
        name: 'Community Counselling',
        reasons: [
          'no level: attach a term of "Support Atlas level"',
          'no function: attach a term of "Support Atlas function"',
        ],
      },
    ])
    expect(report.unmapped).toContainEqual({
      serviceId: example.id,
      position: 1,
      field: 'attributes',
      value: 'taxonomy: name',
      reason: 'no code of our taxonomy has this id, code or label',
    })
  })
})

describe('taxonomy terms back to our codes', () => {
  test('by our own term ids, by taxonomy and code, and by a unique English or Welsh label', () => {
    const race = taxonomy.strands.find((s) => s.code === 'race')
    const { providers, report } = mapOne(
      service({
        attributes: [
          { id: 'a1', taxonomy_term_id: termId('levels', 'regional') },
          attr('Support Atlas function', 'anything', 'networks'),
          attr('Somebody else', 'Training'),
          attr('Somebody else', race?.labelCy ?? 'missing'),
          attr('Support Atlas topic', 'Volunteering', 'volunteering'),
        ],
      }),
    )
    expect(report.unmapped).toEqual([
      {
        serviceId: SERVICE_ID,
        position: 1,
        field: 'attributes',
        value: 'specialist',
        reason: 'no kind given: specialist assumed from its strands',
      },
      expect.objectContaining({ field: 'organization.attributes', value: 'infrastructure' }),
      expect.objectContaining({ field: 'cost_options', value: 'mixed' }),
    ])
    expect(providers[0]).toMatchObject({
      level: 'regional',
      functions: ['networks', 'training'],
      strands: ['race'],
      topics: ['volunteering'],
      kind: 'specialist',
    })
  })

  test('unknown codes, function families and ambiguous labels are reported, not guessed', () => {
    const shared = structuredClone(taxonomy)
    const training = shared.functions.find((f) => f.code === 'training')
    const governance = shared.topics.find((t) => t.code === 'governance')
    if (training && governance) governance.label = training.label
    const { providers, report } = mapOrukDocument(
      service({
        attributes: [
          attr('Support Atlas level', 'Local', 'local'),
          attr('Support Atlas function', 'Grants', 'grants'),
          attr('Support Atlas strand', 'Martians', 'martians'),
          { id: 'fam', taxonomy_term_id: termId('functionFamilies', 'support') },
          attr('Somebody else', 'Training'),
        ],
      }),
      { ...options, taxonomy: shared },
    )
    expect(providers[0]?.functions).toEqual(['grants'])
    expect(report.unmapped.map((u) => [u.value, u.reason])).toEqual(
      expect.arrayContaining([
        ['Support Atlas strand: Martians', '"martians" is not a code of our strands'],
        [
          expect.stringContaining('Support and development'),
          'a function family; records list the functions themselves',
        ],
        ['Somebody else: Training', 'the label matches codes of functions and topics'],
      ]),
    )
  })

  test('a service without a level or function is skipped, naming what to add', () => {
    const { report } = mapOne(service({ attributes: [] }))
    expect(report.skipped[0]?.reasons).toEqual([
      'no level: attach a term of "Support Atlas level"',
      'no function: attach a term of "Support Atlas function"',
    ])
  })
})

describe('fields', () => {
  test.each([
    ['active', 'active'],
    ['inactive', 'closed'],
    ['defunct', 'closed'],
    ['temporarily closed', 'closed'],
  ])('status %s -> %s', (status, ours) => {
    expect(mapOne(service({ status })).providers[0]?.status).toBe(ours)
  })

  test('a status outside ORUK is a reason to skip', () => {
    expect(mapOne(service({ status: 'open' })).report.skipped[0]?.reasons).toEqual([
      'status "open" is not an ORUK status',
    ])
  })

  test('the description splits back into summary, description and the labelled sections', () => {
    const texts = {
      summary: 'Helps groups.',
      description: 'A longer story.\n\nIn two paragraphs.',
      remit: 'Any group in Bradford.',
      limits: 'No grants.',
      referralCriteria: 'Refers LGB groups on.',
      howToAccess: 'Phone us.',
    }
    expect(splitDescription(composeDescription(texts))).toEqual(texts)
    expect(splitDescription('Only a summary.')).toEqual({
      summary: 'Only a summary.',
      description: undefined,
      remit: undefined,
      limits: undefined,
      referralCriteria: undefined,
      howToAccess: undefined,
    })
    const long = mapOne(service({ description: 'x'.repeat(600) }))
    expect(long.providers[0]?.summary).toHaveLength(500)
    expect(long.report.unmapped).toContainEqual(
      expect.objectContaining({ reason: 'summary cut to 500 characters' }),
    )
  })

  test('service areas: GSS codes from uri, polygons from GeoJSON extents, the rest reported', () => {
    const square = [
      [
        [-1.8, 53.8],
        [-1.7, 53.8],
        [-1.7, 53.9],
        [-1.8, 53.8],
      ],
    ]
    const { providers, report } = mapOne(
      service({
        service_areas: [
          { id: 's1', uri: gssUri('E08000032') },
          { id: 's2', uri: 'https://example.org/areas/E92000001/' },
          { id: 's3', uri: gssUri('E07000166') },
          {
            id: 's4',
            name: 'Drawn',
            extent: JSON.stringify({ type: 'Polygon', coordinates: square }),
            extent_type: 'geojson',
          },
          {
            id: 's5',
            name: 'Feature',
            extent: JSON.stringify({
              type: 'Feature',
              geometry: { type: 'MultiPolygon', coordinates: [square] },
            }),
            extent_type: 'GeoJSON',
          },
          { id: 's6', name: 'KML area', extent: '<kml/>', extent_type: 'kml' },
          { id: 's7', name: 'Everywhere' },
        ],
      }),
    )
    expect(providers[0]?.coverage).toEqual({
      areas: ['E08000032', 'E92000001'],
      polygon: { type: 'MultiPolygon', coordinates: [square, square] },
    })
    expect(report.unmapped.map((u) => [u.field, u.value, u.reason])).toEqual(
      expect.arrayContaining([
        ['service_areas', 'E07000166', 'the area is not in the loaded geography'],
        ['service_areas', 'KML area', 'the extent is not a GeoJSON polygon (extent_type kml)'],
        ['service_areas', 'Everywhere', 'neither a GSS code (in uri) nor a GeoJSON extent'],
      ]),
    )
  })

  test('no service area at all is reported: the record would never be signposted', () => {
    const { providers, report } = mapOne(service({ service_areas: [] }))
    expect(providers[0]?.coverage).toEqual({ areas: [] })
    expect(report.unmapped).toContainEqual(
      expect.objectContaining({ field: 'service_areas', value: '(none)' }),
    )
  })

  test('weekly schedules become opening hours in feed order; others are reported', () => {
    const { providers, report } = mapOne(
      service({
        schedules: [
          {
            id: 'h1',
            freq: 'WEEKLY',
            interval: 1,
            byday: 'MO,WE',
            opens_at: '09:30:00',
            closes_at: '17:00:00',
            notes: 'Closed on bank holidays.',
          },
          { id: 'h2', freq: 'WEEKLY', byday: 'TU', opens_at: '18:00', closes_at: '20:00' },
          { id: 'h3', freq: 'MONTHLY', bymonthday: '1', opens_at: '10:00', closes_at: '12:00' },
          { id: 'h4', freq: 'WEEKLY', byday: 'XX', opens_at: '10:00', closes_at: '12:00' },
          { id: 'h5', freq: 'WEEKLY', byday: 'FR', opens_at: '17:00', closes_at: '09:00' },
        ],
      }),
    )
    expect(providers[0]?.openingHours).toEqual({
      weekly: [
        { day: 'mon', opens: '09:30', closes: '17:00' },
        { day: 'wed', opens: '09:30', closes: '17:00' },
        { day: 'tue', opens: '18:00', closes: '20:00' },
      ],
      notes: 'Closed on bank holidays.',
    })
    expect(report.unmapped.filter((u) => u.field === 'schedules')).toHaveLength(3)
  })

  test('contacts, organisation identifiers, location, languages and cost', () => {
    const { providers, report } = mapOne(
      service({
        url: 'ftp://example.org/',
        email: 'not an email',
        organization: {
          id: 'o1',
          name: 'Example',
          description: 'Our mission.',
          website: 'https://example.org/us',
          uri: 'https://atlas.example/providers/example-bradford-networks-hub',
          organization_identifiers: [
            {
              id: 'i1',
              identifier_scheme: 'GB-CHC',
              identifier_type: 'Charity number',
              identifier: '1012345',
            },
            { id: 'i2', identifier_type: 'Company number', identifier: '01234567' },
          ],
        },
        contacts: [
          {
            id: 'c1',
            email: 'hello@example.org',
            phones: [
              { id: 'p1', number: 'call us!' },
              { id: 'p2', number: '01632 960123' },
            ],
          },
        ],
        service_at_locations: [
          {
            id: 'l0',
            location: {
              id: 'loc',
              location_type: 'physical',
              description: 'Unit 1, Bradford',
              latitude: 53.79,
              longitude: -1.75,
            },
          },
        ],
        languages: [
          { id: 'g1', code: 'cy' },
          { id: 'g2', name: 'English' },
          { id: 'g3', code: 'xx' },
        ],
        cost_options: [{ id: 'k1', option: 'Free', amount_description: 'No charge' }],
        accreditations: 'Quality mark one; Quality mark two',
        assured_date: '2026-05-01',
      }),
    )
    expect(providers[0]).toMatchObject({
      slug: 'example-bradford-networks-hub',
      mission: 'Our mission.',
      website: 'https://example.org/us',
      email: 'hello@example.org',
      phone: '01632 960123',
      address: 'Unit 1, Bradford',
      office: { lng: -1.75, lat: 53.79 },
      charityNumber: '1012345',
      companyNumber: '01234567',
      languages: ['cy', 'en'],
      cost: { type: 'free', text: 'No charge' },
      membershipBased: false,
      qualityMarks: ['other'],
      qualityMarkOther: 'Quality mark one; Quality mark two',
      lastVerifiedAt: '2026-05-01',
      id: SERVICE_ID,
      source: 'oruk-import',
    })
    expect(report.unmapped.map((u) => [u.field, u.value])).toEqual(
      expect.arrayContaining([
        ['url', 'ftp://example.org/'],
        ['email', 'not an email'],
        ['languages', 'xx'],
      ]),
    )
  })

  test('slugs: from our own organization uri, else from the name, unique within the document', () => {
    const { providers, report } = mapOne([
      service({ id: 'a', name: 'Café & Co. Network' }),
      service({ id: 'b', name: 'Café & Co. Network' }),
      service({ id: 'c', name: '123' }),
    ])
    expect(providers.map((p) => p.slug)).toEqual([
      'cafe-and-co-network',
      'cafe-and-co-network-2',
      'service-123',
    ])
    expect(providers.map((p) => p.id)).toEqual([undefined, undefined, undefined])
    expect(report.unmapped).toContainEqual(expect.objectContaining({ serviceId: 'b', field: 'slug' }))
  })
})

describe('accreditations as quality marks', () => {
  test('names and codes of the list become its codes, in its order; the rest is the mark coded other', () => {
    const labelOf = (code: string) => taxonomy.qualityMarks.find((t) => t.code === code)?.label ?? ''
    expect(
      qualityMarksOf(`${labelOf('trusted-charity').toUpperCase()}; navca-quality-award`, taxonomy),
    ).toEqual({
      qualityMarks: ['navca-quality-award', 'trusted-charity'],
    })
    expect(
      qualityMarksOf('Matrix; Cyber Essentials ;; Mindful Employer; Cyber Essentials', taxonomy),
    ).toEqual({
      qualityMarks: ['matrix', 'other'],
      qualityMarkOther: 'Cyber Essentials; Mindful Employer',
    })
    expect(qualityMarksOf(undefined, taxonomy)).toEqual({ qualityMarks: [] })
  })

  test('what the feed publishes (accreditationsOf) reads back to the same marks', () => {
    const record = {
      qualityMarks: ['investing-in-volunteers', 'other'],
      qualityMarkOther: 'Cyber Essentials',
    }
    expect(qualityMarksOf(accreditationsOf(record, taxonomy).join('; '), taxonomy)).toEqual(record)
  })
})
