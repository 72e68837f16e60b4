/**
 * Statistical disclosure control for every published enquiry count (decision 0010): each figure —
 * every area's total and every outcome count, at every level and under every filter — is rounded
 * to the nearest multiple of 5 on its own (0–2 → 0, 3–7 → 5, 8–12 → 10, ...). Totals are rounded
 * from the exact total, not summed from rounded parts, so subtracting one published figure from
 * another (outcome from total, district from region, one filter from another) gives a number
 * that is off by up to ±4, never the hidden count; and a published 0 no longer promises that
 * nobody called. ONS-style rounding to base 5; admins see exact counts.
 */
export const ROUNDING_BASE = 5

export function roundToBase(n: number, base = ROUNDING_BASE): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count must be a whole number ≥ 0, got ${n}`)
  const rest = n % base
  // Integers never fall on a half: 0–2 go down, 3–4 go up (base 5).
  return rest * 2 < base ? n - rest : n - rest + base
}

/** A count as published: exact for an admin, rounded for everyone else. */
export function publishCount(n: number, exact: boolean): number {
  return exact ? n : roundToBase(n)
}

/** The first day of a month, YYYY-MM-01. */
export function isMonthStart(date: string): boolean {
  return /^\d{4}-\d{2}-01$/.test(date)
}

/** The last day of a month (YYYY-MM-DD). */
export function isMonthEnd(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(d.getTime())) return false
  d.setUTCDate(d.getUTCDate() + 1)
  return d.getUTCDate() === 1
}
