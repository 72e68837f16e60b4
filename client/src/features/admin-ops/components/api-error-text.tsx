import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../lib/api-client'

/** A failed call said plainly: the server's own message (English) under a translated lead. */
export function ApiErrorText({ error, lead }: { error: unknown; lead: string }) {
  const { i18n, t } = useTranslation()
  const english = (i18n.resolvedLanguage ?? 'en') === 'en'
  const message =
    error instanceof ApiError
      ? error.status === 0
        ? t('errors.network')
        : error.message
      : error instanceof Error
        ? error.message
        : ''
  return (
    <>
      <strong>{lead}</strong>
      {message ? (
        <span lang={english || (error instanceof ApiError && error.status === 0) ? undefined : 'en'}>
          {' '}
          {message}
        </span>
      ) : null}
    </>
  )
}
