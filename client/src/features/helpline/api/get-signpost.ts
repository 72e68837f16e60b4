import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { SignpostResponse } from './signpost-types'

/** One caller's ask: where, what (one function or one topic) and, optionally, for whom, in which language and format. */
export interface SignpostAsk {
  postcode: string
  need: { vocabulary: 'functions' | 'topics'; code: string }
  strands: string[]
  languages: string[]
  formats: string[]
}

/** `GET /api/signpost`: the ranked options for a place and need, grouped by level. */
export const getSignpost = (ask: SignpostAsk, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<SignpostResponse>('/signpost', {
    query: {
      postcode: ask.postcode,
      function: ask.need.vocabulary === 'functions' ? ask.need.code : undefined,
      topic: ask.need.vocabulary === 'topics' ? ask.need.code : undefined,
      strand: ask.strands,
      language: ask.languages,
      format: ask.formats,
    },
    signal,
  })

export const signpostQueryOptions = (ask: SignpostAsk) =>
  queryOptions({
    queryKey: [
      'signpost',
      ask.postcode,
      ask.need.vocabulary,
      ask.need.code,
      [...ask.strands].sort(),
      [...ask.languages].sort(),
      [...ask.formats].sort(),
    ],
    queryFn: ({ signal }) => getSignpost(ask, { signal }),
    staleTime: 60_000,
    // A caller's postcode or need is wrong more often than the network: do not retry 4xx.
    retry: (count, error) => count < 2 && !(error as { isClientError?: boolean }).isClientError,
  })

/** The options for `ask`; idle until there is one. The previous answer stays while strands change. */
export const useSignpost = (ask: SignpostAsk | undefined) =>
  useQuery({
    ...signpostQueryOptions(
      ask ?? {
        postcode: '',
        need: { vocabulary: 'functions', code: '' },
        strands: [],
        languages: [],
        formats: [],
      },
    ),
    enabled: ask !== undefined,
    placeholderData: keepPreviousData,
  })
