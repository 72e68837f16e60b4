import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ProviderDetail, SearchResponse } from '../../../../../server/directory/directory-schemas'
import { ApiError, api } from '../../../lib/api-client'
import { withCsrf } from '../../../lib/session'

export type { ProviderDetail } from '../../../../../server/directory/directory-schemas'

export interface RecordFilters {
  q?: string
  status?: 'active' | 'closed' | 'draft'
  level?: string
  area?: string
  staleOnly?: boolean
  page: number
}

/** One row of the record list, whichever endpoint answered. */
export interface RecordRow {
  id: string
  slug: string
  name: string
  level: string
  status: string
  lastVerifiedAt: string | null
}

export interface RecordPage {
  items: RecordRow[]
  page: number
  perPage: number
  total: number
  /** Only for the stale list: how many months count as stale. */
  months?: number
}

export const RECORDS_PER_PAGE = 25

interface StaleResponse extends RecordPage {
  months: number
}

/**
 * The record list: `GET /api/providers/stale` for "stale only" (editors; optionally by area),
 * else `GET /api/providers` with any status (open, closed or draft) when none is chosen.
 */
export function recordsQueryOptions(filters: RecordFilters) {
  return queryOptions({
    queryKey: ['admin', 'records', filters],
    queryFn: async ({ signal }): Promise<RecordPage> => {
      if (filters.staleOnly) {
        return api.get<StaleResponse>('/providers/stale', {
          query: { area: filters.area || undefined, page: filters.page, perPage: RECORDS_PER_PAGE },
          signal,
        })
      }
      const answer = await api.get<SearchResponse>('/providers', {
        query: {
          q: filters.q || undefined,
          status: filters.status ? [filters.status] : ['active', 'draft', 'closed'],
          level: filters.level ? [filters.level] : undefined,
          area: filters.area || undefined,
          page: filters.page,
          perPage: RECORDS_PER_PAGE,
        },
        signal,
      })
      return { ...answer, items: answer.items }
    },
    placeholderData: keepPreviousData,
  })
}

export const useRecords = (filters: RecordFilters) => useQuery(recordsQueryOptions(filters))

export const recordQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'record', id],
    queryFn: ({ signal }) => api.get<ProviderDetail>(`/providers/${encodeURIComponent(id)}`, { signal }),
    staleTime: 0,
  })

export const useRecord = (id: string | undefined) =>
  useQuery({ ...recordQueryOptions(id ?? ''), enabled: Boolean(id) })

/** A write's answer: the saved record, or (provider accounts) the queued suggestion. */
export type WriteResult = { queued: false; record: ProviderDetail } | { queued: true }

function toResult(answer: ProviderDetail | { queued: true }): WriteResult {
  return 'queued' in answer && answer.queued
    ? { queued: true }
    : { queued: false, record: answer as ProviderDetail }
}

/**
 * `POST /api/providers` (new) or `PATCH /api/providers/{id}` with the version read (If-Match).
 * PATCH keeps what the form does not show (the service area with its drawn polygon, opening
 * hours, office location); a blank optional field is sent as `null`, which clears it.
 */
export function useSaveRecord() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, version, body }: { id?: string; version?: number; body: Record<string, unknown> }) =>
      withCsrf(client, async (headers) => {
        if (!id) return toResult(await api.post<ProviderDetail>('/providers', body, { headers }))
        return toResult(
          await api.patch<ProviderDetail | { queued: true }>(`/providers/${id}`, body, {
            headers: { ...headers, 'If-Match': `"${version}"` },
          }),
        )
      }),
    onSuccess: (result) => {
      if (!result.queued) client.setQueryData(recordQueryOptions(result.record.id).queryKey, result.record)
      void client.invalidateQueries({ queryKey: ['admin', 'records'] })
      void client.invalidateQueries({ queryKey: ['admin', 'audit'] })
    },
  })
}

export type RecordAction = 'close' | 'reopen' | 'verify'

/** `POST /api/providers/{id}/close|reopen|verify` with the version read. */
export function useRecordAction() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, version, action }: { id: string; version: number; action: RecordAction }) =>
      withCsrf(client, (headers) =>
        api.post<ProviderDetail>(`/providers/${id}/${action}`, { version }, { headers }),
      ),
    onSuccess: (record) => {
      client.setQueryData(recordQueryOptions(record.id).queryKey, record)
      void client.invalidateQueries({ queryKey: ['admin', 'records'] })
      void client.invalidateQueries({ queryKey: ['admin', 'audit'] })
    },
  })
}

/** The body of `PUT /api/providers/{id}/coverage`. */
export interface CoverageBody {
  areas: string[]
  polygon: GeoJSON.Polygon | GeoJSON.MultiPolygon | null
  version: number
}

export function useSaveCoverage() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CoverageBody }) =>
      withCsrf(client, async (headers) =>
        toResult(
          await api.put<ProviderDetail | { queued: true }>(`/providers/${id}/coverage`, body, { headers }),
        ),
      ),
    onSuccess: (result, { id }) => {
      if (!result.queued) client.setQueryData(recordQueryOptions(result.record.id).queryKey, result.record)
      void client.invalidateQueries({ queryKey: ['admin', 'coverage', id] })
      void client.invalidateQueries({ queryKey: ['admin', 'audit'] })
    },
  })
}

/** `GET /api/providers/{id}/coverage`: the display union, plus the drawn polygon as stored. */
export interface CoverageFeature {
  properties: { areaCodes: string[]; hasPolygon: boolean; drawnPolygon: GeoJSON.MultiPolygon | null }
  geometry: GeoJSON.MultiPolygon | null
}

export const useCoverage = (id: string) =>
  useQuery({
    queryKey: ['admin', 'coverage', id],
    queryFn: ({ signal }) => api.get<CoverageFeature>(`/providers/${id}/coverage`, { signal }),
  })

/** A 409's current version, when the server says which it is. */
export function conflictVersion(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined
  const details = error.details as
    | { currentVersion?: number }
    | Array<{ currentVersion?: number }>
    | undefined
  if (Array.isArray(details)) return details.find((d) => typeof d.currentVersion === 'number')?.currentVersion
  return typeof details?.currentVersion === 'number' ? details.currentVersion : undefined
}
