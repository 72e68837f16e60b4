import { searchQuerySchema } from '../directory/directory-schemas'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'

/**
 * A download's query: GET /api/providers' filters, so bad input is the same 400 naming the field,
 * less its paging (a download holds every match), so page and perPage are refused.
 */
export function exportQuerySchema(taxonomy: Taxonomy) {
  return searchQuerySchema(taxonomy, { paging: false })
}
