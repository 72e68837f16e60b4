import type { ParseKeys } from 'i18next'

/** One entry of the site navigation: a route path and the i18n key of its label. */
export interface NavItem {
  path: string
  labelKey: ParseKeys
}
