import type { QueryParams } from '../../../lib/api-client'

/** The levels a coverage map can show, in subsidiarity order (ward → region). */
export const mapLevels = ['neighbourhood', 'local', 'subregional', 'regional'] as const
export type MapLevel = (typeof mapLevels)[number]

/** Provider levels, closest first (the depth scale). */
export const providerLevels = ['neighbourhood', 'local', 'subregional', 'regional', 'national'] as const

export const measures = ['depth', 'count', 'funding'] as const
export type Measure = (typeof measures)[number]

/**
 * For a strand: count every provider that would help its groups (generalists, who serve any group,
 * and its specialists: the API's `help:<strand>` group), or only its specialists (the bare code).
 */
export const countings = ['help', 'specialists'] as const
export type Counting = (typeof countings)[number]

/** What /coverage shows, kept in the address bar so a view can be shared and printed again. */
export interface CoverageState {
  level: MapLevel
  /** Area of interest; undefined: the whole UK (Scotland and Northern Ireland marked not in the directory). */
  within?: string
  /** "any", "function:<code>" or "topic:<code>". */
  facet: string
  /** "any", "generalist" or a strand code. */
  group: string
  /** Which providers count for a strand group (ignored for "any" and "generalist"). */
  counting: Counting
  measure: Measure
  /** The area whose profile is open. */
  area?: string
  /** The IMD 2019 deprivation outline on the map (docs/decisions/0017). */
  imd: boolean
}

export const defaultState: CoverageState = {
  level: 'local',
  facet: 'any',
  group: 'generalist',
  counting: 'help',
  measure: 'depth',
  imd: false,
}

/** True when the group is a strand, so the counting choice applies. */
export const isStrandGroup = (group: string) => group !== 'any' && group !== 'generalist'

const GSS = /^[EWSNLK]\d{8}$/
const CODE = /^[a-z][a-z0-9-]*$/

export function fromSearchParams(params: URLSearchParams): CoverageState {
  const level = params.get('level')
  const facet = params.get('facet') ?? ''
  const group = params.get('group') ?? ''
  const measure = params.get('measure')
  const counting = params.get('count')
  const within = params.get('within')?.toUpperCase()
  const area = params.get('area')?.toUpperCase()
  return {
    level: (mapLevels as readonly string[]).includes(level ?? '') ? (level as MapLevel) : defaultState.level,
    within: within && GSS.test(within) ? within : undefined,
    facet: facet === 'any' || /^(function|topic):[a-z][a-z0-9-]*$/.test(facet) ? facet : defaultState.facet,
    group: CODE.test(group) ? group : defaultState.group,
    counting: (countings as readonly string[]).includes(counting ?? '')
      ? (counting as Counting)
      : defaultState.counting,
    measure: (measures as readonly string[]).includes(measure ?? '')
      ? (measure as Measure)
      : defaultState.measure,
    area: area && GSS.test(area) ? area : undefined,
    imd: params.get('imd') === '1',
  }
}

export function toSearchParams(state: CoverageState): URLSearchParams {
  const params = new URLSearchParams()
  params.set('level', state.level)
  if (state.within) params.set('within', state.within)
  params.set('facet', state.facet)
  params.set('group', state.group)
  if (isStrandGroup(state.group)) params.set('count', state.counting)
  params.set('measure', state.measure)
  if (state.area) params.set('area', state.area)
  if (state.imd) params.set('imd', '1')
  return params
}

/** The coverage API query for the map and table (the profile is fetched on its own). */
export function toApiQuery(state: CoverageState): QueryParams {
  const [kind, code] = state.facet.split(':')
  return {
    level: state.level,
    within: state.within,
    function: kind === 'function' ? code : undefined,
    topic: kind === 'topic' ? code : undefined,
    strand: apiGroup(state),
  }
}

/** The API's group for the state: `help:<strand>` when every provider that would help counts. */
export const apiGroup = (state: CoverageState) =>
  isStrandGroup(state.group) && state.counting === 'help' ? `help:${state.group}` : state.group

/** The key of the cell the map and table show: `<facet>|<group>`. */
export const cellKey = (state: CoverageState) => `${state.facet}|${apiGroup(state)}`
