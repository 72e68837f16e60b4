import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { freshnessOf, freshnessPolicy } from '../../server/providers/freshness'
import type { DirectoryContent, RawProvider } from '../../server/providers/provider-schema'
import { repoRoot, testConfig } from '../../test/helpers/test-config'
import { buildDemoDirectory } from './demo-directory'
import { DEMO_DENSE_REGIONS, demoKeyAreas, demoKeySlugs } from './demo-key-records'
import { REAL_GENERALIST_DISTRICTS } from './demo-local-bodies'
import { DOMAIN_NOTES_SOURCE, NORTHERN_IRELAND, SCOTLAND } from './demo-nation-bodies'
import { DEMO_REFERENCE_DATE, DEMO_VERIFIED_WINDOW_DAYS, daysBeforeReference } from './demo-record-helpers'

/** The vocabularies of ../shared/docs/taxonomy.md, read the way a person would: backticked codes per section. */
function readTaxonomy() {
  const text = readFileSync(path.join(repoRoot, '../shared/docs/taxonomy.md'), 'utf8')
  const sections = new Map<string, string>()
  for (const chunk of text.split(/^## /m).slice(1)) {
    const title = chunk.slice(0, chunk.indexOf('\n'))
    sections.set(title, chunk)
  }
  const tableCodes = (prefix: string): Set<string> => {
    const section = [...sections].find(([title]) => title.startsWith(prefix))?.[1]
    if (!section) throw new Error(`taxonomy.md has no section ${prefix}`)
    const codes = new Set<string>()
    for (const line of section.split('\n')) {
      if (!line.startsWith('|')) continue
      const cell = line.split('|').find((c) => /`[^`]+`/.test(c))
      const code = cell?.match(/`([^`]+)`/)?.[1]
      if (code) codes.add(code)
    }
    return codes
  }
  const listCodes = (label: string): Set<string> => {
    // A list item runs on over indented continuation lines; asides in brackets hold no codes.
    const lines = text.split('\n')
    const start = lines.findIndex((l) => l.startsWith(`- ${label}`))
    if (start < 0) throw new Error(`taxonomy.md has no list ${label}`)
    let item = lines[start] ?? ''
    for (let i = start + 1; i < lines.length && /^\s+\S/.test(lines[i] ?? ''); i++) item += ` ${lines[i]}`
    const values = item.slice(item.indexOf(':') + 1).replace(/\([^)`]*\)/g, '')
    return new Set([...values.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string))
  }
  return {
    levels: tableCodes('Levels'),
    kinds: tableCodes('Kinds'),
    functions: tableCodes('Functions'),
    topics: tableCodes('Topics'),
    strands: tableCodes('Strands'),
    orgTypes: listCodes('Organisation type'),
    formats: listCodes('Alternative formats'),
    statuses: listCodes('Status'),
  }
}

interface HierarchyRow {
  lad_code: string
  region_code: string
  nation_code: string
  county_code: string
  utla_code: string
  cauth_code: string
}

interface WardFeature {
  properties: { WD13CD: string; WD13NM: string; LAD13CD: string }
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] }
}

/** Ray casting over every ring (even-odd), independent of the module's own point-on-surface code. */
function inside(point: { lng: number; lat: number }, geometry: WardFeature['geometry']): boolean {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as number[][][]]
      : (geometry.coordinates as number[][][][])
  let crossings = 0
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi = 0, yi = 0] = ring[i] ?? []
        const [xj = 0, yj = 0] = ring[j] ?? []
        if (
          yi > point.lat !== yj > point.lat &&
          point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi
        ) {
          crossings++
        }
      }
    }
  }
  return crossings % 2 === 1
}

const CONTACT_FIELDS = [
  'website',
  'email',
  'phone',
  'address',
  'office',
  'charityNumber',
  'companyNumber',
  'annualReportUrl',
] as const

describe('buildDemoDirectory', () => {
  const geoDataDir = testConfig().geoDataDir
  const taxonomy = readTaxonomy()
  const hierarchy = parse(readFileSync(path.join(geoDataDir, 'lad_hierarchy.csv'), 'utf8'), {
    columns: true,
  }) as HierarchyRow[]
  const wards = (
    JSON.parse(readFileSync(path.join(geoDataDir, 'wards_sample.geojson'), 'utf8')) as {
      features: WardFeature[]
    }
  ).features
  const wardByCode = new Map(wards.map((w) => [w.properties.WD13CD, w]))
  const knownAreas = new Set<string>([
    ...hierarchy.flatMap((r) => [
      r.lad_code,
      r.region_code,
      r.nation_code,
      r.county_code,
      r.utla_code,
      r.cauth_code,
    ]),
    ...wardByCode.keys(),
    // The nations of nations_scotland_ni.geojson.
    ...(
      JSON.parse(readFileSync(path.join(geoDataDir, 'nations_scotland_ni.geojson'), 'utf8')) as {
        features: Array<{ properties: { CTRY_CD: string } }>
      }
    ).features.map((f) => f.properties.CTRY_CD),
  ])
  knownAreas.delete('')

  let directory: DirectoryContent
  let active: RawProvider[]
  const bySlug = (slug: string) => {
    const found = directory.providers.find((p) => p.slug === slug)
    if (!found) throw new Error(`no record ${slug}`)
    return found
  }

  beforeAll(() => {
    directory = buildDemoDirectory(geoDataDir)
    active = directory.providers.filter((p) => p.status === 'active')
  })

  it('is deterministic: two builds are deeply equal', () => {
    expect(buildDemoDirectory(geoDataDir)).toEqual(directory)
  })

  it('has at least 400 active records, and some closed and draft ones', () => {
    expect(active.length).toBeGreaterThanOrEqual(400)
    expect(directory.providers.filter((p) => p.status === 'closed').length).toBeGreaterThanOrEqual(2)
    expect(directory.providers.filter((p) => p.status === 'draft').length).toBeGreaterThanOrEqual(2)
  })

  it('the taxonomy parser found every vocabulary', () => {
    expect(taxonomy.levels.size).toBe(5)
    expect(taxonomy.kinds.size).toBe(2)
    expect(taxonomy.functions.size).toBe(16)
    expect(taxonomy.topics.size).toBe(14)
    expect(taxonomy.strands.size).toBe(14)
    expect(taxonomy.orgTypes.size).toBe(7)
    expect(taxonomy.formats.size).toBe(8)
    expect([...taxonomy.statuses].sort()).toEqual(['active', 'closed', 'draft'])
  })

  it('uses only taxonomy codes', () => {
    const problems: string[] = []
    const check = (slug: string, field: string, values: readonly string[], allowed: Set<string>) => {
      for (const value of values) if (!allowed.has(value)) problems.push(`${slug}: ${field} ${value}`)
    }
    for (const p of directory.providers) {
      check(p.slug, 'level', [p.level], taxonomy.levels)
      check(p.slug, 'kind', [p.kind], taxonomy.kinds)
      check(p.slug, 'orgType', [p.orgType], taxonomy.orgTypes)
      check(p.slug, 'status', [p.status ?? 'active'], taxonomy.statuses)
      check(p.slug, 'function', p.functions, taxonomy.functions)
      check(p.slug, 'topic', p.topics, taxonomy.topics)
      check(p.slug, 'strand', p.strands, taxonomy.strands)
      check(p.slug, 'format', p.formats, taxonomy.formats)
      for (const language of p.languages) {
        if (!/^[a-z]{2}$/.test(language) && language !== 'bfi')
          problems.push(`${p.slug}: language ${language}`)
      }
      for (const list of [p.functions, p.topics, p.strands, p.languages, p.formats]) {
        if (new Set(list).size !== list.length) problems.push(`${p.slug}: repeated code in ${list.join(',')}`)
      }
    }
    for (const w of directory.pathways) {
      check(`${w.fromSlug}->${w.toSlug}`, 'strand', w.strands, taxonomy.strands)
      check(`${w.fromSlug}->${w.toSlug}`, 'topic', w.topics, taxonomy.topics)
    }
    expect(problems).toEqual([])
  })

  it('has unique kebab-case slugs and a function for every record', () => {
    const slugs = directory.providers.map((p) => p.slug)
    expect(new Set(slugs).size).toBe(slugs.length)
    expect(slugs.filter((s) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s))).toEqual([])
    expect(directory.providers.filter((p) => p.functions.length === 0).map((p) => p.slug)).toEqual([])
  })

  it('gives generalists no strands', () => {
    expect(directory.providers.filter((p) => p.kind === 'generalist' && p.strands.length > 0)).toEqual([])
  })

  it('covers every strand with at least one active record', () => {
    const used = new Set(active.flatMap((p) => p.strands))
    expect([...taxonomy.strands].filter((s) => !used.has(s))).toEqual([])
  })

  it('gives every record a service area of known GSS codes or a closed polygon', () => {
    const problems: string[] = []
    for (const p of directory.providers) {
      if (p.coverage.areas.length === 0 && !p.coverage.polygon) problems.push(`${p.slug}: no coverage`)
      for (const code of p.coverage.areas)
        if (!knownAreas.has(code)) problems.push(`${p.slug}: unknown area ${code}`)
      if (p.coverage.polygon) {
        const rings = p.coverage.polygon.coordinates as number[][][]
        for (const ring of rings) {
          if (ring.length < 4 || JSON.stringify(ring[0]) !== JSON.stringify(ring[ring.length - 1])) {
            problems.push(`${p.slug}: ring not closed`)
          }
        }
      }
    }
    expect(problems).toEqual([])
    expect(
      active.filter((p) => p.coverage.polygon && p.coverage.areas.length === 0).length,
    ).toBeGreaterThanOrEqual(3)
  })

  it('links pathways only to records that exist, in at least Bradford and Cardiff', () => {
    const slugs = new Set(directory.providers.map((p) => p.slug))
    for (const w of directory.pathways) {
      expect(slugs.has(w.fromSlug), w.fromSlug).toBe(true)
      expect(slugs.has(w.toSlug), w.toSlug).toBe(true)
      expect(w.criteria.length).toBeGreaterThan(10)
    }
    for (const [generalist, district] of [
      [demoKeySlugs.bradfordGeneralist, demoKeyAreas.bradford],
      [demoKeySlugs.cardiffGeneralist, demoKeyAreas.cardiff],
    ] as const) {
      const g = bySlug(generalist)
      expect(g.kind).toBe('generalist')
      expect(g.coverage.areas).toContain(district)
      const out = directory.pathways.filter((w) => w.fromSlug === generalist)
      const back = directory.pathways.filter((w) => w.toSlug === generalist)
      expect(out.some((w) => bySlug(w.toSlug).kind === 'specialist' && w.strands.length > 0)).toBe(true)
      expect(back.some((w) => bySlug(w.fromSlug).kind === 'specialist')).toBe(true)
      expect(out.some((w) => w.followUp)).toBe(true)
    }
  })

  it('leaves exactly the listed districts of England and Wales without an active local generalist that counts', () => {
    const districts = hierarchy.map((r) => r.lad_code)
    // Counted as coverage counts on the reference day: active, not expired, with a contact route.
    const counts = (p: RawProvider) =>
      freshnessOf(
        { ...p, lastVerifiedAt: p.lastVerifiedAt ?? null },
        DEMO_REFERENCE_DATE,
        freshnessPolicy(testConfig()),
      ).offered
    const covered = new Set(
      active
        .filter((p) => p.kind === 'generalist' && p.level === 'local' && counts(p))
        .flatMap((p) => p.coverage.areas),
    )
    const withoutGeneralist = districts.filter((code) => !covered.has(code)).sort()
    expect(directory.districtsWithoutLocalGeneralist).toEqual(withoutGeneralist)
    // A real gap list, but small: demo sparsity must never pass for a gap (issue 16).
    expect(withoutGeneralist.length).toBeGreaterThan(5)
    expect(withoutGeneralist.length).toBeLessThan(districts.length / 10)
    // The gaps are in the dense regions, where most districts have a generalist of their own.
    const dense = new Set<string>(DEMO_DENSE_REGIONS)
    const regionOf = new Map(hierarchy.map((r) => [r.lad_code, r.region_code]))
    expect(
      withoutGeneralist.filter(
        (code) => !dense.has(regionOf.get(code) ?? '') && !REAL_GENERALIST_DISTRICTS.has(code),
      ),
    ).toEqual([])
  })

  it('outside the dense regions, a shire county shares one local generalist and no record covers two counties', () => {
    const dense = new Set<string>(DEMO_DENSE_REGIONS)
    const outside = hierarchy.filter((r) => !dense.has(r.region_code))
    const countyOf = new Map(outside.map((r) => [r.lad_code, r.county_code]))
    const generalists = active.filter(
      (p) => p.kind === 'generalist' && p.level === 'local' && p.coverage.areas.some((a) => countyOf.has(a)),
    )
    for (const g of generalists) {
      const counties = new Set(g.coverage.areas.map((a) => countyOf.get(a)))
      if (g.coverage.areas.length > 1) expect(counties.size, g.slug).toBe(1)
      if (g.coverage.areas.length > 1) expect([...counties][0], g.slug).toMatch(/^E10/)
    }
    // Fewer records than districts: the demo stays modest (seeding time in CI).
    expect(generalists.length).toBeLessThan(outside.length * 0.6)
  })

  it('gives every ward-sample district an active local generalist', () => {
    const covered = new Set(
      active.filter((p) => p.kind === 'generalist' && p.level === 'local').flatMap((p) => p.coverage.areas),
    )
    const districts = [...new Set(wards.map((w) => w.properties.LAD13CD))]
    expect(districts.filter((d) => !covered.has(d))).toEqual([])
  })

  it('has the Bradford LGB body from Appendix One at local level, with national LGBT and multi-strand bodies above it', () => {
    const lgb = bySlug(demoKeySlugs.bradfordLgbBody)
    expect(lgb).toMatchObject({
      name: 'Bradford Equity Partnership',
      status: 'active',
      kind: 'specialist',
      level: 'local',
      source: 'source:000',
      coverage: { areas: [demoKeyAreas.bradford] },
    })
    expect(lgb.strands).toContain('sexual-orientation')
    expect(lgb.functions).toContain('training')
    // What acceptance test 1 searches for: training + sexual-orientation, covering Bradford through England.
    const bradfordRow = hierarchy.find((r) => r.lad_code === demoKeyAreas.bradford)
    const bradfordAreas = new Set(Object.values(bradfordRow ?? {}).filter((v) => /^[EW]\d{8}$/.test(v)))
    const matches = active.filter(
      (p) =>
        p.functions.includes('training') &&
        p.strands.includes('sexual-orientation') &&
        p.coverage.areas.some((a) => bradfordAreas.has(a)),
    )
    const levels = new Map(matches.map((p) => [p.slug, p.level]))
    expect(levels.get(demoKeySlugs.bradfordLgbBody)).toBe('local')
    expect(levels.get(demoKeySlugs.nationalLgbtConsortium)).toBe('national')
    expect(levels.get(demoKeySlugs.nationalEqualityPartnership)).toBe('national')
    expect(bySlug(demoKeySlugs.nationalEqualityPartnership).strands.length).toBeGreaterThan(3)
    expect(levels.get(demoKeySlugs.yorkshireEqualityNetwork)).toBe('regional')
    expect(levels.get(demoKeySlugs.westYorkshireEqualityPartnership)).toBe('subregional')
    // The generalist fallback: Bradford's local generalist offers training.
    const fallback = bySlug(demoKeySlugs.bradfordGeneralist)
    expect(fallback).toMatchObject({ status: 'active', kind: 'generalist', level: 'local', strands: [] })
    expect(fallback.functions).toContain('training')
  })

  it('gives records from the source documents no contact details and their document date', () => {
    const fromSources = directory.providers.filter((p) => p.source !== 'demo')
    expect(
      fromSources
        .map((p) => p.source)
        .every((s) => ['source:000', 'source:001', DOMAIN_NOTES_SOURCE].includes(s)),
    ).toBe(true)
    expect(fromSources.filter((p) => p.source === 'source:000').length).toBeGreaterThanOrEqual(21)
    expect(fromSources.filter((p) => p.source === 'source:001').length).toBeGreaterThanOrEqual(10)
    for (const p of fromSources) {
      for (const field of CONTACT_FIELDS) expect(p[field], `${p.slug}.${field}`).toBeUndefined()
      expect(p.qualityMarks).toEqual([])
      expect(p.name).not.toMatch(/example|demo/i)
    }
    expect(bySlug('sunderland-cvs').coverage.areas).toEqual(['E08000024'])
    expect(bySlug(demoKeySlugs.englandNationalGeneralist).coverage.areas).toEqual([demoKeyAreas.england])
    expect(bySlug('uk-workforce-hub').coverage.areas).toEqual([demoKeyAreas.england, demoKeyAreas.wales])
  })

  it('marks the bodies taken from the 2004–2008 source documents historical, and the freshness policy offers none of them (decision 0020)', () => {
    const policy = freshnessPolicy(testConfig())
    const judged = directory.providers.map((p) => ({
      p,
      f: freshnessOf({ ...p, lastVerifiedAt: p.lastVerifiedAt ?? null }, DEMO_REFERENCE_DATE, policy),
    }))
    const fromDocuments = judged.filter(({ p }) => p.source === 'source:000' || p.source === 'source:001')
    expect(fromDocuments.length).toBeGreaterThanOrEqual(31)
    for (const { p, f } of fromDocuments) {
      expect(f.historical, p.slug).toEqual({
        source: p.source,
        year: p.source === 'source:000' ? 2008 : 2004,
      })
      expect(f, p.slug).toMatchObject({ state: 'expired', contactRoute: false, offered: false })
    }
    // Nothing else is historical; the fictional records are all offered on the reference day.
    expect(judged.filter(({ p, f }) => f.historical && !fromDocuments.some((d) => d.p === p))).toEqual([])
    expect(judged.filter(({ p, f }) => p.source === 'demo' && !f.offered).map(({ p }) => p.slug)).toEqual([])
    // Once verified after the document's date, a body is no longer historical.
    const sunderland = bySlug('sunderland-cvs')
    expect(
      freshnessOf({ ...sunderland, lastVerifiedAt: '2026-10-01' }, DEMO_REFERENCE_DATE, policy).historical,
    ).toBeNull()
  })

  it('records the national onward routes for Scotland and Northern Ireland from the domain notes, without contacts', () => {
    const nationWide = directory.providers.filter((p) => p.source === DOMAIN_NOTES_SOURCE)
    expect(nationWide.map((p) => [p.slug, p.level, p.coverage.areas])).toEqual([
      ['scottish-council-for-voluntary-organisations', 'national', [SCOTLAND]],
      ['third-sector-interface-network-scotland', 'national', [SCOTLAND]],
      ['northern-ireland-council-for-voluntary-action', 'national', [NORTHERN_IRELAND]],
    ])
    for (const p of nationWide) {
      for (const field of CONTACT_FIELDS) expect(p[field], `${p.slug}.${field}`).toBeUndefined()
      expect(p.status).toBe('active')
    }
  })

  it('marks fictional records plainly: names, example.org contacts, drama-range phones, recent fixed-date verification', () => {
    const oldest = daysBeforeReference(DEMO_VERIFIED_WINDOW_DAYS)
    const problems: string[] = []
    for (const p of directory.providers.filter((r) => r.source === 'demo')) {
      if (!/^Example .*\(demo\)$/.test(p.name)) problems.push(`${p.slug}: name ${p.name}`)
      if (p.website && !p.website.startsWith('https://example.org/')) problems.push(`${p.slug}: website`)
      if (p.email && !p.email.endsWith('@example.org')) problems.push(`${p.slug}: email`)
      if (p.phone && !/^01632 960\d{3}$/.test(p.phone)) problems.push(`${p.slug}: phone`)
      if (p.annualReportUrl && !p.annualReportUrl.startsWith('https://example.org/'))
        problems.push(`${p.slug}: report`)
      const verified = p.lastVerifiedAt ?? 'never'
      if (!(verified >= oldest && verified <= DEMO_REFERENCE_DATE)) {
        problems.push(`${p.slug}: verified ${p.lastVerifiedAt}`)
      }
      if (p.charityNumber || p.companyNumber) problems.push(`${p.slug}: registration number`)
    }
    expect(problems).toEqual([])
    // Spread over the window rather than bunched on one day.
    const months = new Set(directory.providers.map((p) => p.lastVerifiedAt?.slice(0, 7)))
    expect(months.size).toBeGreaterThanOrEqual(20)
  })

  it('gives Welsh bodies Welsh as a language', () => {
    const welshDistricts = new Set(
      hierarchy.filter((r) => r.nation_code === 'W92000004').map((r) => r.lad_code),
    )
    const isWelshArea = (code: string) =>
      code === 'W92000004' || welshDistricts.has(code) || code.startsWith('W05')
    const welshOnly = directory.providers.filter(
      (p) => p.source === 'demo' && p.coverage.areas.length > 0 && p.coverage.areas.every(isWelshArea),
    )
    expect(welshOnly.length).toBeGreaterThan(20)
    expect(welshOnly.filter((p) => !p.languages.includes('cy')).map((p) => p.slug)).toEqual([])
  })

  it('has valid dates and structured opening hours', () => {
    for (const p of directory.providers) {
      expect(p.lastVerifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(Number.isNaN(Date.parse(p.lastVerifiedAt ?? ''))).toBe(false)
      for (const slot of p.openingHours?.weekly ?? []) {
        expect(slot.opens).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/)
        expect(slot.closes).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/)
        expect(slot.opens < slot.closes, `${p.slug} ${slot.day}`).toBe(true)
      }
    }
  })

  it('names neighbourhood bodies after wards read from the boundary file and puts their offices inside the ward', () => {
    const wardBodies = directory.providers.filter(
      (p) => p.level === 'neighbourhood' && p.coverage.areas.length > 0,
    )
    expect(wardBodies.length).toBeGreaterThan(200)
    const problems: string[] = []
    for (const p of wardBodies) {
      const covered = p.coverage.areas.map((code) => wardByCode.get(code))
      if (covered.some((w) => !w)) {
        problems.push(`${p.slug}: covers a non-ward area`)
        continue
      }
      const wardNames = covered.map((w) => w?.properties.WD13NM ?? '')
      // Development-worker teams are named after their district and list their wards in the description.
      const named = p.name.includes('Neighbourhood Development Workers') ? (p.description ?? '') : p.name
      if (!wardNames.some((n) => named.includes(n))) {
        problems.push(`${p.slug}: name ${p.name} names none of ${wardNames.join(', ')}`)
      }
      if (p.office && covered.length === 1 && covered[0] && !inside(p.office, covered[0].geometry)) {
        problems.push(`${p.slug}: office outside its ward`)
      }
    }
    expect(problems).toEqual([])
  })

  it('leaves some sample wards without a hub or a forum, and gives most of them one', () => {
    const neighbourhood = active.filter((p) => p.level === 'neighbourhood')
    const hubWards = new Set(
      neighbourhood.filter((p) => p.functions.includes('meeting-space')).flatMap((p) => p.coverage.areas),
    )
    const forumWards = new Set(
      neighbourhood.filter((p) => p.functions.includes('networks')).flatMap((p) => p.coverage.areas),
    )
    const codes = [...wardByCode.keys()]
    const noHub = codes.filter((c) => !hubWards.has(c))
    const noForum = codes.filter((c) => !forumWards.has(c))
    expect(noHub.length).toBeGreaterThan(10)
    expect(noForum.length).toBeGreaterThan(10)
    expect(noHub.length).toBeLessThan(codes.length / 2)
    expect(noForum.length).toBeLessThan(codes.length / 2)
  })

  it('has a rural community council for every shire county and a regional network in every English region', () => {
    const counties = new Set(hierarchy.map((r) => r.county_code).filter((c) => c.startsWith('E10')))
    expect(counties.size).toBe(27)
    const rccAreas = new Set(
      active
        .filter(
          (p) =>
            p.level === 'subregional' &&
            p.strands.includes('rural') &&
            p.name.includes('Rural Community Council'),
        )
        .flatMap((p) => p.coverage.areas),
    )
    expect([...counties].filter((c) => !rccAreas.has(c))).toEqual([])
    const regions = new Set(hierarchy.map((r) => r.region_code).filter((c) => c.startsWith('E12')))
    const regionalGeneralists = new Set(
      active
        .filter((p) => p.level === 'regional' && p.kind === 'generalist')
        .flatMap((p) => p.coverage.areas),
    )
    expect([...regions].filter((r) => !regionalGeneralists.has(r))).toEqual([])
  })

  it('places district-based offices near their district, within England and Wales', () => {
    for (const p of directory.providers) {
      if (!p.office) continue
      expect(p.office.lng, p.slug).toBeGreaterThan(-6.5)
      expect(p.office.lng, p.slug).toBeLessThan(1.8)
      expect(p.office.lat, p.slug).toBeGreaterThan(49.8)
      expect(p.office.lat, p.slug).toBeLessThan(55.9)
    }
  })
})
