/**
 * The provider record as spreadsheet columns: the bulk import reads these (server/imports/) and the
 * CSV download writes them (server/exports/), so a downloaded file imports again. Each pair is the
 * column's name and the record field (a dotted path) it holds.
 */
/** One row per provider; `;` separates the values of list columns. */
export const CSV_COLUMNS = [
  ['slug', 'slug'],
  ['name', 'name'],
  ['welsh_name', 'welshName'],
  ['kind', 'kind'],
  ['level', 'level'],
  ['org_type', 'orgType'],
  ['status', 'status'],
  ['summary', 'summary'],
  ['description', 'description'],
  ['mission', 'mission'],
  ['remit', 'remit'],
  ['limits', 'limits'],
  ['referral_criteria', 'referralCriteria'],
  ['how_to_access', 'howToAccess'],
  ['cost_type', 'cost.type'],
  ['cost_text', 'cost.text'],
  ['membership_based', 'membershipBased'],
  ['functions', 'functions'],
  ['topics', 'topics'],
  ['strands', 'strands'],
  ['languages', 'languages'],
  ['formats', 'formats'],
  ['opening_hours', 'openingHours'],
  ['website', 'website'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['address', 'address'],
  ['office_lng', 'office.lng'],
  ['office_lat', 'office.lat'],
  ['charity_number', 'charityNumber'],
  ['company_number', 'companyNumber'],
  ['quality_marks', 'qualityMarks'],
  ['annual_report_url', 'annualReportUrl'],
  ['last_verified_at', 'lastVerifiedAt'],
  ['source', 'source'],
  ['coverage_areas', 'coverage.areas'],
] as const
