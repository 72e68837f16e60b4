/**
 * Slugs and codes of demo records that tests, acceptance checks and other features rely on.
 * One module, so a renamed record breaks loudly in one place.
 */
export const demoKeySlugs = {
  /** Appendix One of source 000: LGB specialist body, local, Bradford. */
  bradfordLgbBody: 'bradford-equity-partnership',
  /** Source 000: the national LGBT consortium that commissioned the study. */
  nationalLgbtConsortium: 'consortium-of-lgbt-voluntary-and-community-organisations',
  /** Source 000: national multi-strand partnership for sector support providers. */
  nationalEqualityPartnership: 'national-equality-partnership',
  /** Source 001: national LGB body consulted for the strategy. */
  nationalLgbCoalition: 'lgb-coalition',
  /** Fictional regional and sub-regional multi-strand networks above Bradford. */
  yorkshireEqualityNetwork: 'example-yorkshire-and-the-humber-equality-network',
  westYorkshireEqualityPartnership: 'example-west-yorkshire-equality-partnership',
  /** Fictional local generalists with referral pathways. */
  bradfordGeneralist: 'example-bradford-council-for-voluntary-service',
  cardiffGeneralist: 'example-cardiff-county-voluntary-council',
  /** Real local generalists named in source 000 Appendix One. */
  sunderlandCvs: 'sunderland-cvs',
  communityActionWyreForest: 'community-action-wyre-forest',
  /** Fictional national generalist for Wales. */
  walesNationalGeneralist: 'example-wales-council-for-voluntary-action',
  /** England's national generalist named in source 001. */
  englandNationalGeneralist: 'ncvo',
} as const

/** GSS codes the demo's key records are about. */
export const demoKeyAreas = {
  bradford: 'E08000032',
  cardiff: 'W06000015',
  england: 'E92000001',
  wales: 'W92000004',
} as const

/**
 * Regions the demo fills most densely: most districts have a local generalist of their own, and
 * about a quarter a volunteer centre. Elsewhere the districts of a shire county share one local
 * generalist (a hub with a worker in each district) and the other districts have one each. In
 * every region the districts without an active local generalist are exactly
 * `districtsWithoutLocalGeneralist`, so the coverage page's gaps are the deliberate ones.
 */
export const DEMO_DENSE_REGIONS = [
  'E12000001', // North East
  'E12000003', // Yorkshire and The Humber
  'E12000004', // East Midlands
  'E12000008', // South East
  'W92000004', // Wales
] as const
