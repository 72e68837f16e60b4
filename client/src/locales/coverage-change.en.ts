/** English strings of the coverage page's "Change" view (docs/decisions/0018). */
export const coverageChangeEn = {
  heading: 'Change over time',
  intro:
    'Compare two dates: which areas gained or lost a level of support for the chosen support and group, which baselines turned, which providers opened or closed.',
  noSnapshots: 'No coverage snapshots have been taken yet, so there is nothing to compare with.',
  from: 'From (snapshot)',
  to: 'To',
  now: 'Now',
  functionsOnly:
    'Snapshots record functions, not topics: choose a function (or any support) to compare dates.',
  summary:
    '{{gained}} areas gained support, {{lost}} lost support, {{mixed}} both; {{opened}} providers opened, {{closed}} closed.',
  key: 'Key to the change map',
  mapLabel: 'Map of areas that gained or lost support',
  kinds: {
    gained: 'Gained support (nearer, or some where there was none)',
    lost: 'Lost support (farther away, or none now)',
    mixed: 'Gained in some, lost in others',
  },
  tableCaption: 'Areas whose support changed between the two dates',
  area: 'Area',
  change: 'Change',
  forWhom: 'For whom',
  before: 'Nearest level before',
  after: 'Nearest level after',
  noAreas: 'No area gained or lost a level of support.',
  baselines: 'Baselines that turned',
  baselineTurned: '{{area}}: {{baseline}} — now {{result}}',
  results: { pass: 'met', fail: 'not met' },
  providers: 'Providers opened and closed',
  opened: '{{name}} opened',
  closed: '{{name}} closed',
  exportCsv: 'Download the changes (CSV)',
  exportGeojson: 'Download the changed areas (GeoJSON)',
}
