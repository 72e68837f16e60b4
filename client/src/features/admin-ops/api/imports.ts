import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, api } from '../../../lib/api-client'
import { withCsrf } from '../../../lib/session'

export const IMPORT_FORMATS = ['csv', 'geojson', 'oruk'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]
export const IMPORT_PHASES = ['parsing', 'validating', 'writing', 'indexing', 'done'] as const
export type ImportPhase = (typeof IMPORT_PHASES)[number]
export type ImportStatus = 'running' | 'valid' | 'invalid' | 'committed' | 'failed'

export interface ImportProblem {
  /** 1-based data row (0: the file as a whole). */
  row: number
  column: string
  message: string
}

/** An import as `POST /api/imports?async=true` and `GET /api/imports/{id}` return it. */
export interface ImportState {
  id: string
  format: ImportFormat
  filename: string | null
  mode: 'dry-run' | 'commit'
  status: ImportStatus
  progress: { phase: ImportPhase; processed: number; total: number }
  totalRows?: number
  creates?: number
  /** Rows matching a record that already holds those values (nothing written for them). */
  unchanged?: number
  updates?: number
  errorCount?: number
  errors?: ImportProblem[]
  warnings?: ImportProblem[]
  rows?: Array<{ row: number; slug: string | null; action: 'create' | 'update' | 'unchanged' | 'invalid' }>
  error?: { name: string; message: string }
}

export interface ImportSummary {
  id: string
  format: ImportFormat
  filename: string | null
  mode: 'dry-run' | 'commit'
  status: ImportStatus
  totalRows: number | null
  creates: number | null
  updates: number | null
  errorCount: number | null
  createdAt: string
}

const contentTypes: Record<ImportFormat, string> = {
  csv: 'text/csv',
  geojson: 'application/geo+json',
  oruk: 'application/vnd.oruk+json',
}

/** The format a file name implies, or undefined when the extension says nothing. */
export function formatFromName(name: string): ImportFormat | undefined {
  const lower = name.toLowerCase()
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.geojson')) return 'geojson'
  if (lower.endsWith('.json')) return 'oruk'
  return undefined
}

export const importKeys = { all: ['admin-ops', 'imports'] as const }

/** `GET /api/imports`: the latest imports, newest first. */
export const useImportHistory = () =>
  useQuery(
    queryOptions({
      queryKey: [...importKeys.all, 'history'],
      queryFn: ({ signal }) => api.get<{ items: ImportSummary[] }>('/imports', { signal }),
      staleTime: 0,
    }),
  )

/** `GET /api/imports/{id}`, polled every half second while the server reports it running. */
export const useImportState = (id: string | null) =>
  useQuery({
    queryKey: [...importKeys.all, 'state', id],
    queryFn: ({ signal }) => api.get<ImportState>(`/imports/${id}`, { signal }),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  })

/**
 * `POST /api/imports?async=true`: the file goes as the request body, the server answers 202 at
 * once with the import's id, and the import goes on there.
 */
export function useStartImport() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({
      text,
      format,
      filename,
      commit,
    }: {
      text: string
      format: ImportFormat
      filename: string
      commit: boolean
    }) =>
      withCsrf(client, async (headers) => {
        const query = new URLSearchParams({ format, commit: String(commit), async: 'true', filename })
        const response = await fetch(`/api/imports?${query}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': contentTypes[format], Accept: 'application/json' },
          body: text,
        })
        return readJson<ImportState>(response)
      }),
    onSuccess: (state) => {
      client.setQueryData([...importKeys.all, 'state', state.id], state)
      void client.invalidateQueries({ queryKey: [...importKeys.all, 'history'] })
    },
  })
}

/** The shared client sends JSON bodies only; a file goes raw, and its answer is read the way the client reads one. */
async function readJson<T>(response: Response): Promise<T> {
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (!response.ok) {
    const error = (body as { error?: { name?: string; message?: string; details?: unknown } } | undefined)
      ?.error
    throw new ApiError(
      response.status,
      error?.name ?? 'HttpError',
      error?.message ?? `${response.status} ${response.statusText}`.trim(),
      error?.details,
    )
  }
  return body as T
}
