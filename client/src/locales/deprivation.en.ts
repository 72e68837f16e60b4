/** English strings of the deprivation overlay, columns and profile block (IMD 2019, England). */
export const deprivationEn = {
  overlay: {
    toggle: 'Show deprivation (England, IMD 2019)',
    heading: 'Deprivation outline',
    high: '40 % or more of people live in England’s most deprived 20 % of neighbourhoods (thick solid outline)',
    mid: '20–40 % of people do (dashed outline)',
    low: 'Under 20 % (no outline)',
    notApplicable: 'Wales, Scotland and Northern Ireland: the English index does not apply (no outline)',
    hint: 'Read the outline with the fill: a heavy outline over a pale or cross-hatched fill is a deprived area with thin support.',
  },
  table: {
    rank: 'Deprivation rank (IMD 2019, population-weighted)',
    share: 'People in the most deprived 10 % / 20 %',
    deprivedThin: 'Deprived and thin',
    thinYes: 'Thin support',
    thinNo: 'Closer support',
    sortHint:
      '“Deprived and thin” lists first the areas where support comes only from a more distant level or not at all, most deprived first.',
  },
  tooltip: '{{text}}; deprivation: {{share}} of people in England’s most deprived 20 %',
  unavailable: {
    'outside-england': 'The English index does not apply here',
    'below-districts': 'Not given for wards',
    'not-loaded': 'No figures loaded',
  },
  profile: {
    heading: 'Deprivation (English Indices of Deprivation 2019)',
    rank: 'Population-weighted average rank',
    rankValue: '{{rank}} of 32,844 (1 = most deprived)',
    place: 'Place among {{type}}',
    placeValue: '{{rank}} of {{of}} (1 = most deprived)',
    decile1: 'People in England’s most deprived 10 %',
    decile12: 'People in England’s most deprived 20 %',
    population: 'Population, mid-2015',
    bands: 'By age: 0–15 {{young}}, 16–59 {{middle}}, 60 and over {{older}}',
    derivedDistrict: 'Summed over its {{count}} small areas (LSOAs).',
    derivedArea: 'Summed over the {{count}} small areas (LSOAs) of its districts.',
    outsideEngland:
      'The English Indices of Deprivation do not apply here: Wales, Scotland and Northern Ireland measure deprivation with their own indices on different small areas, which are not loaded.',
    belowDistricts:
      'Deprivation is given for districts and larger areas: the small areas are not coded to wards.',
    notLoaded: 'No deprivation figures are loaded for this area.',
    loading: 'Loading deprivation…',
    failed: 'Could not load the deprivation figures.',
    source: 'Source: English Indices of Deprivation 2019, MHCLG (Open Government Licence v3.0).',
    types: {
      lad: 'districts',
      county: 'counties',
      'upper-tier': 'upper-tier authorities',
      'combined-authority': 'combined authorities',
      region: 'regions',
      nation: 'nations',
    },
  },
}
