import type { QueryParams } from '../../../lib/api-client'

/** Where the group is: a postcode, a point (from "use my location"), or an area by GSS code. */
export type SearchPlace =
  | { kind: 'postcode'; postcode: string }
  | { kind: 'point'; lat: number; lng: number }
  | { kind: 'area'; code: string }

/**
 * The whole state of a search, exactly as it lives in the address bar of `/find`, so a search
 * can be shared, bookmarked, and walked with back and forward. Parameter names are the API's.
 */
export interface SearchState {
  functions: string[]
  topics: string[]
  strands: string[]
  levels: string[]
  kinds: string[]
  /** Free words, when the need typed matched no term. */
  q: string | undefined
  place: SearchPlace | undefined
  page: number
  perPage: number
}

export const pageSizes = [10, 20, 50, 100] as const
export const defaultPerPage = 20

export const emptySearch: SearchState = {
  functions: [],
  topics: [],
  strands: [],
  levels: [],
  kinds: [],
  q: undefined,
  place: undefined,
  page: 1,
  perPage: defaultPerPage,
}

/** Upper case with one space before the inward code ("bd11hy" -> "BD1 1HY"): the standard written form. */
export function normalisePostcode(input: string): string {
  const compact = input.replace(/\s+/g, '').toUpperCase()
  return compact.length >= 5 && compact.length <= 7 && /\d[A-Z]{2}$/.test(compact)
    ? `${compact.slice(0, -3)} ${compact.slice(-3)}`
    : compact
}

// The shape of a full postcode; the server applies the exact Royal Mail letter rules and knows which exist.
const postcodeShape = /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/

/** True for something shaped like a full UK postcode. */
export function looksLikePostcode(input: string): boolean {
  return postcodeShape.test(normalisePostcode(input))
}

/** Coordinates kept to 4 decimal places (about 10 m): enough to find the areas, no more. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 10_000) / 10_000
}

const codeList = (params: URLSearchParams, key: string) => [
  ...new Set(
    params
      .getAll(key)
      .map((v) => v.trim())
      .filter((v) => /^[a-z0-9-]{1,60}$/.test(v)),
  ),
]

function wholeNumber(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || !/^\d{1,6}$/.test(raw)) return fallback
  const value = Number(raw)
  return value >= min && value <= max ? value : fallback
}

function coordinate(raw: string | null, limit: number): number | undefined {
  if (raw === null || !/^-?\d{1,3}(\.\d+)?$/.test(raw.trim())) return undefined
  const value = Number(raw)
  return Math.abs(value) <= limit ? value : undefined
}

/**
 * Reads a search from the address bar. Malformed values are dropped rather than refused: a hand-edited
 * link still gives a search, and the API reports anything it cannot answer (an unknown code or postcode).
 */
export function parseSearchState(params: URLSearchParams): SearchState {
  const postcode = normalisePostcode(params.get('postcode') ?? '')
  const lat = coordinate(params.get('lat'), 90)
  const lng = coordinate(params.get('lng'), 180)
  const area = (params.get('area') ?? '').trim().toUpperCase()
  let place: SearchPlace | undefined
  if (postcode) place = { kind: 'postcode', postcode }
  else if (lat !== undefined && lng !== undefined) place = { kind: 'point', lat, lng }
  else if (/^[A-Z]\d{8}$/.test(area)) place = { kind: 'area', code: area }
  const q = (params.get('q') ?? '').trim().slice(0, 200)
  const perPageRaw = wholeNumber(params.get('perPage'), defaultPerPage, 1, 100)
  return {
    functions: codeList(params, 'function'),
    topics: codeList(params, 'topic'),
    strands: codeList(params, 'strand'),
    levels: codeList(params, 'level'),
    kinds: codeList(params, 'kind'),
    q: q || undefined,
    place,
    page: wholeNumber(params.get('page'), 1, 1, 10_000),
    perPage: (pageSizes as readonly number[]).includes(perPageRaw) ? perPageRaw : defaultPerPage,
  }
}

/** The API's query for a search (the same names; defaults left out). */
export function toApiQuery(state: SearchState): QueryParams {
  const place = state.place
  return {
    function: state.functions,
    topic: state.topics,
    strand: state.strands,
    level: state.levels,
    kind: state.kinds,
    q: state.q,
    postcode: place?.kind === 'postcode' ? place.postcode : undefined,
    lat: place?.kind === 'point' ? String(place.lat) : undefined,
    lng: place?.kind === 'point' ? String(place.lng) : undefined,
    area: place?.kind === 'area' ? place.code : undefined,
    page: state.page,
    perPage: state.perPage,
  }
}

/** The address-bar form of a search: a stable order, defaults left out (page 1, 20 per page). */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams()
  for (const code of state.functions) params.append('function', code)
  for (const code of state.topics) params.append('topic', code)
  if (state.q) params.set('q', state.q)
  const place = state.place
  if (place?.kind === 'postcode') params.set('postcode', place.postcode)
  if (place?.kind === 'point') {
    params.set('lat', String(place.lat))
    params.set('lng', String(place.lng))
  }
  if (place?.kind === 'area') params.set('area', place.code)
  for (const code of state.strands) params.append('strand', code)
  for (const code of state.levels) params.append('level', code)
  for (const code of state.kinds) params.append('kind', code)
  if (state.perPage !== defaultPerPage) params.set('perPage', String(state.perPage))
  if (state.page !== 1) params.set('page', String(state.page))
  return params
}

/** `/find?…` for a search. */
export function findPath(state: SearchState): string {
  const search = toSearchParams(state).toString()
  return search ? `/find?${search}` : '/find'
}

/** A search changed in some way, back on its first page (a new filter makes the old page meaningless). */
export function withChanges(state: SearchState, changes: Partial<SearchState>): SearchState {
  return { ...state, page: 1, ...changes }
}
