/** The single HTTP client for the Support Atlas API: every feature's fetchers go through `api`. */

/** The server's one error shape: `{ "error": { "name", "message", "details"? } }`. */
export interface ApiErrorBody {
  error: { name: string; message: string; details?: unknown }
}

/** A failed API call. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly errorName: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }

  /** True for answers about the request itself (bad input, unknown thing), which retrying cannot fix. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500
  }
}

/** Query-string values; an array repeats its key (`?strand=a&strand=b`), as the search API expects. */
export type QueryParams = Record<string, string | number | boolean | readonly string[] | undefined>

export interface RequestOptions {
  query?: QueryParams
  body?: unknown
  signal?: AbortSignal
  /** Extra request headers, such as X-CSRF-Token on a change made while signed in. */
  headers?: Record<string, string>
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const error = (value as { error: unknown }).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { name?: unknown }).name === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

/** Builds `/api<path>?query`, leaving out undefined parameters and repeating a key per array item. */
export function apiUrl(path: string, query: QueryParams = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const item of value) params.append(key, item)
    else if (value !== undefined) params.set(key, String(value))
  }
  const search = params.toString()
  return `/api${path}${search ? `?${search}` : ''}`
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (err) {
    if (options.signal?.aborted) throw err
    throw new ApiError(0, 'NetworkError', 'The server could not be reached')
  }
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (!response.ok) {
    if (isErrorBody(body)) {
      throw new ApiError(response.status, body.error.name, body.error.message, body.error.details)
    }
    throw new ApiError(response.status, 'HttpError', `${response.status} ${response.statusText}`.trim())
  }
  return body as T
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
}
