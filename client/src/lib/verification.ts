/** Details checked longer ago than this are flagged "not verified recently" wherever they are shown. */
export const staleAfterDays = 365

/** True when a record was never verified, or was last verified more than `staleAfterDays` ago. */
export function isStale(lastVerifiedAt: string | null, now = new Date()): boolean {
  if (!lastVerifiedAt) return true
  const verified = new Date(lastVerifiedAt.length === 10 ? `${lastVerifiedAt}T00:00:00Z` : lastVerifiedAt)
  if (Number.isNaN(verified.getTime())) return true
  return now.getTime() - verified.getTime() > staleAfterDays * 86_400_000
}
