import { describe, expect, test } from 'vitest'
import { feedBase, HarvestError, harvestOruk, retryAfterMs } from './imports-harvest'

/** A fake feed: answers in order, recording each URL asked for. */
function feed(answers: Array<() => Response>) {
  const asked: string[] = []
  const fetch = (async (url: string | URL | Request) => {
    asked.push(String(url))
    const next = answers.shift()
    if (!next) throw new Error(`unexpected request ${String(url)}`)
    return next()
  }) as typeof globalThis.fetch
  return { fetch, asked }
}

const page =
  (contents: unknown[], totalPages: number, pageNumber = 1) =>
  () =>
    Response.json({
      total_items: contents.length,
      total_pages: totalPages,
      page_number: pageNumber,
      size: contents.length,
      first_page: pageNumber === 1,
      last_page: pageNumber === totalPages,
      empty: contents.length === 0,
      contents,
    })
const full = (id: string) => ({
  id,
  name: `Service ${id}`,
  status: 'active',
  organization: { id: 'o', name: 'O' },
})

describe('harvesting an ORUK feed', () => {
  test('the base URL is checked: http(s) only, no query, trailing slash dropped', () => {
    expect(feedBase('https://example.org/oruk/')).toBe('https://example.org/oruk')
    expect(() => feedBase('ftp://example.org')).toThrow(HarvestError)
    expect(() => feedBase('https://example.org/oruk?x=1')).toThrow(/without a query/)
    expect(() => feedBase('not a url')).toThrow(/not a URL/)
  })

  test('Retry-After is read as seconds or as an HTTP date', () => {
    expect(retryAfterMs('7')).toBe(7000)
    expect(retryAfterMs('Mon, 07 Dec 2026 12:00:10 GMT', Date.parse('2026-12-07T12:00:00Z'))).toBe(10_000)
    expect(retryAfterMs(null)).toBeUndefined()
    expect(retryAfterMs('soon')).toBeUndefined()
  })

  test('pages through every page asking for full records, and passes modified_after when incremental', async () => {
    const f = feed([page([full('a'), full('b')], 2, 1), page([full('c')], 2, 2)])
    const result = await harvestOruk({
      baseUrl: 'http://feed.test/oruk',
      since: '2026-12-01',
      perPage: 2,
      fetch: f.fetch,
    })
    expect(result.services.map((s) => s.id)).toEqual(['a', 'b', 'c'])
    expect(result.pages).toBe(2)
    expect(f.asked).toEqual([
      'http://feed.test/oruk/services?page=1&per_page=2&full=true&modified_after=2026-12-01',
      'http://feed.test/oruk/services?page=2&per_page=2&full=true&modified_after=2026-12-01',
    ])
  })

  test('a 429 waits as long as Retry-After asks, a 503 without it backs off exponentially, then goes on', async () => {
    const waits: number[] = []
    const busy = (status: number, retryAfter?: string) => () =>
      new Response('busy', { status, headers: retryAfter ? { 'retry-after': retryAfter } : {} })
    const f = feed([busy(429, '3'), busy(503), busy(503), page([full('a')], 1)])
    const result = await harvestOruk({
      baseUrl: 'http://feed.test/oruk',
      fetch: f.fetch,
      backoffMs: 100,
      sleep: async (ms) => {
        waits.push(ms)
      },
    })
    // 3 s as asked; then 100 ms × 2^(attempt-1) for the 2nd and 3rd attempts.
    expect(waits).toEqual([3000, 200, 400])
    expect(result).toMatchObject({ requests: 4, retries: 3 })
    expect(result.services.map((s) => s.id)).toEqual(['a'])
  })

  test('a Retry-After longer than the cap waits the cap; attempts run out with the URL and the last answer named', async () => {
    const waits: number[] = []
    const f = feed(
      Array.from(
        { length: 3 },
        () => () => new Response('', { status: 429, headers: { 'retry-after': '86400' } }),
      ),
    )
    await expect(
      harvestOruk({
        baseUrl: 'http://feed.test/oruk',
        fetch: f.fetch,
        maxAttempts: 3,
        maxRetryAfterMs: 60_000,
        sleep: async (ms) => {
          waits.push(ms)
        },
      }),
    ).rejects.toThrow(/services\?page=1.* failed 3 times; last: 429/)
    expect(waits).toEqual([60_000, 60_000])
  })

  test('a 404 is not retried: the feed URL is wrong', async () => {
    const f = feed([() => new Response('no such thing', { status: 404 })])
    await expect(harvestOruk({ baseUrl: 'http://feed.test/wrong', fetch: f.fetch })).rejects.toThrow(
      /wrong\/services\?page=1.*404.*no such thing/,
    )
    expect(f.asked).toHaveLength(1)
  })

  test('a list without details is read service by service; an answer that is not a page is refused', async () => {
    const f = feed([page([{ id: 'x y', name: 'X' }], 1), () => Response.json(full('x y'))])
    const result = await harvestOruk({ baseUrl: 'http://feed.test/oruk', fetch: f.fetch })
    expect(f.asked[1]).toBe('http://feed.test/oruk/services/x%20y')
    expect(result).toMatchObject({ fetchedOneByOne: 1, services: [full('x y')] })
    const g = feed([() => Response.json({ hello: 'world' })])
    await expect(harvestOruk({ baseUrl: 'http://feed.test/oruk', fetch: g.fetch })).rejects.toThrow(
      /no "contents" list/,
    )
  })
})
