/**
 * An in-process LRU of rendered map responses, bounded by total bytes. Keys carry the layer
 * versions, so a change to boundaries or coverage makes old entries unreachable (they age out);
 * nothing has to be purged in step with the database.
 */
export interface TileCache {
  get(key: string): Buffer | undefined
  set(key: string, value: Buffer): void
  readonly size: number
  readonly bytes: number
}

export function createTileCache(maxBytes: number): TileCache {
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recent first.
  const entries = new Map<string, Buffer>()
  let bytes = 0
  return {
    get(key) {
      const value = entries.get(key)
      if (value === undefined) return undefined
      entries.delete(key)
      entries.set(key, value)
      return value
    },
    set(key, value) {
      if (value.length > maxBytes) return
      const old = entries.get(key)
      if (old) {
        bytes -= old.length
        entries.delete(key)
      }
      entries.set(key, value)
      bytes += value.length
      for (const [oldest, buffer] of entries) {
        if (bytes <= maxBytes) break
        entries.delete(oldest)
        bytes -= buffer.length
      }
    },
    get size() {
      return entries.size
    },
    get bytes() {
      return bytes
    },
  }
}
