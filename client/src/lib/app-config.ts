import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from './api-client'

/** `GET /api/config`: what the browser needs to know about this deployment. */
export interface AppConfig {
  /** Leaflet tile URL template; '' means no background tiles. */
  tileUrl: string
  engine: 'embedded' | 'server'
  /** True while the directory holds demo or generated records: every page says so. */
  demonstrationData: boolean
  /** The freshness policy's settings (docs/decisions/0020). */
  freshness?: { staleMonths: number; expiredMonths: number }
}

export const getAppConfig = ({ signal }: { signal?: AbortSignal } = {}) =>
  api.get<AppConfig>('/config', { signal })

export const appConfigQueryOptions = () =>
  queryOptions({ queryKey: ['config'], queryFn: getAppConfig, staleTime: Number.POSITIVE_INFINITY })

export const useAppConfig = () => useQuery(appConfigQueryOptions())
