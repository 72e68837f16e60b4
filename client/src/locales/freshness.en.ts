/** English strings of the freshness policy (docs/decisions/0020): badges, the follow-up list, coverage's note. */
export const freshnessEn = {
  badges: 'Freshness',
  stale: 'Not verified since {{date}}',
  neverVerified: 'Never verified',
  expired: 'Last verified {{year}} — check it still exists before referring',
  noContact: 'No phone, e-mail or website recorded — find one before referring',
  historicalStrategy: 'Named in a {{year}} strategy; not verified since',
  historicalStudy: 'Named in a {{year}} study; not verified since',
  followUp: {
    heading: 'Check before referring',
    intro:
      'These records match but are not offered: they have not been verified for a long time, or there is no way to contact them. Check they still exist before referring anyone to them.',
  },
  leftOut:
    'Left out of these counts: {{total}} records ({{expired}} not verified for over {{months}} months; {{noContact}} with no phone, e-mail or website).',
}
