import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import type { AreaFunding, FundingLevelResponse } from '../../../../../server/funding/funding-schemas'
import { api, apiUrl } from '../../../lib/api-client'

export type {
  AreaFunding,
  FundingAreaMeasure,
  FundingLevelResponse,
} from '../../../../../server/funding/funding-schemas'

/** `GET /api/areas/{code}/funding`: grants to the bodies covering an area, total and per head. */
export const getAreaFunding = (code: string, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<AreaFunding>(`/areas/${encodeURIComponent(code)}/funding`, { signal })

export const useAreaFunding = (code: string) =>
  useQuery(
    queryOptions({
      queryKey: ['funding', 'area', code],
      queryFn: ({ signal }) => getAreaFunding(code, { signal }),
    }),
  )

/** `GET /api/funding?level&within`: funding per head for every area of a level. */
export const useLevelFunding = (level: string, within: string | undefined) =>
  useQuery(
    queryOptions({
      queryKey: ['funding', 'level', level, within ?? ''],
      queryFn: ({ signal }) =>
        api.get<FundingLevelResponse>('/funding', { query: { level, within }, signal }),
      placeholderData: keepPreviousData,
    }),
  )

/** The per-area measure as GeoJSON (the map draws it) or a download. */
export const fundingUrl = (level: string, within: string | undefined, format: 'csv' | 'geojson') =>
  apiUrl('/funding', { level, within, format })
