import type { freshnessEn } from './freshness.en'

/** Welsh strings of the freshness policy (Cymraeg). */
export const freshnessCy: typeof freshnessEn = {
  badges: 'Pa mor gyfredol',
  stale: 'Heb ei wirio ers {{date}}',
  neverVerified: 'Erioed wedi’i wirio',
  expired: 'Gwiriwyd ddiwethaf yn {{year}} — gwiriwch ei fod yn dal i fodoli cyn atgyfeirio',
  noContact: 'Dim ffôn, e-bost na gwefan wedi’u cofnodi — dewch o hyd i un cyn atgyfeirio',
  historicalStrategy: 'Wedi’i enwi mewn strategaeth o {{year}}; heb ei wirio ers hynny',
  historicalStudy: 'Wedi’i enwi mewn astudiaeth o {{year}}; heb ei wirio ers hynny',
  followUp: {
    heading: 'Gwiriwch cyn atgyfeirio',
    intro:
      'Mae’r cofnodion hyn yn cyfateb ond nid ydynt yn cael eu cynnig: nid ydynt wedi’u gwirio ers amser hir, neu nid oes ffordd o gysylltu â nhw. Gwiriwch eu bod yn dal i fodoli cyn atgyfeirio neb atynt.',
  },
  leftOut:
    'Wedi’u gadael allan o’r cyfrifon hyn: {{total}} cofnod ({{expired}} heb eu gwirio ers dros {{months}} mis; {{noContact}} heb ffôn, e-bost na gwefan).',
}
