/**
 * A stored value as an editor reads it: text as it is, lists one item a line, nested objects as
 * indented JSON, nothing as an empty string (the caller shows its own "none").
 */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    return value.map(String).join('\n')
  }
  return JSON.stringify(value, null, 2)
}

/** Fields whose values differ between two records (top-level keys, compared by value), sorted. */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Array<{ field: string; from: unknown; to: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  return [...keys]
    .sort()
    .map((field) => ({ field, from: before?.[field] ?? null, to: after?.[field] ?? null }))
    .filter(({ from, to }) => JSON.stringify(from) !== JSON.stringify(to))
}

/** `YYYY-MM-DD` from a date input as the start (or, with `endOfDay`, the end) of that UTC day. */
export function dayToIso(day: string, endOfDay = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined
  return endOfDay ? `${day}T23:59:59.999Z` : `${day}T00:00:00.000Z`
}
