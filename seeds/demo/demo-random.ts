/**
 * Deterministic randomness for the demo directory. Every choice is derived from a string key
 * (usually a record's slug), so a record's details do not shift when other records are added.
 */

/** FNV-1a 32-bit hash of a string, as an unsigned integer. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** mulberry32: a small, fast seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A PRNG seeded from a string key, with helpers for the choices the demo makes. */
export interface Chooser {
  next(): number
  /** Integer in [min, max]. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  /** true with the given probability. */
  chance(probability: number): boolean
  /** `count` distinct items, in their original order. */
  some<T>(items: readonly T[], count: number): T[]
}

export function chooser(key: string): Chooser {
  const next = seededRandom(hashString(key))
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error(`chooser(${key}).pick: no items`)
      return items[int(0, items.length - 1)] as T
    },
    chance: (probability: number) => next() < probability,
    some<T>(items: readonly T[], count: number): T[] {
      const indexed = items.map((item, index) => ({ item, index, order: next() }))
      return indexed
        .sort((a, b) => a.order - b.order)
        .slice(0, Math.max(0, Math.min(count, items.length)))
        .sort((a, b) => a.index - b.index)
        .map((entry) => entry.item)
    },
  }
}
