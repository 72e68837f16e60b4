import type { RawProvider } from '../providers/provider-schema'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'

/**
 * Synthetic directories of any size over the loaded geography, for benchmarks. Deterministic for
 * a seed (mulberry32); never touches the demo records (every record has source "generated" and a
 * "generated-" slug). The mix is loosely the sector's shape: mostly local and neighbourhood
 * bodies, a few per cent national ones, a minority of generalists.
 */

/** Generated benchmark records carry this source; a re-seed of the demo leaves them alone. */
export const GENERATED_SOURCE = 'generated'

export interface GeneratorArea {
  code: string
  name: string
  type: string
  level: string
  lng: number
  lat: number
  population: number | null
}

export interface GeneratorOptions {
  seed: number
  /** Date the verification dates count back from (YYYY-MM-DD), so output does not depend on today. */
  referenceDate?: string
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }
  /** Up to `count` distinct items, in their original order. */
  some<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>()
    while (chosen.size < Math.min(count, items.length)) chosen.add(Math.floor(this.next() * items.length))
    return [...chosen].sort((a, b) => a - b).map((i) => items[i] as T)
  }
  weighted<T>(items: readonly T[], cumulative: number[]): T {
    const target = this.next() * (cumulative[cumulative.length - 1] as number)
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cumulative[mid] as number) > target) hi = mid
      else lo = mid + 1
    }
    return items[lo] as T
  }
}

const levelMix: Array<[string, number]> = [
  ['neighbourhood', 0.15],
  ['local', 0.55],
  ['subregional', 0.15],
  ['regional', 0.1],
  ['national', 0.05],
]

const nouns: Record<string, string[]> = {
  neighbourhood: ['Community Association', 'Residents Forum', 'Village Hall', 'Community Hub'],
  local: ['Council for Voluntary Service', 'Voluntary Action', 'Network', 'Development Trust', 'Forum'],
  subregional: ['Partnership', 'Alliance', 'Network', 'Rural Community Council'],
  regional: ['Regional Network', 'Regional Forum', 'Consortium'],
  national: ['National Association', 'Federation', 'Institute', 'Consortium'],
}

const languagesExtra = ['cy', 'ur', 'pa', 'pl', 'bn', 'gu', 'ar', 'so', 'bfi']

function cumulativeOf(weights: number[]): number[] {
  let total = 0
  return weights.map((w) => {
    total += w
    return total
  })
}

function isoDaysBefore(reference: string, days: number): string {
  const d = new Date(`${reference}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - days)
  return d.toISOString().slice(0, 10)
}

/** Yields `count` generated records in batches of `batchSize`. */
export function* generateProviders(
  areas: GeneratorArea[],
  taxonomy: Taxonomy,
  count: number,
  batchSize: number,
  { seed, referenceDate = '2026-11-01' }: GeneratorOptions,
): Generator<RawProvider[]> {
  const random = new Random(mulberry32(seed))
  const byType = (type: string) => areas.filter((a) => a.type === type)
  const wards = byType('ward')
  const districts = byType('lad')
  const subregions = [...byType('county'), ...byType('upper-tier'), ...byType('combined-authority')]
  const regions = byType('region')
  const nations = byType('nation')
  const wales = nations.find((n) => n.code.startsWith('W'))
  if (districts.length === 0 || regions.length === 0 || nations.length === 0) {
    throw new Error(
      'The generator needs the geography loaded (districts, regions and nations); run the seed first',
    )
  }
  // Regional bodies: the English regions, and Wales (which has none) as a nation-wide region.
  const regionalAreas = wales ? [...regions, wales] : regions
  const districtWeights = cumulativeOf(districts.map((d) => Math.sqrt(d.population ?? 100_000)))
  const levelWeights = cumulativeOf(levelMix.map(([, w]) => w))
  const levels = levelMix.map(([l]) => l)
  const functions = taxonomy.functions.map((f) => f.code)
  const topics = taxonomy.topics.map((t) => t.code)
  const strands = taxonomy.strands.map((s) => s.code)
  const formats = taxonomy.formats.map((f) => f.code)
  const languageCodes = new Set(taxonomy.languages.map((l) => l.code))
  const extraLanguages = languagesExtra.filter((l) => languageCodes.has(l))
  const strandLabels = new Map(taxonomy.strands.map((s) => [s.code, s.label.split(' (')[0] as string]))

  let batch: RawProvider[] = []
  for (let n = 1; n <= count; n++) {
    let level = random.weighted(levels, levelWeights)
    if (level === 'neighbourhood' && wards.length === 0) level = 'local'
    let coverageAreas: GeneratorArea[]
    if (level === 'neighbourhood') coverageAreas = random.some(wards, random.chance(0.7) ? 1 : 2)
    else if (level === 'local') coverageAreas = [random.weighted(districts, districtWeights)]
    else if (level === 'subregional')
      coverageAreas = [random.pick(subregions.length > 0 ? subregions : districts)]
    else if (level === 'regional') coverageAreas = [random.pick(regionalAreas)]
    else coverageAreas = random.chance(0.6) ? nations.filter((x) => x.code.startsWith('E')) : nations
    if (coverageAreas.length === 0) coverageAreas = [nations[0] as GeneratorArea]
    const home = coverageAreas[0] as GeneratorArea

    const generalist = random.chance(0.4)
    const providerStrands = generalist
      ? []
      : random.chance(0.1)
        ? random.some(strands, random.int(5, 9))
        : random.some(strands, random.int(1, 3))
    const focus = providerStrands.length === 1 ? `${strandLabels.get(providerStrands[0] as string)} ` : ''
    const noun = random.pick(nouns[level] as string[])
    const name = `Generated ${home.name} ${focus}${noun} ${n}`
    const status = random.chance(0.95) ? 'active' : random.chance(0.6) ? 'draft' : 'closed'

    batch.push({
      slug: `generated-${seed}-${n}`,
      name,
      kind: generalist ? 'generalist' : 'specialist',
      level: level as RawProvider['level'],
      orgType: level === 'neighbourhood' ? 'community-organisation' : 'infrastructure',
      status: status as RawProvider['status'],
      summary: `${generalist ? 'Generic support for any group' : 'Specialist support'} in ${home.name} (generated for benchmarks).`,
      description: `A synthetic ${level} record generated with seed ${seed}; not a real organisation.`,
      cost: { type: random.pick(['free', 'free', 'membership', 'charged', 'mixed'] as const) },
      membershipBased: random.chance(0.3),
      functions: random.some(functions, random.int(1, 4)),
      topics: random.some(topics, random.int(0, 3)),
      strands: providerStrands,
      languages: ['en', ...random.some(extraLanguages, random.chance(0.3) ? random.int(1, 2) : 0)],
      formats: random.some(formats, random.int(0, 2)),
      office: random.chance(0.85)
        ? {
            lng: Math.round((home.lng + (random.next() - 0.5) * 0.1) * 1e5) / 1e5,
            lat: Math.round((home.lat + (random.next() - 0.5) * 0.06) * 1e5) / 1e5,
          }
        : undefined,
      email: `contact-${n}@example.org`,
      qualityMarks: [],
      lastVerifiedAt: isoDaysBefore(referenceDate, random.int(0, 3 * 365)),
      source: GENERATED_SOURCE,
      coverage: { areas: coverageAreas.map((a) => a.code) },
    })
    if (batch.length === batchSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}
