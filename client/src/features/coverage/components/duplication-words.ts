/** What naming a duplication group needs: the interface's words and the taxonomy's labels. */
export interface DuplicationWords {
  /** `duplication.detail` / `duplication.wholeStrand` in the interface language. */
  t: (key: 'duplication.detail' | 'duplication.wholeStrand', values: Record<string, string>) => string
  /** A strand's or the generalists' name ("Disability", "Generalist support (any group)"). */
  groupLabel: (code: string) => string
  detailLabel: (code: string) => string
  /** Whether the taxonomy has details under this strand (age and disability do, race does not). */
  hasDetails: (strand: string) => boolean
}

/**
 * The group a duplication item compares (decision 0005, "Duplication"): generalists; a strand's
 * sub-group ("Disability — Sight or hearing loss"); under a strand that has sub-groups, the bodies
 * recording none ("Disability — every sub-group"); a strand without sub-groups by its name.
 */
export function duplicationGroup(
  words: DuplicationWords,
  item: { strand: string; strandDetail: string | null },
): string {
  const group = words.groupLabel(item.strand)
  if (item.strandDetail !== null) {
    return words.t('duplication.detail', { group, detail: words.detailLabel(item.strandDetail) })
  }
  return words.hasDetails(item.strand) ? words.t('duplication.wholeStrand', { group }) : group
}
