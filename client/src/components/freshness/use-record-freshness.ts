import { type Freshness, freshnessOf, londonDate } from '../../../../server/providers/freshness'
import { useAppConfig } from '../../lib/app-config'

/**
 * The freshness policy's verdict on a record shown in full (the provider page), with the
 * deployment's settings from GET /api/config and today's London date; null until they are known.
 */
export function useRecordFreshness(record: {
  lastVerifiedAt: string | null
  source: string
  phone: string | null
  email: string | null
  website: string | null
}): Freshness | null {
  const config = useAppConfig()
  const policy = config.data?.freshness
  if (!policy) return null
  return freshnessOf(record, londonDate(new Date()), policy)
}
