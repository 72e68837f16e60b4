import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import { testConfig } from '../../test/helpers/test-config'
import type { DirectoryContent, RawProvider } from '../providers/provider-schema'
import { buildTaxonomy } from '../taxonomy/taxonomy-source'
import { fixtureDirectory, fixtureSlugs } from './directory-fixture'
import { DirectorySeedError, validateDirectory } from './directory-seed'
import { stableId } from './directory-service'

const taxonomy = buildTaxonomy(fs.readFileSync(testConfig().taxonomyFile, 'utf8'))

/** The fixture with one change to a record no pathway names (so it is the only problem). */
function withProvider(change: () => Partial<RawProvider> | Record<string, unknown>): DirectoryContent {
  const directory = fixtureDirectory()
  return {
    ...directory,
    providers: directory.providers.map((p) =>
      p.slug === fixtureSlugs.leedsCvs ? ({ ...p, ...change() } as RawProvider) : p,
    ),
  }
}

describe('directory validation', () => {
  test('the fixture directory is valid', () => {
    const { providers, pathways } = validateDirectory(taxonomy, fixtureDirectory())
    expect(providers).toHaveLength(fixtureDirectory().providers.length)
    expect(pathways).toHaveLength(2)
  })

  test.each([
    ['an unknown strand', () => ({ strands: ['lgbt'] }), /unknown strand "lgbt"; allowed codes: age, /],
    ['an unknown function', () => ({ functions: ['fundraising'] }), /unknown function "fundraising"/],
    ['no function', () => ({ functions: [] }), /at least one function/],
    ['a repeated topic', () => ({ topics: ['governance', 'governance'] }), /topic codes must not repeat/],
    ['an unknown level', () => ({ level: 'county' }), /unknown level "county"/],
    ['a slug with capitals', () => ({ slug: 'Fixture-Slug' }), /slug must be lower-case words/],
    ['a slug of digits only', () => ({ slug: '12345' }), /slug must contain a letter/],
    ['an unknown field', () => ({ founded: 1990 }), /founded/],
    ['a bad date', () => ({ lastVerifiedAt: '2025-02-30' }), /lastVerifiedAt must be a calendar date/],
    ['a bad area code', () => ({ coverage: { areas: ['Bradford'] } }), /must be a GSS area code/],
    [
      'an opening slot that closes before it opens',
      () => ({ openingHours: { weekly: [{ day: 'mon', opens: '17:00', closes: '09:00' }] } }),
      /close after it opens/,
    ],
    ['a non-http website', () => ({ website: 'ftp://example.org' }), /http\(s\) URL/],
    ['the reserved source', () => ({ source: 'generated' }), /source "generated" is reserved/],
  ])('%s is rejected, naming the record', (_name, change, message) => {
    const attempt = () => validateDirectory(taxonomy, withProvider(change))
    expect(attempt).toThrow(DirectorySeedError)
    expect(attempt).toThrow(message)
    expect(attempt).toThrow(/The directory has 1 invalid record/)
  })

  test('duplicate slugs and pathways to unknown providers are reported together', () => {
    const directory = fixtureDirectory()
    const first = directory.providers[0] as RawProvider
    directory.providers.push({ ...first })
    directory.pathways.push({
      fromSlug: fixtureSlugs.bradfordCvs,
      toSlug: 'fx-nobody',
      strands: [],
      topics: [],
      criteria: 'x',
    })
    const attempt = () => validateDirectory(taxonomy, directory)
    expect(attempt).toThrow(/The directory has 2 invalid record/)
    expect(attempt).toThrow(`${first.slug}: slug used twice`)
    expect(attempt).toThrow(/fx-nobody\): names a provider that is not in the directory/)
  })

  test('ids derived from slugs are stable UUIDs', () => {
    const id = stableId('provider', 'fx-bradford-cvs')
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(stableId('provider', 'fx-bradford-cvs')).toBe(id)
    expect(stableId('provider', 'fx-leeds-cvs')).not.toBe(id)
  })
})
