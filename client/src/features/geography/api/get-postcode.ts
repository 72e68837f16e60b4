import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { PostcodeResult } from './geo-types'

/** `GET /api/geo/postcodes/{postcode}`: its location and the areas that contain it. */
export const getPostcode = (postcode: string, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<PostcodeResult>(`/geo/postcodes/${encodeURIComponent(postcode)}`, { signal })

export const postcodeQueryOptions = (postcode: string) =>
  queryOptions({
    queryKey: ['geo', 'postcode', postcode],
    queryFn: ({ signal }) => getPostcode(postcode, { signal }),
  })

/** Looks up `postcode` when given; idle otherwise. */
export const usePostcode = (postcode: string | undefined) =>
  useQuery({ ...postcodeQueryOptions(postcode ?? ''), enabled: Boolean(postcode) })
