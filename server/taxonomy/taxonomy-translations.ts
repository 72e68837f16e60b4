/**
 * Our own text for the vocabulary, keyed by code: every Welsh label and description, and the
 * English labels docs/taxonomy.md does not give (families, organisation types, formats,
 * statuses). Codes themselves come from taxonomy.md; a code missing here, or a code here that
 * taxonomy.md does not have, fails the taxonomy load (and its unit test) rather than shipping a
 * half-translated vocabulary.
 */

export interface TermText {
  /** English label, only where taxonomy.md has none. */
  label?: string
  labelCy: string
  description?: string
  descriptionCy?: string
}

export const levelText: Record<string, TermText> = {
  neighbourhood: { labelCy: 'Cymdogaeth', descriptionCy: 'ward etholiadol, plwyf / ardal gymuned' },
  local: { labelCy: 'Lleol', descriptionCy: 'dosbarth awdurdod lleol, prif ardal yng Nghymru' },
  subregional: { labelCy: 'Is-ranbarthol', descriptionCy: 'sir, awdurdod haen uchaf, awdurdod cyfun' },
  regional: { labelCy: 'Rhanbarthol', descriptionCy: 'rhanbarth yn Lloegr' },
  national: {
    labelCy: 'Cenedlaethol',
    descriptionCy: "cenedl (Lloegr, Cymru); mae corff ledled y DU yn cwmpasu'r ddwy",
  },
}

export const kindText: Record<string, TermText> = {
  generalist: {
    label: 'Generalist',
    labelCy: 'Cyffredinol',
    descriptionCy: 'cymorth cyffredinol i unrhyw grŵp rheng flaen yn ei ardal',
  },
  specialist: {
    label: 'Specialist',
    labelCy: 'Arbenigol',
    descriptionCy:
      "cymorth sy'n canolbwyntio ar grwpiau cleientiaid (llinynnau), maes polisi neu wasanaeth, neu weithgaredd (pynciau)",
  },
}

export const functionFamilyText: Record<string, TermText> = {
  support: { label: 'Support and development', labelCy: 'Cymorth a datblygu' },
  coordination: { label: 'Co-ordination', labelCy: 'Cydgysylltu' },
  representation: { label: 'Representation', labelCy: 'Cynrychiolaeth' },
  promotion: { label: 'Sector promotion', labelCy: "Hyrwyddo'r sector" },
}

export const functionText: Record<string, TermText> = {
  'information-advice': { labelCy: 'Gwybodaeth a chyngor' },
  consultancy: { labelCy: 'Ymgynghoriaeth a chymorth un-i-un' },
  training: { labelCy: 'Hyfforddiant' },
  grants: { labelCy: 'Dosbarthu arian a grantiau bach' },
  incubation: { labelCy: 'Meithrin grwpiau newydd' },
  'meeting-space': { labelCy: 'Lle cyfarfod a chanolfan gymunedol' },
  'service-coordination': { labelCy: 'Cydgysylltu gwasanaethau' },
  brokerage: { labelCy: 'Broceriaeth' },
  networks: { labelCy: 'Rhwydweithiau a fforymau' },
  partnership: { labelCy: 'Gweithio mewn partneriaeth traws-sector' },
  consultation: { labelCy: 'Ymgynghori â grwpiau rheng flaen' },
  advocacy: { labelCy: 'Cynrychiolaeth, lobïo ac eiriolaeth' },
  research: { labelCy: 'Ymchwil' },
  policy: { labelCy: 'Datblygu polisi' },
  standards: { labelCy: 'Safonau, nodau ansawdd ac arfer da' },
  'sector-development': { labelCy: "Datblygu'r sector" },
}

export const topicText: Record<string, TermText> = {
  governance: { labelCy: 'Llywodraethu ac ymddiriedolwyr' },
  people: { labelCy: 'Rheoli staff a gwirfoddolwyr' },
  fundraising: { labelCy: 'Codi arian ac incwm' },
  finance: { labelCy: 'Rheolaeth ariannol' },
  'organisational-development': { labelCy: 'Datblygu a chynllunio sefydliadol' },
  leadership: { labelCy: 'Arweinyddiaeth a rheolaeth' },
  influence: { labelCy: 'Dylanwadu ac ymgyrchu' },
  premises: { labelCy: 'Adeiladau ac asedau' },
  'community-development': { labelCy: 'Datblygu cymunedol a meithrin gallu' },
  volunteering: { labelCy: 'Gwirfoddoli' },
  digital: { labelCy: 'Digidol a TGCh' },
  'social-enterprise': { labelCy: 'Menter gymdeithasol a masnachu' },
  legal: { labelCy: 'Strwythurau cyfreithiol a chydymffurfio' },
  'equality-diversity': { labelCy: 'Cydraddoldeb, amrywiaeth a chynhwysiant' },
}

export const strandText: Record<string, TermText> = {
  age: { labelCy: 'Oed (pobl hŷn; plant a phobl ifanc)' },
  disability: { labelCy: 'Anabledd' },
  'gender-reassignment': { labelCy: 'Ailbennu rhywedd (pobl draws)' },
  'marriage-civil-partnership': { labelCy: 'Priodas a phartneriaeth sifil' },
  'pregnancy-maternity': { labelCy: 'Beichiogrwydd a mamolaeth' },
  race: { labelCy: 'Hil ac ethnigrwydd' },
  'religion-belief': { labelCy: 'Crefydd neu gred' },
  sex: { labelCy: 'Rhyw (grwpiau menywod a dynion)' },
  'sexual-orientation': { labelCy: 'Cyfeiriadedd rhywiol' },
  'socio-economic': { labelCy: 'Anfantais economaidd-gymdeithasol' },
  rural: { labelCy: 'Cymunedau gwledig' },
  'refugees-migrants': { labelCy: 'Ffoaduriaid, ceiswyr lloches a mudwyr' },
  carers: { labelCy: 'Gofalwyr' },
  'welsh-language': { labelCy: 'Cymunedau Cymraeg eu hiaith' },
}

export const strandDetailText: Record<string, TermText> = {
  'children-young-people': { labelCy: 'Plant a phobl ifanc' },
  'older-people': { labelCy: 'Pobl hŷn' },
  'sensory-impairment': { labelCy: 'Colli golwg neu glyw' },
  'learning-disability': { labelCy: 'Anabledd dysgu' },
  'physical-impairment': { labelCy: 'Nam corfforol' },
  'mental-health': { labelCy: 'Iechyd meddwl' },
  neurodivergent: { labelCy: 'Pobl niwrowahanol' },
}

/** The sector's kite marks (taxonomy.md lists the codes with a gloss, not a label). */
export const qualityMarkText: Record<string, TermText> = {
  'navca-quality-award': {
    label: 'NAVCA Quality Award',
    labelCy: 'Gwobr Ansawdd NAVCA',
    description: 'for local infrastructure',
    descriptionCy: 'ar gyfer seilwaith lleol',
  },
  'trusted-charity': {
    label: 'NCVO Trusted Charity',
    labelCy: 'Elusen Ddibynadwy NCVO',
    description: 'formerly PQASSO',
    descriptionCy: 'PQASSO gynt',
  },
  'investing-in-volunteers': { label: 'Investing in Volunteers', labelCy: 'Buddsoddi mewn Gwirfoddolwyr' },
  matrix: {
    label: 'matrix Standard',
    labelCy: 'Safon matrix',
    description: 'information, advice and guidance standard',
    descriptionCy: 'safon gwybodaeth, cyngor ac arweiniad',
  },
  'advice-quality-standard': { label: 'Advice Quality Standard', labelCy: 'Safon Ansawdd Cyngor' },
  other: {
    label: 'Other quality mark',
    labelCy: 'Nod ansawdd arall',
    description: 'named in the record',
    descriptionCy: "wedi'i enwi yn y cofnod",
  },
}

export const orgTypeText: Record<string, TermText> = {
  infrastructure: { label: 'Infrastructure body', labelCy: 'Corff seilwaith' },
  'federated-network': { label: 'Federated network', labelCy: 'Rhwydwaith ffederal' },
  'front-line-contributor': {
    label: 'Front-line organisation contributing to infrastructure',
    labelCy: "Sefydliad rheng flaen sy'n cyfrannu at seilwaith",
  },
  'community-organisation': {
    label: 'Community organisation',
    labelCy: 'Sefydliad cymunedol',
    description: 'community association, village hall, social action centre',
    descriptionCy: 'cymdeithas gymunedol, neuadd bentref, canolfan gweithredu cymdeithasol',
  },
  'professional-association': { label: 'Professional association', labelCy: 'Cymdeithas broffesiynol' },
  commercial: { label: 'Commercial consultancy', labelCy: 'Ymgynghoriaeth fasnachol' },
  'public-body': { label: 'Public body', labelCy: 'Corff cyhoeddus' },
}

export const formatText: Record<string, TermText> = {
  'large-print': { label: 'Large print', labelCy: 'Print bras' },
  braille: { label: 'Braille', labelCy: 'Braille' },
  audio: { label: 'Audio', labelCy: 'Sain' },
  'easy-read': { label: 'Easy read', labelCy: 'Hawdd ei ddarllen' },
  bsl: { label: 'British Sign Language (BSL)', labelCy: 'Iaith Arwyddion Prydain (BSL)' },
  translation: { label: 'Translation', labelCy: 'Cyfieithu' },
  'hearing-loop': { label: 'Hearing loop', labelCy: 'Dolen sain' },
  'step-free-access': { label: 'Step-free access', labelCy: 'Mynediad heb risiau' },
}

export const statusText: Record<string, TermText> = {
  active: { label: 'Active', labelCy: 'Gweithredol' },
  draft: { label: 'Draft', labelCy: 'Drafft' },
  closed: {
    label: 'Closed',
    labelCy: 'Wedi cau',
    description: 'kept for history; never signposted',
    descriptionCy: 'yn cael ei gadw ar gyfer y cofnod hanesyddol; ni chaiff neb ei gyfeirio ato',
  },
}

/** Cost types come from the directory issue, not taxonomy.md, so their codes live here too. */
export const costTypeText: Record<string, TermText> = {
  free: { label: 'Free', labelCy: 'Am ddim' },
  membership: { label: 'Included in membership', labelCy: 'Wedi’i gynnwys yn yr aelodaeth' },
  charged: { label: 'Charged', labelCy: 'Codir tâl' },
  mixed: { label: 'Some free, some charged', labelCy: 'Rhai am ddim, rhai â thâl' },
}

/**
 * Languages: taxonomy.md names the code system (ISO 639-1, plus `bfi` for British Sign
 * Language) but not a list, so this is our starting list: the languages of England and Wales
 * and those most spoken in their communities (2021 census main languages). Editors may add more.
 */
export const languageText: Record<string, TermText> = {
  en: { label: 'English', labelCy: 'Saesneg' },
  cy: { label: 'Welsh', labelCy: 'Cymraeg' },
  bfi: { label: 'British Sign Language', labelCy: 'Iaith Arwyddion Prydain' },
  kw: { label: 'Cornish', labelCy: 'Cernyweg' },
  ga: { label: 'Irish', labelCy: 'Gwyddeleg' },
  gd: { label: 'Scottish Gaelic', labelCy: 'Gaeleg yr Alban' },
  pl: { label: 'Polish', labelCy: 'Pwyleg' },
  ro: { label: 'Romanian', labelCy: 'Rwmaneg' },
  pa: { label: 'Punjabi', labelCy: 'Pwnjabeg' },
  ur: { label: 'Urdu', labelCy: 'Wrdw' },
  pt: { label: 'Portuguese', labelCy: 'Portiwgaleg' },
  es: { label: 'Spanish', labelCy: 'Sbaeneg' },
  ar: { label: 'Arabic', labelCy: 'Arabeg' },
  bn: { label: 'Bengali', labelCy: 'Bengaleg' },
  gu: { label: 'Gujarati', labelCy: 'Gwjarateg' },
  it: { label: 'Italian', labelCy: 'Eidaleg' },
  lt: { label: 'Lithuanian', labelCy: 'Lithwaneg' },
  zh: { label: 'Chinese', labelCy: 'Tsieineeg' },
  fr: { label: 'French', labelCy: 'Ffrangeg' },
  ta: { label: 'Tamil', labelCy: 'Tamileg' },
  tr: { label: 'Turkish', labelCy: 'Tyrceg' },
  bg: { label: 'Bulgarian', labelCy: 'Bwlgareg' },
  fa: { label: 'Persian (Farsi)', labelCy: 'Perseg (Ffarsi)' },
  ps: { label: 'Pashto', labelCy: 'Pashto' },
  ku: { label: 'Kurdish', labelCy: 'Cwrdeg' },
  so: { label: 'Somali', labelCy: 'Somaleg' },
  ti: { label: 'Tigrinya', labelCy: 'Tigrinia' },
  am: { label: 'Amharic', labelCy: 'Amhareg' },
  uk: { label: 'Ukrainian', labelCy: 'Wcreineg' },
  ru: { label: 'Russian', labelCy: 'Rwseg' },
  lv: { label: 'Latvian', labelCy: 'Latfieg' },
  sk: { label: 'Slovak', labelCy: 'Slofaceg' },
  cs: { label: 'Czech', labelCy: 'Tsieceg' },
  hu: { label: 'Hungarian', labelCy: 'Hwngareg' },
  el: { label: 'Greek', labelCy: 'Groeg' },
  de: { label: 'German', labelCy: 'Almaeneg' },
  nl: { label: 'Dutch', labelCy: 'Iseldireg' },
  sq: { label: 'Albanian', labelCy: 'Albaneg' },
  hi: { label: 'Hindi', labelCy: 'Hindi' },
  ne: { label: 'Nepali', labelCy: 'Nepaleg' },
  ml: { label: 'Malayalam', labelCy: 'Malayalam' },
  te: { label: 'Telugu', labelCy: 'Telugu' },
  si: { label: 'Sinhala', labelCy: 'Sinhaleg' },
  vi: { label: 'Vietnamese', labelCy: 'Fietnameg' },
  tl: { label: 'Tagalog', labelCy: 'Tagalog' },
  yo: { label: 'Yoruba', labelCy: 'Iorwba' },
  ig: { label: 'Igbo', labelCy: 'Igbo' },
  ha: { label: 'Hausa', labelCy: 'Hawsa' },
  sw: { label: 'Swahili', labelCy: 'Swahili' },
  he: { label: 'Hebrew', labelCy: 'Hebraeg' },
  ja: { label: 'Japanese', labelCy: 'Japaneeg' },
  ko: { label: 'Korean', labelCy: 'Coreeg' },
  th: { label: 'Thai', labelCy: 'Thai' },
}
