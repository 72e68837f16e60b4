/** Latency summaries for the benchmark table. Samples are milliseconds. */
export interface LatencySummary {
  count: number
  p50: number
  p95: number
  p99: number
  mean: number
  max: number
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  if (p <= 0) return sorted[0] as number
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(rank, sorted.length) - 1] as number
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b)
  const total = sorted.reduce((sum, v) => sum + v, 0)
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? total / sorted.length : Number.NaN,
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
  }
}

export interface Timed {
  samples: number[]
  errors: number
  firstError?: string
  /** Wall time of the whole loop, for throughput. */
  seconds: number
}

/** Runs `fn` once per input, one at a time, timing each call with the monotonic clock. */
export async function timeEach<T>(inputs: readonly T[], fn: (input: T) => Promise<unknown>): Promise<Timed> {
  const samples: number[] = []
  let errors = 0
  let firstError: string | undefined
  const started = process.hrtime.bigint()
  for (const input of inputs) {
    const t0 = process.hrtime.bigint()
    try {
      await fn(input)
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6)
    } catch (err) {
      errors++
      firstError ??= (err as Error).message
    }
  }
  return { samples, errors, firstError, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}

/** A small seeded PRNG (mulberry32) so every run and both engines see the same inputs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
