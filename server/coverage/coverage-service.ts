import type { Knex } from 'knex'
import { recordAudit } from '../audit/audit-trail'
import { AREA_POPULATION_DENOMINATOR } from '../deprivation/denominators'
import { createDeprivationService } from '../deprivation/deprivation-service'
import { DEFAULT_DIRECTORY_NATIONS } from '../directory/directory-scope'
import type { EnquiryService } from '../enquiries/enquiry-service'
import { resolveArea } from '../geo/place-resolver'
import { ConflictError, HttpError, NotFoundError, ValidationError } from '../lib/errors'
import { DISPLAY_PRECISION, geometryFromWkb, type MultiPolygonGeometry } from '../lib/geometry'
import {
  advanceCoverageFreshness,
  COVERAGE_CODES,
  rebuildCoverageCells,
  refreshCoverageCells,
} from '../providers/coverage-cells-queries'
import { type FreshnessPolicy, londonDate } from '../providers/freshness'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import {
  type BaselineRow,
  type BaselineWrite,
  baselineAppliesIn,
  deleteBaseline,
  findBaseline,
  findBaselineByKey,
  insertBaseline,
  listBaselines,
  updateBaseline,
} from './coverage-baseline-queries'
import { type CoverageFeatureCollection, toCsv, toFeatureCollection } from './coverage-export'
import { selectLeftOut } from './coverage-freshness-queries'
import {
  ANY_FACET,
  buildCell,
  byLevelOf,
  cellKey,
  cellKeyOfRow,
  checkBaseline,
  column,
  depthOf,
  type Facet,
  groupsFor,
  inGroup,
  levelIndex,
  offersFacet,
  ruleFacet,
  rulesByColumn,
  total,
} from './coverage-model'
import {
  type AreaRow,
  type CellRow,
  type CoveringProviderRow,
  coverageState,
  findArea,
  findProviderForImpact,
  readWithoutJit,
  selectAreaCells,
  selectCells,
  selectCoverageAreas,
  selectCoveringProviders,
  selectImpactCells,
  selectNationOf,
  selectRelatedAreas,
  userEmail,
} from './coverage-queries'
import {
  type AreaProfile,
  type AreaRef,
  areaLevelOf,
  type Baseline,
  type BaselineInput,
  type BaselinePatch,
  type BaselineResult,
  COVERAGE_LEVELS,
  type CoverageLevel,
  type CoverageQuery,
  type CoverageResponse,
  type CoveringProvider,
  type DuplicationItem,
  type DuplicationQuery,
  GROUP_ANY,
  GROUP_GENERALIST,
  type ImpactQuery,
  type PublishedCount,
  strandHelped,
} from './coverage-schemas'
import { type DuplicationRow, selectDuplication } from './duplication-queries'
import type { DuplicationResponse } from './duplication-schemas'

export interface CoverageOptions {
  /** A drawn polygon covers an area when it holds at least this fraction of it. */
  minShare: number
  /** Duplication: at least this many providers of one level and function in one group (decision 0005). */
  duplicationMinProviders: number
  /** The largest coverage answer (areas × columns) one request may ask for. */
  maxCells: number
  /**
   * DIRECTORY_NATIONS: areas in other nations are "not in the directory", not gaps: no baseline
   * is judged there (docs/decisions/0012). Default England and Wales.
   */
  directoryNations?: readonly string[]
  /**
   * The freshness policy (docs/decisions/0020): expired and contactless records are not counted,
   * judged on the London day of `now` (tests fix the clock). Without it every active record counts.
   */
  freshness?: { policy: FreshnessPolicy; now?: () => Date }
}

export interface CoverageServiceDeps {
  knex: Knex
  taxonomy: TaxonomyService
  /** Unmet need comes from the enquiry summary, with its small-number suppression. */
  enquiries: Pick<EnquiryService, 'summary'>
  options: CoverageOptions
}

export interface Actor {
  userId: string
  requestId?: string
}

const AUDIT_ENTITY = 'coverage-baseline'

export function toBaseline(row: BaselineRow): Baseline {
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    labelCy: row.label_cy,
    level: row.area_level,
    function: row.function_code,
    topic: row.topic_code,
    group: row.group_kind === 'strand' ? (row.strand_code as string) : row.group_kind,
    minCount: row.min_count,
    acceptableDepth: row.acceptable_depth,
    source: row.source,
    scope: row.scope,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

function toBaselineWrite(input: BaselineInput): BaselineWrite {
  const generic = input.group === GROUP_ANY || input.group === GROUP_GENERALIST
  return {
    key: input.key,
    label: input.label,
    label_cy: input.labelCy,
    area_level: input.level,
    function_code: input.function,
    topic_code: input.topic,
    group_kind: generic ? (input.group as 'any' | 'generalist') : 'strand',
    strand_code: generic ? null : input.group,
    min_count: input.minCount,
    acceptable_depth: input.acceptableDepth,
    source: input.source,
    scope: input.scope,
  }
}

function areaRef(row: Pick<AreaRow, 'code' | 'name' | 'name_cy' | 'level' | 'type'>): AreaRef {
  return { code: row.code, name: row.name, nameCy: row.name_cy, level: row.level, type: row.type }
}

function duplicationItem(row: DuplicationRow): DuplicationItem {
  return {
    function: row.function_code,
    strand: row.group_code,
    strandDetail: row.strand_detail,
    level: row.level as CoverageLevel,
    count: row.n,
    providers: row.providers,
  }
}

function coveringProvider(row: CoveringProviderRow): CoveringProvider {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    level: row.level,
    status: row.status,
    functions: row.functions,
    topics: row.topics,
    strands: row.strands,
    via:
      row.via_code === null
        ? null
        : {
            code: row.via_code,
            name: row.via_name as string,
            nameCy: row.via_name_cy,
            level: row.via_level as string,
            type: row.via_type as string,
          },
    share: Math.round(row.share * 1000) / 1000,
  }
}

/** Words for the English reason sentence. */
function describe(taxonomy: Taxonomy) {
  const label = (list: Array<{ code: string; label: string }>, code: string) =>
    list.find((t) => t.code === code)?.label ?? code
  const level = (code: string) => label(taxonomy.levels, code).toLowerCase()
  return {
    level,
    who(rule: Pick<Baseline, 'group' | 'function' | 'topic'>, plural: boolean) {
      const noun = plural ? 'providers' : 'provider'
      const group =
        rule.group === GROUP_ANY
          ? noun
          : rule.group === GROUP_GENERALIST
            ? `generalist ${noun}`
            : `${noun} working with ${label(taxonomy.strands, rule.group).split(' (')[0]}`
      const facet = rule.function
        ? ` offering ${label(taxonomy.functions, rule.function).toLowerCase()}`
        : rule.topic
          ? ` helping with ${label(taxonomy.topics, rule.topic).toLowerCase()}`
          : ''
      return `${group}${facet}`
    },
  }
}

export function createCoverageService({ knex, taxonomy, enquiries, options }: CoverageServiceDeps) {
  const minSharePercent = Math.round(options.minShare * 100)
  const directoryNations = options.directoryNations ?? DEFAULT_DIRECTORY_NATIONS
  const deprivationOf = createDeprivationService(knex)
  const inDirectory = (nationCode: string | null) =>
    nationCode === null || directoryNations.includes(nationCode)

  /**
   * Before any read: rebuild everything if the cells were built with another minimum share (a
   * changed setting, or another process configured differently), else fold in whatever the
   * directory changed since the last refresh.
   */
  async function ensureCurrent(): Promise<void> {
    const state = await coverageState(knex)
    if (state.minShare === undefined || Math.abs(state.minShare - options.minShare) > 1e-6) {
      await knex.transaction((trx) => rebuildCoverageCells(trx, options.minShare))
    } else if (state.dirty) {
      await knex.transaction((trx) => refreshCoverageCells(trx))
    }
    // The policy's day moves on by itself: whoever expired since the last read drops out now.
    const fresh = options.freshness
    if (fresh) {
      const today = londonDate((fresh.now ?? (() => new Date()))())
      if (state.countedOn !== today || state.expiredMonths !== fresh.policy.expiredMonths)
        await knex.transaction((trx) => advanceCoverageFreshness(trx, today, fresh.policy.expiredMonths))
    }
  }

  /** `within` must contain areas at `level`: the same level (itself) or a higher one. */
  async function resolveWithin(within: string | null, level: CoverageLevel): Promise<AreaRef | null> {
    if (within === null) return null
    const area = (await resolveArea(knex, within))?.areas.find((a) => a.code === within)
    if (!area) {
      throw new ValidationError(`Invalid query: within: no area with code ${within}`, [
        { field: 'within', message: `no area with code ${within}` },
      ])
    }
    if (levelIndex(area.level) < levelIndex(level)) {
      const allowed = COVERAGE_LEVELS.filter((l) => levelIndex(l) <= levelIndex(area.level))
      const message = `${area.code} (${area.name}) is a ${area.level} area, so it holds no ${level} areas; allowed levels: ${allowed.join(', ')}`
      throw new ValidationError(`Invalid query: level: ${message}`, [{ field: 'level', message }])
    }
    return area
  }

  async function unmetNeedByArea(
    q: {
      level: CoverageLevel
      within: string | null
      functions: string[]
      topics: string[]
      strands: string[]
    },
    exact: boolean,
  ): Promise<Map<string, PublishedCount> | null> {
    // Enquiries are recorded by district (decision 0010): nothing to say about a ward or hexagon.
    if (q.level === 'neighbourhood') return null
    // Enquiries name the caller's strand: a help:<strand> column is about that strand's groups.
    const strands = [
      ...new Set(
        q.strands.filter((s) => s !== GROUP_ANY && s !== GROUP_GENERALIST).map((s) => strandHelped(s) ?? s),
      ),
    ]
    const summary = await enquiries.summary(
      {
        level: q.level,
        within: q.within ?? undefined,
        function: q.functions.length > 0 ? q.functions : undefined,
        topic: q.topics.length > 0 ? q.topics : undefined,
        strand: strands.length > 0 ? strands : undefined,
        outcome: 'no-suitable-provider',
      },
      exact,
    )
    return new Map(summary.areas.map((a) => [a.code, a.byOutcome['no-suitable-provider']]))
  }

  async function coverage(
    q: CoverageQuery,
    exact: boolean,
    withGeometry = false,
  ): Promise<{ response: CoverageResponse; geometries: Map<string, string> }> {
    const tax = await taxonomy.getTaxonomy()
    // Hexagons are neighbourhood areas: the neighbourhood baselines and enquiry level apply to them.
    const areaLevel = areaLevelOf(q.level)
    const within = await resolveWithin(q.within, areaLevel)
    await ensureCurrent()
    const facets: Facet[] = [
      ...q.functions.map((code) => ({ kind: 'function' as const, code })),
      ...q.topics.map((code) => ({ kind: 'topic' as const, code })),
    ]
    if (facets.length === 0) facets.push(ANY_FACET)
    const groups = groupsFor(
      q.strands,
      tax.strands.map((s) => s.code),
    )
    const columns = facets.flatMap((facet) =>
      groups.map((group) => ({ facet, group, col: column(facet, group) })),
    )

    const areas = await selectCoverageAreas(knex, q.level, q.within, withGeometry)
    const cells = areas.length * columns.length
    if (cells > options.maxCells) {
      const message = `${cells} cells asked for (${areas.length} areas × ${columns.length} columns); at most ${options.maxCells}: choose a smaller area of interest or fewer functions, topics or strands`
      throw new ValidationError(`Invalid query: ${message}`, [{ field: 'query', message }])
    }
    const rows = await readWithoutJit(knex, (trx) =>
      selectCells(trx, { level: q.level, within: q.within, facets, groups }),
    )
    const byKey = new Map(rows.map((row) => [cellKeyOfRow(row), row]))
    // A rule is judged only in the nations its scope names (the Welsh-language rule in Wales).
    const baselineRows = await listBaselines(knex, areaLevel)
    const rulesIn = (nation: string | null) =>
      rulesByColumn(baselineRows.filter((r) => baselineAppliesIn(r.scope, nation)).map(toBaseline), areaLevel)
    const rulesByNation = new Map(areas.map((a) => [a.nation_code, rulesIn(a.nation_code)]))
    const unmet = await unmetNeedByArea({ ...q, level: areaLevel, strands: q.strands }, exact)
    // Need beside supply: IMD 2019 per area, England only (docs/decisions/0017).
    const deprivation = await deprivationOf.forAreas(
      areas.map((a) => ({
        code: a.code,
        nationCode: a.nation_code,
        level: q.level === 'hex' ? 'hex' : a.level,
      })),
    )
    // The freshness policy: how many records these areas and columns would count but do not.
    const leftOut = options.freshness ? await selectLeftOut(knex, q) : null

    const response: CoverageResponse = {
      level: q.level,
      within,
      minSharePercent,
      suppressed: !exact,
      ...(leftOut ? { leftOut } : {}),
      columns: columns.map((c) => c.col),
      perCapitaDenominator: AREA_POPULATION_DENOMINATOR,
      areas: areas.map((area) => {
        const listed = inDirectory(area.nation_code)
        return {
          code: area.code,
          name: area.name,
          nameCy: area.name_cy,
          population: area.population,
          populationEstimated: area.type === 'hex',
          inDirectory: listed,
          unmetNeed: unmet ? (unmet.get(area.code) ?? 0) : null,
          deprivation: deprivation.get(area.code) ?? { figures: null, unavailable: 'not-loaded' },
          cells: columns.map(({ facet, group, col }) =>
            buildCell(
              col,
              byKey.get(cellKey(area.code, facet, group)),
              area.population,
              // Outside the directory's nations a missing provider is not a gap: judge no baseline.
              listed ? rulesByNation.get(area.nation_code)?.get(col.key) : undefined,
            ),
          ),
        }
      }),
    }
    const geometries = new Map(
      areas.filter((a) => a.geometry !== undefined).map((a) => [a.code, a.geometry as string]),
    )
    return { response, geometries }
  }

  async function profile(code: string, exact: boolean): Promise<AreaProfile> {
    const area = await findArea(knex, code)
    if (!area) throw new NotFoundError(`No area with code ${code}`)
    await ensureCurrent()
    const tax = await taxonomy.getTaxonomy()
    const words = describe(tax)
    const related = await selectRelatedAreas(knex, code)
    const covering = (await selectCoveringProviders(knex, code)).map((row) => ({
      row,
      provider: coveringProvider(row),
    }))
    const cells = new Map((await selectAreaCells(knex, code)).map((row) => [cellKeyOfRow(row), row]))
    const cellOf = (facet: Facet, group: string): CellRow | undefined =>
      cells.get(cellKey(code, facet, group))
    // Outside the directory's nations no baseline is judged: not in the directory is not a gap.
    const nation = (await selectNationOf(knex, code)) ?? null
    const listed = inDirectory(nation)
    const rules = listed
      ? (await listBaselines(knex, area.level))
          .filter((r) => baselineAppliesIn(r.scope, nation))
          .map(toBaseline)
      : []
    const active = covering.filter((c) => c.row.status === COVERAGE_CODES.activeStatus)
    const strandCodes = tax.strands.map((s) => s.code)
    const groups = [...strandCodes, GROUP_GENERALIST]
    const matches = (p: CoveringProvider, facet: Facet, group: string) =>
      offersFacet(p, facet) && inGroup(p, group, COVERAGE_CODES.generalistKind)

    const baselines: BaselineResult[] = rules.map((rule) => {
      const facet = ruleFacet(rule)
      const byLevel = byLevelOf(cellOf(facet, rule.group))
      const check = checkBaseline(rule, byLevel)
      const depth = depthOf(byLevel)
      const withinDepth = (p: CoveringProvider) => levelIndex(p.level) <= levelIndex(rule.acceptableDepth)
      const nearest =
        check.status === 'fail' && depth !== null
          ? active
              .filter(
                (c) => c.row.counted && c.provider.level === depth && matches(c.provider, facet, rule.group),
              )
              .map((c) => c.provider)
          : []
      const inactive = covering
        .filter(
          (c) =>
            c.row.status !== COVERAGE_CODES.activeStatus &&
            c.row.counted &&
            withinDepth(c.provider) &&
            matches(c.provider, facet, rule.group),
        )
        .map((c) => c.provider)
      const partial = active
        .filter((c) => !c.row.counted && withinDepth(c.provider) && matches(c.provider, facet, rule.group))
        .map((c) => c.provider)
      const needed = `${rule.minCount} needed`
      const at = `at ${words.level(rule.acceptableDepth)} level or closer`
      let reason: string
      if (check.status === 'pass') {
        reason = `${check.counted} ${words.who(rule, check.counted !== 1)} ${at} (${needed})`
      } else {
        const found = check.counted === 0 ? 'No' : `Only ${check.counted}`
        reason = `${found} ${words.who(rule, check.counted > 1)} ${at} ${check.counted > 1 ? 'cover' : 'covers'} this area (${needed})`
        reason +=
          depth === null
            ? '; nothing reaches it at any level'
            : levelIndex(depth) > levelIndex(rule.acceptableDepth)
              ? `; the nearest is at ${words.level(depth)} level: ${nearest.map((p) => p.name).join(', ')}`
              : ''
        if (inactive.length > 0) {
          reason += `; not counted because not active: ${inactive.map((p) => `${p.name} (${p.status})`).join(', ')}`
        }
        if (partial.length > 0) {
          reason += `; covering less than ${minSharePercent}% of it: ${partial
            .map((p) => `${p.name} (${Math.round(p.share * 100)}%)`)
            .join(', ')}`
        }
      }
      return {
        ...rule,
        status: check.status,
        counted: check.counted,
        depth,
        reason,
        nearest,
        inactive,
        partial,
      }
    })

    const strands = [...strandCodes, GROUP_GENERALIST].map((strand) => {
      const byLevel = byLevelOf(cellOf(ANY_FACET, strand))
      return { strand, count: total(byLevel), depth: depthOf(byLevel), byLevel }
    })

    // The same rule and SQL as GET /api/coverage/duplication, for this one area.
    const duplication = (
      await readWithoutJit(knex, (trx) =>
        selectDuplication(trx, {
          areas: { code },
          functions: [],
          groups: [],
          minProviders: options.duplicationMinProviders,
          limit: null,
        }),
      )
    ).map(duplicationItem)
    const functions = tax.functions.map((f) => f.code)

    // Enquiries are recorded by district (decision 0010): a ward's profile has no unmet-need figures.
    const own =
      area.level === 'neighbourhood'
        ? null
        : (
            await enquiries.summary(
              { level: area.level as Exclude<CoverageLevel, 'neighbourhood'>, within: code },
              exact,
            )
          ).areas.find((a) => a.code === code)

    return {
      area: {
        ...areaRef(area),
        population: area.population,
        parents: related.filter((r) => r.relation === 'parent').map(areaRef),
        children: related.filter((r) => r.relation === 'child').map(areaRef),
      },
      inDirectory: listed,
      minSharePercent,
      levels: COVERAGE_LEVELS.map((level) => ({
        level,
        providers: active.filter((c) => c.row.counted && c.provider.level === level).map((c) => c.provider),
      })),
      partial: active.filter((c) => !c.row.counted).map((c) => c.provider),
      baselines,
      strands,
      noSpecialistReach: strands
        .filter((s) => s.strand !== GROUP_GENERALIST && s.depth === null)
        .map((s) => s.strand),
      duplication,
      unmetNeed:
        own === null
          ? null
          : own
            ? { total: own.total, byOutcome: own.byOutcome }
            : { total: 0, byOutcome: { referred: 0, 'advice-only': 0, 'no-suitable-provider': 0 } },
      suppressed: !exact,
      matrix: {
        functions,
        groups,
        cells: functions.map((fn) =>
          groups.map((group) => {
            const byLevel = byLevelOf(cellOf({ kind: 'function', code: fn }, group))
            return { count: total(byLevel), depth: depthOf(byLevel) }
          }),
        ),
      },
    }
  }

  async function audited<T>(
    actor: Actor,
    work: (trx: Knex.Transaction, label: string) => Promise<T>,
  ): Promise<T> {
    return knex.transaction(async (trx) => {
      const label = (await userEmail(trx, actor.userId)) ?? actor.userId
      return work(trx, label)
    })
  }

  function checkedWrite(input: BaselineInput): BaselineWrite {
    if (input.function && input.topic) {
      throw new ValidationError(
        'Invalid body: topic: give a function or a topic, not both (neither: any support)',
        [{ field: 'topic', message: 'give a function or a topic, not both (neither: any support)' }],
      )
    }
    return toBaselineWrite(input)
  }

  return {
    ensureCurrent,

    async coverage(q: CoverageQuery, exact: boolean): Promise<CoverageResponse> {
      return (await coverage(q, exact)).response
    },

    async coverageGeoJson(q: CoverageQuery, exact: boolean): Promise<CoverageFeatureCollection> {
      const { response, geometries } = await coverage(q, exact, true)
      return toFeatureCollection(response, (code) => {
        const wkb = geometries.get(code)
        if (!wkb) throw new Error(`no geometry for ${code}`)
        return geometryFromWkb(wkb, DISPLAY_PRECISION) as MultiPolygonGeometry
      })
    },

    async coverageCsv(q: CoverageQuery, exact: boolean): Promise<string> {
      return toCsv((await coverage(q, exact)).response)
    },

    profile,

    async duplication(q: DuplicationQuery): Promise<DuplicationResponse> {
      const within = await resolveWithin(q.within, q.level)
      await ensureCurrent()
      const rows = await readWithoutJit(knex, (trx) =>
        selectDuplication(trx, {
          areas: { level: q.level, within: q.within },
          functions: q.functions,
          groups: q.strands,
          minProviders: q.minProviders,
          limit: q.limit,
        }),
      )
      return {
        level: q.level,
        within,
        minProviders: q.minProviders,
        total: rows[0]?.total ?? 0,
        items: rows.map((r) => ({
          area: { code: r.area_code, name: r.area_name, nameCy: r.area_name_cy },
          ...duplicationItem(r),
        })),
      }
    },

    /** What would lose all coverage, or its local depth, if the provider closed. */
    async impact(q: ImpactQuery) {
      const provider = await findProviderForImpact(knex, q.byId ? { id: q.provider } : { slug: q.provider })
      if (!provider) throw new NotFoundError(`No provider with id or slug "${q.provider}"`)
      await ensureCurrent()
      const rows = await readWithoutJit(knex, (trx) => selectImpactCells(trx, provider.id, q.levels))
      const local = (depth: CoverageLevel | null) =>
        depth !== null && levelIndex(depth) <= levelIndex('local')
      const lostCoverage = []
      const lostLocalDepth = []
      const areas = new Set<string>()
      for (const row of rows) {
        areas.add(row.area_code)
        const before = byLevelOf(row)
        const after = { ...before, [provider.level]: before[provider.level as CoverageLevel] - 1 }
        const item = {
          area: {
            code: row.area_code,
            name: row.area_name,
            nameCy: row.area_name_cy,
            level: row.area_level,
            type: row.area_type,
          },
          function: row.facet_kind === 'function' ? row.facet_code : null,
          topic: row.facet_kind === 'topic' ? row.facet_code : null,
          strand: row.group_code,
          countBefore: total(before),
          depthBefore: depthOf(before),
          depthAfter: depthOf(after),
        }
        if (total(after) === 0) lostCoverage.push(item)
        else if (local(item.depthBefore) && !local(item.depthAfter)) lostLocalDepth.push(item)
      }
      return {
        provider: {
          id: provider.id,
          slug: provider.slug,
          name: provider.name,
          kind: provider.kind,
          level: provider.level,
          status: provider.status,
        },
        /** Only an active provider counts, so only its closure changes anything. */
        counted: provider.status === COVERAGE_CODES.activeStatus,
        areasCovered: areas.size,
        lostCoverage,
        lostLocalDepth,
      }
    },

    // ---------- baselines ----------

    async listBaselines(): Promise<Baseline[]> {
      return (await listBaselines(knex)).map(toBaseline)
    },

    async getBaseline(id: string): Promise<Baseline> {
      const row = await findBaseline(knex, id)
      if (!row) throw new NotFoundError(`No baseline with id ${id}`)
      return toBaseline(row)
    },

    async createBaseline(input: BaselineInput, actor: Actor): Promise<Baseline> {
      const write = checkedWrite(input)
      return audited(actor, async (trx, label) => {
        if (await findBaselineByKey(trx, input.key)) {
          throw new ConflictError(`A baseline with key "${input.key}" already exists`)
        }
        const saved = toBaseline(await insertBaseline(trx, write))
        await recordAudit(trx, {
          actor: { userId: actor.userId, label },
          action: 'create',
          entityType: AUDIT_ENTITY,
          entityId: saved.id,
          before: null,
          after: { ...saved },
          requestId: actor.requestId,
        })
        return saved
      })
    },

    async updateBaseline(id: string, patch: BaselinePatch, actor: Actor): Promise<Baseline> {
      return audited(actor, async (trx, label) => {
        const row = await findBaseline(trx, id)
        if (!row) throw new NotFoundError(`No baseline with id ${id}`)
        const before = toBaseline(row)
        if (patch.version !== before.version) {
          throw new ConflictError(
            `The baseline changed since version ${patch.version} was read (now version ${before.version}); reload and try again`,
            { currentVersion: before.version },
          )
        }
        const { version: _version, ...changes } = patch
        const merged: BaselineInput = {
          key: before.key,
          label: before.label,
          labelCy: before.labelCy,
          level: before.level,
          function: before.function,
          topic: before.topic,
          group: before.group,
          minCount: before.minCount,
          acceptableDepth: before.acceptableDepth,
          source: before.source,
          scope: before.scope,
          ...changes,
        }
        if (merged.key !== before.key && (await findBaselineByKey(trx, merged.key))) {
          throw new ConflictError(`A baseline with key "${merged.key}" already exists`)
        }
        const saved = await updateBaseline(trx, id, before.version, checkedWrite(merged))
        if (!saved) throw new ConflictError('The baseline changed while saving; reload and try again')
        const after = toBaseline(saved)
        await recordAudit(trx, {
          actor: { userId: actor.userId, label },
          action: 'update',
          entityType: AUDIT_ENTITY,
          entityId: id,
          before: { ...before },
          after: { ...after },
          requestId: actor.requestId,
        })
        return after
      })
    },

    async deleteBaseline(id: string, actor: Actor): Promise<void> {
      await audited(actor, async (trx, label) => {
        const row = await findBaseline(trx, id)
        if (!row) throw new NotFoundError(`No baseline with id ${id}`)
        if ((await deleteBaseline(trx, id)) !== 1)
          throw new HttpError(500, 'InternalServerError', 'Delete failed')
        await recordAudit(trx, {
          actor: { userId: actor.userId, label },
          action: 'purge',
          entityType: AUDIT_ENTITY,
          entityId: id,
          before: { ...toBaseline(row) },
          after: null,
          requestId: actor.requestId,
        })
      })
    },
  }
}

export type CoverageService = ReturnType<typeof createCoverageService>
