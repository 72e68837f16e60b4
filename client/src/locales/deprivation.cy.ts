import type { Messages } from './en'

/** Welsh strings of the deprivation overlay, columns and profile block (Cymraeg). */
export const deprivationCy: Messages['deprivation'] = {
  overlay: {
    toggle: 'Dangos amddifadedd (Lloegr, MAL 2019)',
    heading: 'Amlinell amddifadedd',
    high: 'Mae 40 % neu fwy o bobl yn byw yn yr 20 % o gymdogaethau mwyaf difreintiedig yn Lloegr (amlinell solet drwchus)',
    mid: 'Mae 20–40 % o bobl yn gwneud (amlinell doredig)',
    low: 'Llai nag 20 % (dim amlinell)',
    notApplicable:
      'Cymru, yr Alban a Gogledd Iwerddon: nid yw’r mynegai Saesneg yn berthnasol (dim amlinell)',
    hint: 'Darllenwch yr amlinell gyda’r llenwad: amlinell drom dros lenwad golau neu groeslinellog yw ardal ddifreintiedig â chymorth tenau.',
  },
  table: {
    rank: 'Safle amddifadedd (MAL 2019, wedi’i bwysoli yn ôl poblogaeth)',
    share: 'Pobl yn y 10 % / 20 % mwyaf difreintiedig',
    deprivedThin: 'Difreintiedig a thenau',
    thinYes: 'Cymorth tenau',
    thinNo: 'Cymorth agosach',
    sortHint:
      'Mae “Difreintiedig a thenau” yn rhestru’n gyntaf yr ardaloedd lle daw cymorth o lefel bellach yn unig neu ddim o gwbl, y mwyaf difreintiedig yn gyntaf.',
  },
  tooltip: '{{text}}; amddifadedd: {{share}} o bobl yn yr 20 % mwyaf difreintiedig yn Lloegr',
  unavailable: {
    'outside-england': 'Nid yw’r mynegai Saesneg yn berthnasol yma',
    'below-districts': 'Heb ei roi ar gyfer wardiau',
    'not-loaded': 'Dim ffigurau wedi’u llwytho',
  },
  profile: {
    heading: 'Amddifadedd (Mynegeion Amddifadedd Lloegr 2019)',
    rank: 'Safle cyfartalog wedi’i bwysoli yn ôl poblogaeth',
    rankValue: '{{rank}} o 32,844 (1 = mwyaf difreintiedig)',
    place: 'Safle ymhlith {{type}}',
    placeValue: '{{rank}} o {{of}} (1 = mwyaf difreintiedig)',
    decile1: 'Pobl yn y 10 % mwyaf difreintiedig yn Lloegr',
    decile12: 'Pobl yn yr 20 % mwyaf difreintiedig yn Lloegr',
    population: 'Poblogaeth, canol 2015',
    bands: 'Yn ôl oed: 0–15 {{young}}, 16–59 {{middle}}, 60 a throsodd {{older}}',
    derivedDistrict: 'Wedi’i adio dros ei {{count}} ardal fach (ACEHI).',
    derivedArea: 'Wedi’i adio dros {{count}} ardal fach (ACEHI) ei hardaloedd.',
    outsideEngland:
      'Nid yw Mynegeion Amddifadedd Lloegr yn berthnasol yma: mae Cymru, yr Alban a Gogledd Iwerddon yn mesur amddifadedd â’u mynegeion eu hunain ar ardaloedd bach gwahanol, nad ydynt wedi’u llwytho.',
    belowDistricts:
      'Rhoddir amddifadedd ar gyfer ardaloedd a rhanbarthau mwy: nid yw’r ardaloedd bach wedi’u codio i wardiau.',
    notLoaded: 'Nid oes ffigurau amddifadedd wedi’u llwytho ar gyfer yr ardal hon.',
    loading: 'Wrthi’n llwytho amddifadedd…',
    failed: 'Methu llwytho’r ffigurau amddifadedd.',
    source: 'Ffynhonnell: Mynegeion Amddifadedd Lloegr 2019, MHCLG (Trwydded Llywodraeth Agored v3.0).',
    types: {
      lad: 'ardaloedd',
      county: 'siroedd',
      'upper-tier': 'awdurdodau haen uchaf',
      'combined-authority': 'awdurdodau cyfun',
      region: 'rhanbarthau',
      nation: 'cenhedloedd',
    },
  },
}
