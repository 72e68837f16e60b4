/**
 * Values built from one object and kept as long as that object lives: the one cache for things
 * built from the live taxonomy (query and body schemas, the OpenAPI document). The taxonomy
 * service hands out a new object when the vocabulary changes, so an edit rebuilds on the next
 * read and the old entries go with the old object.
 *
 * Keyed on the object, then on the builder itself: pass a builder whose identity is stable
 * (a module-level function, or one made once when the routes are built), never a fresh arrow.
 */
const built = new WeakMap<object, Map<unknown, unknown>>()

export function cachedFor<K extends object, T>(key: K, build: (key: K) => T): T {
  let entries = built.get(key)
  if (!entries) {
    entries = new Map()
    built.set(key, entries)
  }
  if (entries.has(build)) return entries.get(build) as T
  const value = build(key)
  entries.set(build, value)
  return value
}
