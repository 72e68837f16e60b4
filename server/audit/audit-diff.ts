export type FieldChange = { from: unknown; to: unknown }

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
}

function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString()
  if (Array.isArray(v)) return v.map(normalise)
  if (isPlainObject(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, normalise(v[k])]),
    )
  return v === undefined ? null : v
}

/**
 * Field-level difference between two versions of a record: `{ field: { from, to } }` for each
 * top-level field whose value changed (arrays and nested objects compare by value, dates as
 * ISO strings). A create diffs against null, a purge against null.
 */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<string, FieldChange> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const diff: Record<string, FieldChange> = {}
  for (const key of [...keys].sort()) {
    const from = normalise(before?.[key])
    const to = normalise(after?.[key])
    if (JSON.stringify(from) !== JSON.stringify(to)) diff[key] = { from, to }
  }
  return diff
}
