import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { repoRoot } from '../../test/helpers/test-config'
import {
  answerProblems,
  createOrukValidator,
  type OrukEndpoint,
  type OrukValidator,
  pagingProblems,
  verdictOf,
} from './oruk-conformance'

/**
 * The conformance checker itself, on the answers the official ORUK validator is tested with
 * (../shared/oruk/3.0/validator-fixtures): the Default feed passes, the Warn feed passes its
 * required endpoints with problems only on optional ones, and the Fail feed is rejected.
 */
const orukDir = path.join(repoRoot, '../shared/oruk/3.0')
const fixtureDir = path.join(orukDir, 'validator-fixtures')

/** Fixture file -> the endpoint whose answer it is. */
const endpointOfFile: Record<string, OrukEndpoint> = {
  'api_details.json': 'api_details',
  'service_list.json': 'service_list',
  'service_full.json': 'service',
  'organization.json': 'organization',
  'organization_full.json': 'organization',
  'organization_list.json': 'organization_list',
  'taxonomy.json': 'taxonomy',
  'taxonomy_list.json': 'taxonomy_list',
  'taxonomy_term.json': 'taxonomy_term',
  'taxonomy_term_list.json': 'taxonomy_term_list',
  'service_at_location_full.json': 'service_at_location',
  'service_at_location_list.json': 'service_at_location_list',
}

const read = (...parts: string[]) => JSON.parse(fs.readFileSync(path.join(...parts), 'utf8'))

function profile(name: string) {
  const files = fs.readdirSync(path.join(fixtureDir, name)).sort()
  return files.map((file) => ({
    file,
    endpoint: endpointOfFile[file] as OrukEndpoint,
    body: read(fixtureDir, name, file),
  }))
}

let validator: OrukValidator
beforeAll(() => {
  validator = createOrukValidator(path.join(orukDir, 'schema'))
})

function problemsOf(name: string): Record<string, string[]> {
  return Object.fromEntries(profile(name).map((f) => [f.file, answerProblems(validator, f.endpoint, f.body)]))
}

function verdictOfProfile(name: string) {
  const byEndpoint: Partial<Record<OrukEndpoint, string[]>> = {}
  for (const f of profile(name)) {
    byEndpoint[f.endpoint] = [
      ...(byEndpoint[f.endpoint] ?? []),
      ...answerProblems(validator, f.endpoint, f.body),
    ]
  }
  return verdictOf(byEndpoint)
}

describe('the validator fixtures', () => {
  test('every fixture file names a known endpoint', () => {
    for (const name of ['V3.0-UK-Default', 'V3.0-UK-Warn', 'V3.0-UK-Fail']) {
      for (const f of profile(name))
        expect({ file: f.file, endpoint: f.endpoint }).toEqual({ file: f.file, endpoint: expect.any(String) })
    }
  })

  test('Default: every answer is valid and the feed passes', () => {
    const problems = problemsOf('V3.0-UK-Default')
    expect(Object.keys(problems)).toHaveLength(11)
    for (const [file, list] of Object.entries(problems)) expect({ file, list }).toEqual({ file, list: [] })
    expect(verdictOfProfile('V3.0-UK-Default')).toBe('pass')
  })

  test('Warn: the required endpoints are valid; problems on optional ones make it a warning', () => {
    const problems = problemsOf('V3.0-UK-Warn')
    for (const file of ['api_details.json', 'service_list.json', 'service_full.json']) {
      expect({ file, list: problems[file] }).toEqual({ file, list: [] })
    }
    expect(problems['taxonomy_term.json']).toEqual([
      "(root) must have required property 'description'",
      '/term_uri must match format "uri"',
    ])
    expect(problems['taxonomy_term_list.json']).toEqual(['last_page is true on page 1 of 2'])
    expect(verdictOfProfile('V3.0-UK-Warn')).toBe('warn')
  })

  test('Fail: the broken required answers are rejected and the feed fails', () => {
    const problems = problemsOf('V3.0-UK-Fail')
    expect(problems['api_details.json']).toEqual([
      "(root) must have required property 'profile'",
      '/openapi_url must match format "uri"',
    ])
    expect(problems['service_full.json']).toEqual([
      '/url must match format "uri"',
      '/email must match format "email"',
    ])
    expect(problems['service_list.json']).toEqual(
      expect.arrayContaining([
        "/contents/0 must have required property 'name'",
        '/contents/0/url must match format "uri"',
        '/contents/2/email must be string',
        "total_items 1 is fewer than this page's items",
      ]),
    )
    expect(verdictOfProfile('V3.0-UK-Fail')).toBe('fail')
  })

  test('the examples published with the standard are valid', () => {
    const examples: Record<string, OrukEndpoint> = {
      'organization_full.json': 'organization',
      'organization_list.json': 'organization_list',
      'service_at_location_full.json': 'service_at_location',
      'service_at_location_list.json': 'service_at_location_list',
      'service_full.json': 'service',
      'service_list.json': 'service_list',
      'taxonomy.json': 'taxonomy',
      'taxonomy_list.json': 'taxonomy_list',
      'taxonomy_term.json': 'taxonomy_term',
      'taxonomy_term_list.json': 'taxonomy_term_list',
    }
    for (const [file, endpoint] of Object.entries(examples)) {
      const list = answerProblems(validator, endpoint, read(orukDir, 'examples', file))
      expect({ file, list }).toEqual({ file, list: [] })
    }
  })
})

describe('negative cases built from a valid service', () => {
  const valid = () => read(fixtureDir, 'V3.0-UK-Default', 'service_full.json')

  test('the base service is valid', () => {
    expect(validator.validate('service', valid())).toEqual([])
  })

  test.each([
    ['no name', (s: Record<string, unknown>) => delete s.name, "(root) must have required property 'name'"],
    [
      'no status',
      (s: Record<string, unknown>) => delete s.status,
      "(root) must have required property 'status'",
    ],
    [
      'a status outside the enum',
      (s: Record<string, unknown>) => (s.status = 'open'),
      '/status must be equal to one of the allowed values',
    ],
    [
      'an id that is not a UUID',
      (s: Record<string, unknown>) => (s.id = 'svc-1'),
      '/id must match format "uuid"',
    ],
    [
      'a null description',
      (s: Record<string, unknown>) => (s.description = null),
      '/description must be string',
    ],
    [
      'a last_modified that is not a date-time',
      (s: Record<string, unknown>) => (s.last_modified = 'yesterday'),
      '/last_modified must match format "date-time"',
    ],
    [
      'an organization without a description',
      (s: { organization: Record<string, unknown> }) => delete s.organization.description,
      "/organization must have required property 'description'",
    ],
    [
      'an attribute term without a name',
      (s: { attributes: Array<{ taxonomy_term: Record<string, unknown> }> }) =>
        delete s.attributes[0]?.taxonomy_term.name,
      "/attributes/0/taxonomy_term must have required property 'name'",
    ],
    [
      'a location type outside the enum',
      (s: { service_at_locations: Array<{ location: Record<string, unknown> }> }) =>
        ((s.service_at_locations[0] as { location: Record<string, unknown> }).location.location_type =
          'office'),
      '/service_at_locations/0/location/location_type must be equal to one of the allowed values',
    ],
  ] as const)('%s is rejected', (_name, mutate, message) => {
    const body = valid()
    ;(mutate as (s: unknown) => unknown)(body)
    expect(validator.validate('service', body)).toContain(message)
  })

  test.each([
    [
      'no contents',
      {
        total_items: 0,
        total_pages: 0,
        page_number: 1,
        size: 0,
        first_page: true,
        last_page: true,
        empty: true,
      },
      'missing paging fields: contents',
    ],
    [
      'empty flag wrong',
      {
        total_items: 1,
        total_pages: 1,
        page_number: 1,
        size: 1,
        first_page: true,
        last_page: true,
        empty: true,
        contents: [{}],
      },
      'empty is true with 1 items',
    ],
    [
      'first_page wrong',
      {
        total_items: 3,
        total_pages: 3,
        page_number: 2,
        size: 1,
        first_page: true,
        last_page: false,
        empty: false,
        contents: [{}],
      },
      'first_page is true on page 2',
    ],
    [
      'last_page wrong',
      {
        total_items: 3,
        total_pages: 3,
        page_number: 3,
        size: 1,
        first_page: false,
        last_page: false,
        empty: false,
        contents: [{}],
      },
      'last_page is false on page 3 of 3',
    ],
  ])('paging: %s', (_name, body, message) => {
    expect(pagingProblems(body)).toContain(message)
  })
})
