/** English strings. The shape of this object is the contract every other language must fill. */
export const en = {
  app: {
    name: 'Support Atlas',
    tagline: 'Support for voluntary and community groups in England and Wales',
    titleSuffix: 'Support Atlas',
  },
  skipLink: 'Skip to main content',
  nav: {
    label: 'Main',
    map: 'Map',
  },
  language: {
    label: 'Language',
    switchTo: 'Show this site in {{language}}',
  },
  footer: {
    about:
      'Support Atlas maps the organisations that support voluntary and community groups in England and Wales, by place.',
    dataHeading: 'Data sources',
    attribution:
      'Boundaries: GeoJSON and TopoJSON UK Boundary Data by Martin Chorley (https://github.com/martinjc/UK-GeoJson), CC BY 4.0, adapted. Contains Ordnance Survey, Office of National Statistics, National Records Scotland and LPS Intellectual Property data © Crown copyright and database right 2016. Data licensed under the Open Government Licence v3.0; Ordnance Survey data covered by OS OpenData Licence. Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal Mail copyright and database right 2025. Source: Office for National Statistics licensed under the Open Government Licence v.3.0.',
  },
  mapAttribution: {
    data: 'Boundaries © Martin Chorley, CC BY 4.0; © Crown copyright, OS, ONS, Royal Mail; OGL v3.0',
    full: 'Full data attribution',
    tilesOsm: 'Background © OpenStreetMap contributors',
    tilesOther: 'Background tiles: {{host}}',
  },
  notFound: {
    title: 'Page not found',
    body: 'There is no page at this address.',
    home: 'Go to the home page',
  },
  errors: {
    title: 'Something went wrong',
    network: 'The server could not be reached. Check your connection and try again.',
    server: 'Something went wrong on the server. Please try again.',
    reload: 'Reload the page',
  },
  loading: 'Loading…',
  map: {
    title: 'Map of areas',
    intro:
      'The areas that support is organised by. Hover over an area, or pick it from the list, to see its name.',
    regionLabel: 'Map of England and Wales',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    keyboardHint: 'Keyboard: focus the map, then use the arrow keys to move it and + or − to zoom.',
    tilesUnavailable:
      'The background map could not be loaded, so the boundaries are shown on a plain background.',
    levels: {
      legend: 'Boundaries to show',
      region: 'Regions',
      county: 'Counties',
      district: 'Districts',
      ward: 'Wards',
    },
    levelNotes: {
      region: 'The nine English regions. Wales has no regions at this level.',
      county: 'English counties. Unitary authorities and Welsh areas belong to no county.',
      district: 'Local authority districts in England and principal areas in Wales.',
      ward: 'Electoral wards, loaded for 10 sample districts only.',
    },
    loadingBoundaries: 'Loading boundaries…',
    areasShown: 'Areas shown: {{count}}',
    loadFailed: 'The boundaries could not be loaded.',
    selected: 'Selected: {{name}}',
    legend: {
      heading: 'Key',
      boundary: 'Area boundary',
      selected: 'Selected area: thick outline',
      postcode: 'Postcode location: circle with its postcode',
    },
    table: {
      summary: 'List of the areas shown ({{count}})',
      caption: '{{level}}: names and codes',
      name: 'Name',
      code: 'Code',
      action: 'Map',
      show: 'Show',
      showLabel: 'Show {{name}} on the map',
    },
  },
  postcode: {
    heading: 'Find a postcode',
    label: 'Postcode',
    hint: 'For example, BD1 1HY',
    submit: 'Find',
    empty: 'Enter a postcode',
    searching: 'Looking up {{postcode}}…',
    resultsHeading: 'Areas containing {{postcode}}',
    found: 'Areas found for {{postcode}}: {{count}}',
    invalid: 'Check the postcode',
    notFound: 'Postcode not found',
    failed: 'The postcode could not be looked up',
    precision: {
      sector: 'This postcode is not in our list, so the location shown is the centre of its postcode sector.',
      district:
        'This postcode is not in our list, so the location shown is the centre of its postcode district.',
    },
    outside: '{{postcode}} is outside England and Wales, the area this map covers.',
    nearest:
      'This postcode lies just outside the mapped boundaries, on a coast or river, so the nearest areas are shown.',
    columns: {
      level: 'Level',
      type: 'Type',
      name: 'Name',
    },
  },
  levels: {
    neighbourhood: 'Neighbourhood',
    local: 'Local',
    subregional: 'Sub-regional',
    regional: 'Regional',
    national: 'National',
  },
  areaTypes: {
    ward: 'Ward',
    lad: 'District',
    county: 'County',
    'upper-tier': 'Upper-tier authority',
    'combined-authority': 'Combined authority',
    region: 'Region',
    nation: 'Nation',
  },
}

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> }

/** Every language provides exactly these keys. */
export type Messages = Strings<typeof en>
