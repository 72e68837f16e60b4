/** English strings of the duplication list in the area profile (decision 0005, "Duplication"). */
export const duplicationEn = {
  rule: 'Providers are compared only with others offering the same function, at the same level, to the same group: generalists with generalists, specialists sub-group by sub-group. A sight-loss body and a learning-disability body are not counted together, nor is a body for every sub-group with a body for one.',
  /** A strand's sub-group: "Disability — Sight or hearing loss". */
  detail: '{{group}} — {{detail}}',
  /** Bodies that record no sub-group under a strand that has them: they work with all of it. */
  wholeStrand: '{{group}} — every sub-group',
}
