import { afterEach, describe, expect, test } from 'vitest'
import { ApiError, api, apiUrl } from './api-client'

const realFetch = globalThis.fetch
afterEach(() => {
  globalThis.fetch = realFetch
})

/** A fetch that answers every request with one canned response (a small fake, not a mock library). */
function answer(status: number, body: string, statusText = '') {
  const calls: string[] = []
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    calls.push(String(input))
    return new Response(body, { status, statusText, headers: { 'content-type': 'application/json' } })
  }) as typeof fetch
  return calls
}

describe('apiUrl', () => {
  test.each([
    ['/config', {}, '/api/config'],
    ['/geo/areas', { level: 'local', geometry: 'display' }, '/api/geo/areas?level=local&geometry=display'],
    ['/geo/areas', { level: 'local', within: undefined }, '/api/geo/areas?level=local'],
    ['/x', { q: 'a b&c' }, '/api/x?q=a+b%26c'],
    ['/providers', { strand: ['race', 'sex'], page: 2 }, '/api/providers?strand=race&strand=sex&page=2'],
    ['/providers', { strand: [] }, '/api/providers'],
  ])('%s %j -> %s', (path, query, expected) => {
    expect(apiUrl(path, query)).toBe(expected)
  })
})

describe('api.get', () => {
  test('returns the parsed body on success', async () => {
    const calls = answer(200, '{"tileUrl":"","engine":"embedded"}')
    await expect(api.get('/config')).resolves.toEqual({ tileUrl: '', engine: 'embedded' })
    expect(calls).toEqual(['/api/config'])
  })

  test.each([
    [
      400,
      '{"error":{"name":"ValidationError","message":"postcode: bad"}}',
      'ValidationError',
      'postcode: bad',
    ],
    [
      404,
      '{"error":{"name":"NotFoundError","message":"No such postcode"}}',
      'NotFoundError',
      'No such postcode',
    ],
    [502, '<html>Bad gateway</html>', 'HttpError', '502 Bad Gateway'],
  ])('a %i becomes an ApiError carrying the error shape', async (status, body, name, message) => {
    answer(status, body, status === 502 ? 'Bad Gateway' : '')
    const error = await api.get('/geo/postcodes/x').catch((err: unknown) => err)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status, errorName: name, message })
    expect((error as ApiError).isClientError).toBe(status < 500)
  })

  test('an unreachable server is status 0', async () => {
    globalThis.fetch = (async () => {
      throw new TypeError('fetch failed')
    }) as typeof fetch
    await expect(api.get('/config')).rejects.toMatchObject({ status: 0, errorName: 'NetworkError' })
  })
})
