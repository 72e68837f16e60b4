import type { Knex } from 'knex'
import { recordAudit } from '../audit/audit-trail'
import { DEFAULT_DIRECTORY_NATIONS } from '../directory/directory-scope'
import { ValidationError } from '../lib/errors'
import { refreshCoverageCells, withoutJit } from '../providers/coverage-cells-queries'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { baselineAppliesIn, listBaselines } from './coverage-baseline-queries'
import {
  ANY_FACET,
  byLevelOf,
  cellKey,
  cellKeyOfRow,
  checkBaseline,
  column,
  columnKey,
  type Facet,
  facetKey,
  groupsFor,
  levelIndex,
  ruleFacet,
} from './coverage-model'
import {
  areaFilter,
  coverageState,
  findArea,
  selectCells,
  selectCoverageAreas,
  userEmail,
} from './coverage-queries'
import {
  areaLevelOf,
  COVERAGE_AREA_LEVELS,
  COVERAGE_LEVELS,
  type CoverageAreaLevel,
  GROUP_ANY,
  GROUP_GENERALIST,
} from './coverage-schemas'
import type { CoverageService } from './coverage-service'
import { toBaseline } from './coverage-service'
import { compareAreas, compareBaselines, compareProviders, type SideData } from './coverage-snapshot-compare'
import {
  findSnapshot,
  insertSnapshotHeader,
  latestSnapshot,
  latestSnapshotBefore,
  listSnapshots,
  lockSnapshots,
  pruneSnapshots,
  type SnapshotRow,
  type SnapshotSummaryRow,
  selectDepthStrings,
  selectProviderStates,
  selectRelatedCodes,
  selectSnapshotAreas,
  selectSnapshotProviders,
  snapshotCompletedSinceStart,
  writeSnapshotBody,
} from './coverage-snapshot-queries'
import type {
  ChangesQuery,
  ChangesResponse,
  ComparedSide,
  SnapshotBaseline,
  SnapshotRef,
  SnapshotSummary,
} from './coverage-snapshot-schemas'

export interface SnapshotOptions {
  /** SNAPSHOT_RETAIN: the newest this many are kept (0: no count limit). */
  retain: number
  /** SNAPSHOT_RETAIN_DAYS: older ones are dropped (0: no age limit). The newest is always kept. */
  retainDays: number
  /** Only areas in these nations have baselines judged (docs/decisions/0012). */
  directoryNations?: readonly string[]
  /** The largest comparison (areas × columns) one request may ask for (COVERAGE_MAX_CELLS). */
  maxCells: number
}

export interface SnapshotServiceDeps {
  knex: Knex
  taxonomy: TaxonomyService
  /** Folds pending directory edits into the cells before they are read. */
  coverage: Pick<CoverageService, 'ensureCurrent'>
  options: SnapshotOptions
}

export interface SnapshotActor {
  userId: string
  requestId?: string
}

export interface TakeResult {
  snapshot: SnapshotSummary
  /** False when another request's snapshot, finished while this one waited, was returned instead. */
  created: boolean
}

const AUDIT_ENTITY = 'coverage-snapshot'

function summaryOf(row: SnapshotSummaryRow, showTakenBy: boolean): SnapshotSummary {
  return {
    id: row.id,
    takenAt: new Date(row.taken_at).toISOString(),
    trigger: row.trigger,
    takenBy: showTakenBy ? row.taken_by_label : null,
    minSharePercent: Math.round(Number(row.min_share) * 100),
    areaCount: row.area_count,
    providerCount: row.provider_count,
  }
}

/** The columns a snapshot records: any support and each function, for every stored group. */
export function snapshotColumns(taxonomy: Taxonomy): string[] {
  const facets: Facet[] = [
    ANY_FACET,
    ...taxonomy.functions.map((f) => ({ kind: 'function' as const, code: f.code })),
  ]
  const groups = [GROUP_ANY, GROUP_GENERALIST, ...taxonomy.strands.map((s) => s.code)]
  return facets.flatMap((facet) => groups.map((group) => columnKey(facet, group)))
}

function snapshotBaseline(rule: ReturnType<typeof toBaseline>): SnapshotBaseline {
  const { source: _source, createdAt: _created, updatedAt: _updated, ...kept } = rule
  return kept
}

/** The first instant after a day (YYYY-MM-DD, UTC). */
function endOfDay(date: string): Date {
  const end = new Date(`${date}T00:00:00Z`)
  end.setUTCDate(end.getUTCDate() + 1)
  return end
}

/**
 * Folds pending directory edits into the cells (the coverage service's `ensureCurrent` without
 * its settings check: for readers that hold only a knex, such as the area report's section).
 */
export async function refreshCoverageIfDirty(knex: Knex): Promise<void> {
  if ((await coverageState(knex)).dirty) await knex.transaction((trx) => refreshCoverageCells(trx))
}

export function createSnapshotService({ knex, taxonomy, coverage, options }: SnapshotServiceDeps) {
  const nations = options.directoryNations ?? DEFAULT_DIRECTORY_NATIONS
  const inDirectory = (nation: string | null) => nation === null || nations.includes(nation)
  /** One capture at a time in this process; the advisory lock serialises processes. */
  let inFlight: Promise<TakeResult> | null = null

  /**
   * Each baseline's result per area (of `levels`, within `within`): one character per rule, in
   * the rules' order — 'P', 'F', or '-' where the rule is not judged (another level, another
   * nation, outside the directory). Areas where no rule is judged are left out.
   */
  async function baselineResults(
    trx: Knex.Transaction,
    rules: SnapshotBaseline[],
    levels: readonly CoverageAreaLevel[],
    within: string | null,
  ): Promise<Map<string, string>> {
    const results = new Map<string, string>()
    for (const level of levels) {
      const ruleLevel = areaLevelOf(level)
      const applicable = rules.filter((r) => r.level === ruleLevel)
      if (applicable.length === 0) continue
      const facets = [...new Map(applicable.map((r) => [facetKey(ruleFacet(r)), ruleFacet(r)])).values()]
      const groups = [...new Set(applicable.map((r) => r.group))]
      const areas = await selectCoverageAreas(trx, level, within, false)
      const cells = new Map(
        (await selectCells(trx, { level, within, facets, groups })).map((row) => [cellKeyOfRow(row), row]),
      )
      for (const area of areas) {
        const listed = inDirectory(area.nation_code)
        const text = rules
          .map((rule) => {
            if (rule.level !== ruleLevel || !listed || !baselineAppliesIn(rule.scope, area.nation_code))
              return '-'
            const byLevel = byLevelOf(cells.get(cellKey(area.code, ruleFacet(rule), rule.group)))
            return checkBaseline({ ...rule, source: null, createdAt: '', updatedAt: '' }, byLevel).status ===
              'pass'
              ? 'P'
              : 'F'
          })
          .join('')
        if (/[PF]/.test(text)) results.set(area.code, text)
      }
    }
    return results
  }

  async function currentRules(trx: Knex.Transaction): Promise<SnapshotBaseline[]> {
    return (await listBaselines(trx)).map((row) => snapshotBaseline(toBaseline(row)))
  }

  async function capture(
    trigger: 'on-demand' | 'schedule',
    actor: SnapshotActor | null,
    isRecent: (trx: Knex.Transaction) => Promise<SnapshotSummaryRow | undefined>,
  ): Promise<TakeResult> {
    await coverage.ensureCurrent()
    const columns = snapshotColumns(await taxonomy.getTaxonomy())
    return knex.transaction(async (trx) => {
      await lockSnapshots(trx)
      const recent = await isRecent(trx)
      if (recent) return { snapshot: summaryOf(recent, actor !== null), created: false }
      await withoutJit(trx)
      const label = actor ? ((await userEmail(trx, actor.userId)) ?? actor.userId) : null
      const rules = await currentRules(trx)
      const id = await insertSnapshotHeader(trx, {
        trigger,
        taken_by: actor?.userId ?? null,
        taken_by_label: label,
        columns,
        baselines: rules,
      })
      const results = await baselineResults(trx, rules, COVERAGE_AREA_LEVELS, null)
      const row = await writeSnapshotBody(trx, id, columns, results)
      const snapshot = summaryOf(row, true)
      if (actor) {
        await recordAudit(trx, {
          actor: { userId: actor.userId, label: label as string },
          action: 'create',
          entityType: AUDIT_ENTITY,
          entityId: id,
          before: null,
          after: { ...snapshot },
          requestId: actor.requestId,
        })
      }
      await pruneSnapshots(trx, { keep: options.retain, maxAgeDays: options.retainDays })
      return { snapshot, created: true }
    })
  }

  /** Runs one capture at a time in this process; a request arriving meanwhile gets the same one. */
  function single(run: () => Promise<TakeResult>): Promise<TakeResult> {
    if (inFlight) return inFlight.then((r) => ({ ...r, created: false }))
    inFlight = run().finally(() => {
      inFlight = null
    })
    return inFlight
  }

  async function resolveRef(ref: SnapshotRef, field: 'from' | 'to'): Promise<SnapshotRow | null> {
    if (ref.kind === 'now') return null
    if (ref.kind === 'id') {
      const row = await findSnapshot(knex, ref.id)
      if (!row) {
        const message = `no snapshot with id ${ref.id}; GET /api/coverage/snapshots lists them`
        throw new ValidationError(`Invalid query: ${field}: ${message}`, [{ field, message }])
      }
      return row
    }
    const row = await latestSnapshotBefore(knex, endOfDay(ref.date))
    if (!row) {
      const message = `no snapshot was taken on or before ${ref.date}; GET /api/coverage/snapshots lists them`
      throw new ValidationError(`Invalid query: ${field}: ${message}`, [{ field, message }])
    }
    return row
  }

  async function storedSide(row: SnapshotRow, filter: ReturnType<typeof areaFilter>): Promise<SideData> {
    const areas = await selectSnapshotAreas(knex, row.id, filter)
    return {
      columns: row.columns,
      baselines: row.baselines as SnapshotBaseline[],
      areas: new Map(areas.map((a) => [a.area_code, { depths: a.depths, baselines: a.baselines }])),
      providers: await selectSnapshotProviders(knex, row.id),
    }
  }

  /** The live data, read exactly as a capture reads it, for the areas of one comparison. */
  async function liveSide(level: CoverageAreaLevel, within: string | null): Promise<SideData> {
    await coverage.ensureCurrent()
    const columns = snapshotColumns(await taxonomy.getTaxonomy())
    return knex.transaction(async (trx) => {
      await withoutJit(trx)
      const rules = await currentRules(trx)
      const depths = await selectDepthStrings(trx, areaFilter(level, within), columns)
      const results = await baselineResults(trx, rules, [level], within)
      const areas = new Map(depths.map((d) => [d.area_code, { depths: d.depths, baselines: '' }]))
      for (const [code, text] of results) {
        areas.set(code, { depths: areas.get(code)?.depths ?? '', baselines: text })
      }
      return { columns, baselines: rules, areas, providers: await selectProviderStates(trx) }
    })
  }

  async function resolveWithin(within: string | null, level: CoverageAreaLevel) {
    if (within === null) return null
    const area = await findArea(knex, within)
    if (!area) {
      const message = `no area with code ${within}`
      throw new ValidationError(`Invalid query: within: ${message}`, [{ field: 'within', message }])
    }
    if (levelIndex(area.level) < levelIndex(areaLevelOf(level))) {
      const allowed = COVERAGE_LEVELS.filter((l) => levelIndex(l) <= levelIndex(area.level))
      const message = `${area.code} (${area.name}) is a ${area.level} area, so it holds no ${level} areas; allowed levels: ${allowed.join(', ')}`
      throw new ValidationError(`Invalid query: level: ${message}`, [{ field: 'level', message }])
    }
    return { code: area.code, name: area.name, nameCy: area.name_cy, level: area.level, type: area.type }
  }

  async function changes(q: ChangesQuery, showTakenBy: boolean, withGeometry = false) {
    const tax = await taxonomy.getTaxonomy()
    const within = await resolveWithin(q.within, q.level)
    const fromRow = await resolveRef(q.from, 'from')
    const toRow = await resolveRef(q.to, 'to')
    if (fromRow && toRow && new Date(fromRow.taken_at) > new Date(toRow.taken_at)) {
      const message = `the "from" snapshot (${new Date(fromRow.taken_at).toISOString()}) is later than the "to" one (${new Date(toRow.taken_at).toISOString()}): give the earlier date as from`
      throw new ValidationError(`Invalid query: from: ${message}`, [{ field: 'from', message }])
    }
    const facets: Facet[] =
      q.functions.length > 0 ? q.functions.map((code) => ({ kind: 'function' as const, code })) : [ANY_FACET]
    const groups = groupsFor(
      q.strands,
      tax.strands.map((s) => s.code),
    )
    const columns = facets.flatMap((facet) => groups.map((group) => column(facet, group)))
    const areas = await selectCoverageAreas(knex, q.level, q.within, withGeometry)
    if (areas.length * columns.length > options.maxCells) {
      const message = `${areas.length * columns.length} cells asked for (${areas.length} areas × ${columns.length} columns); at most ${options.maxCells}: choose a smaller area of interest or fewer functions or strands`
      throw new ValidationError(`Invalid query: ${message}`, [{ field: 'query', message }])
    }
    const filter = areaFilter(q.level, q.within)
    const before = fromRow ? await storedSide(fromRow, filter) : await liveSide(q.level, q.within)
    const after = toRow ? await storedSide(toRow, filter) : await liveSide(q.level, q.within)
    const related = q.within ? new Set(await selectRelatedCodes(knex, q.within)) : null
    const side = (row: SnapshotRow | null): ComparedSide =>
      row
        ? { ...summaryOf(row, showTakenBy), live: false }
        : { live: true, takenAt: new Date().toISOString() }
    const areaChanges = compareAreas(before, after, areas, columns)
    const baselineChanges = compareBaselines(before, after, areas, areaLevelOf(q.level))
    const providers = compareProviders(before, after, related)
    const response: ChangesResponse = {
      from: side(fromRow),
      to: side(toRow),
      level: q.level,
      within,
      columns,
      summary: {
        areasGained: areaChanges.filter((a) => a.change === 'gained').length,
        areasLost: areaChanges.filter((a) => a.change === 'lost').length,
        areasMixed: areaChanges.filter((a) => a.change === 'mixed').length,
        opened: providers.opened.length,
        closed: providers.closed.length,
        baselinesNowFailing: baselineChanges.filter((b) => b.after === 'fail').length,
        baselinesNowPassing: baselineChanges.filter((b) => b.after === 'pass').length,
      },
      areas: areaChanges,
      baselines: baselineChanges,
      providers,
    }
    const geometries = new Map(
      areas.filter((a) => a.geometry !== undefined).map((a) => [a.code, a.geometry as string]),
    )
    return { response, geometries }
  }

  return {
    /** An on-demand snapshot (POST /api/coverage/snapshots), audited. */
    take(actor: SnapshotActor): Promise<TakeResult> {
      return single(() => capture('on-demand', actor, snapshotCompletedSinceStart))
    },

    /**
     * A scheduled snapshot: taken only when the newest one is at least `intervalHours` old, checked
     * under the lock, so several processes on one database take one between them.
     */
    takeScheduled(intervalHours: number): Promise<TakeResult> {
      return single(() =>
        capture('schedule', null, async (trx) => {
          const latest = await latestSnapshot(trx)
          const due = new Date(Date.now() - intervalHours * 3_600_000)
          return latest && new Date(latest.taken_at) > due ? latest : undefined
        }),
      )
    },

    async list(showTakenBy: boolean): Promise<SnapshotSummary[]> {
      return (await listSnapshots(knex)).map((row) => summaryOf(row, showTakenBy))
    },

    /** The latest snapshot taken on or before `date` (YYYY-MM-DD, to its end, UTC): what `from=<date>` compares. */
    async latestOnOrBefore(date: string): Promise<SnapshotSummary | null> {
      const row = await latestSnapshotBefore(knex, endOfDay(date))
      return row ? summaryOf(row, false) : null
    },

    changes,
  }
}

export type SnapshotService = ReturnType<typeof createSnapshotService>
