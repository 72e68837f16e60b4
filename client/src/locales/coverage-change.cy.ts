import type { Messages } from './en'

/** Welsh strings of the coverage page's "Change" view. */
export const coverageChangeCy: Messages['coverageChange'] = {
  heading: 'Newid dros amser',
  intro:
    "Cymharwch ddau ddyddiad: pa ardaloedd a gafodd neu a gollodd lefel o gymorth ar gyfer y cymorth a'r grŵp a ddewiswyd, pa linellau sylfaen a newidiodd, pa ddarparwyr a agorodd neu a gaeodd.",
  noSnapshots: "Nid oes cipluniau o'r ddarpariaeth wedi'u tynnu eto, felly nid oes dim i gymharu ag ef.",
  from: 'O (ciplun)',
  to: 'I',
  now: 'Nawr',
  functionsOnly:
    "Mae cipluniau'n cofnodi swyddogaethau, nid pynciau: dewiswch swyddogaeth (neu unrhyw gymorth) i gymharu dyddiadau.",
  summary:
    'Cafodd {{gained}} ardal fwy o gymorth, collodd {{lost}} gymorth, {{mixed}} y ddau; agorodd {{opened}} darparwr, caeodd {{closed}}.',
  key: "Allwedd i'r map newid",
  mapLabel: 'Map o ardaloedd a gafodd neu a gollodd gymorth',
  kinds: {
    gained: 'Mwy o gymorth (yn nes, neu rywfaint lle nad oedd dim)',
    lost: 'Llai o gymorth (ymhellach, neu ddim bellach)',
    mixed: 'Mwy mewn rhai, llai mewn eraill',
  },
  tableCaption: 'Ardaloedd y newidiodd eu cymorth rhwng y ddau ddyddiad',
  area: 'Ardal',
  change: 'Newid',
  forWhom: 'I bwy',
  before: 'Y lefel agosaf cyn',
  after: 'Y lefel agosaf wedyn',
  noAreas: 'Ni chafodd nac ni chollodd unrhyw ardal lefel o gymorth.',
  baselines: 'Llinellau sylfaen a newidiodd',
  baselineTurned: '{{area}}: {{baseline}} — bellach {{result}}',
  results: { pass: "wedi'i bodloni", fail: 'heb ei bodloni' },
  providers: 'Darparwyr a agorodd ac a gaeodd',
  opened: 'Agorodd {{name}}',
  closed: 'Caeodd {{name}}',
  exportCsv: "Lawrlwytho'r newidiadau (CSV)",
  exportGeojson: "Lawrlwytho'r ardaloedd a newidiodd (GeoJSON)",
}
