import type { Messages } from './en'

/** Welsh strings (Cymraeg). */
export const cy: Messages = {
  app: {
    name: 'Atlas Cymorth',
    tagline: 'Cymorth i grwpiau gwirfoddol a chymunedol yng Nghymru a Lloegr',
    titleSuffix: 'Atlas Cymorth',
  },
  skipLink: 'Neidio i’r prif gynnwys',
  nav: {
    label: 'Prif lywio',
    map: 'Map',
  },
  language: {
    label: 'Iaith',
    switchTo: 'Dangos y wefan hon yn {{language}}',
  },
  footer: {
    about:
      'Mae Atlas Cymorth yn mapio’r sefydliadau sy’n cefnogi grwpiau gwirfoddol a chymunedol yng Nghymru a Lloegr, fesul lle.',
    dataHeading: 'Ffynonellau data',
    attribution:
      'Ffiniau: GeoJSON and TopoJSON UK Boundary Data gan Martin Chorley (https://github.com/martinjc/UK-GeoJson), CC BY 4.0, wedi’u haddasu. Yn cynnwys data Eiddo Deallusol yr Arolwg Ordnans, y Swyddfa Ystadegau Gwladol, Cofnodion Cenedlaethol yr Alban a LPS © Hawlfraint y Goron a hawl cronfa ddata 2016. Data wedi’u trwyddedu o dan y Drwydded Llywodraeth Agored v3.0; mae data’r Arolwg Ordnans wedi’u cynnwys o dan Drwydded OS OpenData. Yn cynnwys data’r Arolwg Ordnans © Hawlfraint y Goron a hawl cronfa ddata 2025. Yn cynnwys data’r Post Brenhinol © Hawlfraint y Post Brenhinol a hawl cronfa ddata 2025. Ffynhonnell: y Swyddfa Ystadegau Gwladol, wedi’i thrwyddedu o dan y Drwydded Llywodraeth Agored v3.0.',
  },
  mapAttribution: {
    data: 'Ffiniau © Martin Chorley, CC BY 4.0; © Hawlfraint y Goron, AO, SYG, y Post Brenhinol; OGL v3.0',
    full: 'Priodoliad llawn y data',
    tilesOsm: 'Cefndir © Cyfranwyr OpenStreetMap',
    tilesOther: 'Teils cefndir: {{host}}',
  },
  notFound: {
    title: 'Heb ddod o hyd i’r dudalen',
    body: 'Does dim tudalen yn y cyfeiriad hwn.',
    home: 'Mynd i’r hafan',
  },
  errors: {
    title: 'Aeth rhywbeth o’i le',
    network: 'Doedd dim modd cysylltu â’r gweinydd. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
    server: 'Aeth rhywbeth o’i le ar y gweinydd. Rhowch gynnig arall arni.',
    reload: 'Ail-lwytho’r dudalen',
  },
  loading: 'Wrthi’n llwytho…',
  map: {
    title: 'Map o ardaloedd',
    intro:
      'Yr ardaloedd y mae cymorth wedi’i drefnu yn eu hôl. Symudwch y llygoden dros ardal, neu dewiswch hi o’r rhestr, i weld ei henw.',
    regionLabel: 'Map o Gymru a Lloegr',
    zoomIn: 'Chwyddo i mewn',
    zoomOut: 'Chwyddo allan',
    keyboardHint:
      'Bysellfwrdd: rhowch ffocws ar y map, yna defnyddiwch y bysellau saeth i’w symud a + neu − i chwyddo.',
    tilesUnavailable: 'Doedd dim modd llwytho’r map cefndir, felly mae’r ffiniau i’w gweld ar gefndir plaen.',
    levels: {
      legend: 'Ffiniau i’w dangos',
      region: 'Rhanbarthau',
      county: 'Siroedd',
      district: 'Ardaloedd',
      ward: 'Wardiau',
    },
    levelNotes: {
      region: 'Naw rhanbarth Lloegr. Does gan Gymru ddim rhanbarthau ar y lefel hon.',
      county: 'Siroedd Lloegr. Dydy awdurdodau unedol ac ardaloedd yng Nghymru ddim yn perthyn i sir.',
      district: 'Ardaloedd awdurdodau lleol yn Lloegr a phrif ardaloedd yng Nghymru.',
      ward: 'Wardiau etholiadol, ar gyfer 10 ardal enghreifftiol yn unig.',
    },
    loadingBoundaries: 'Wrthi’n llwytho’r ffiniau…',
    areasShown: 'Ardaloedd a ddangosir: {{count}}',
    loadFailed: 'Doedd dim modd llwytho’r ffiniau.',
    selected: 'Wedi’i dewis: {{name}}',
    legend: {
      heading: 'Allwedd',
      boundary: 'Ffin ardal',
      selected: 'Ardal a ddewiswyd: amlinell drwchus',
      postcode: 'Lleoliad cod post: cylch gyda’i god post',
    },
    table: {
      summary: 'Rhestr o’r ardaloedd a ddangosir ({{count}})',
      caption: '{{level}}: enwau a chodau',
      name: 'Enw',
      code: 'Cod',
      action: 'Map',
      show: 'Dangos',
      showLabel: 'Dangos {{name}} ar y map',
    },
  },
  postcode: {
    heading: 'Chwilio am god post',
    label: 'Cod post',
    hint: 'Er enghraifft, BD1 1HY',
    submit: 'Chwilio',
    empty: 'Rhowch god post',
    searching: 'Wrthi’n chwilio am {{postcode}}…',
    resultsHeading: 'Ardaloedd sy’n cynnwys {{postcode}}',
    found: 'Ardaloedd a gafwyd ar gyfer {{postcode}}: {{count}}',
    invalid: 'Gwiriwch y cod post',
    notFound: 'Heb ddod o hyd i’r cod post',
    failed: 'Doedd dim modd chwilio am y cod post',
    precision: {
      sector:
        'Dydy’r cod post hwn ddim yn ein rhestr, felly canol ei sector cod post yw’r lleoliad a ddangosir.',
      district:
        'Dydy’r cod post hwn ddim yn ein rhestr, felly canol ei ddosbarth cod post yw’r lleoliad a ddangosir.',
    },
    outside: 'Mae {{postcode}} y tu allan i Gymru a Lloegr, sef yr ardal y mae’r map hwn yn ei chwmpasu.',
    nearest:
      'Mae’r cod post hwn ychydig y tu allan i’r ffiniau ar y map, ar arfordir neu afon, felly dangosir yr ardaloedd agosaf.',
    columns: {
      level: 'Lefel',
      type: 'Math',
      name: 'Enw',
    },
  },
  levels: {
    neighbourhood: 'Cymdogaeth',
    local: 'Lleol',
    subregional: 'Is-ranbarthol',
    regional: 'Rhanbarthol',
    national: 'Cenedlaethol',
  },
  areaTypes: {
    ward: 'Ward',
    lad: 'Ardal',
    county: 'Sir',
    'upper-tier': 'Awdurdod haen uchaf',
    'combined-authority': 'Awdurdod cyfun',
    region: 'Rhanbarth',
    nation: 'Gwlad',
  },
}
