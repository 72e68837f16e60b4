import type { TFunction } from 'i18next'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../lib/api-client'
import type { PostcodeResult } from '../api/geo-types'
import { normalisePostcode } from '../hooks/use-map-params'
import { postcodeOutsideText } from '../lib/postcode-outside'

interface PostcodeSearchProps {
  /** The postcode last searched (from the URL). */
  postcode: string | undefined
  status: 'idle' | 'pending' | 'error' | 'success'
  error: unknown
  result: PostcodeResult | undefined
  onSearch(postcode: string): void
}

/** The "find a postcode" form. Progress, results and errors are announced through live regions. */
export function PostcodeSearch({ postcode, status, error, result, onSearch }: PostcodeSearchProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [value, setValue] = useState(postcode ?? '')
  const [empty, setEmpty] = useState(false)

  // Back/forward navigation changes the searched postcode: show it in the box.
  useEffect(() => {
    if (postcode) setValue(postcode)
  }, [postcode])

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const normalised = normalisePostcode(value)
    setEmpty(normalised === '')
    if (normalised) onSearch(normalised)
  }

  const failure = empty
    ? { heading: t('postcode.empty'), detail: undefined }
    : status === 'error'
      ? describeError(error, t)
      : undefined
  const errorId = `${id}-error`
  const uiIsEnglish = (i18n.resolvedLanguage ?? 'en') === 'en'

  return (
    <search className="postcode-search" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('postcode.heading')}</h2>
      <form onSubmit={submit} noValidate>
        <label htmlFor={`${id}-input`}>{t('postcode.label')}</label>
        <p id={`${id}-hint`} className="hint">
          {t('postcode.hint')}
        </p>
        <div id={errorId} role="alert" className="field-error">
          {failure ? (
            <>
              <strong>{failure.heading}</strong>
              {failure.detail ? (
                // Server messages are English; say so, so screen readers pronounce them right.
                <span lang={uiIsEnglish ? undefined : 'en'}> {failure.detail}</span>
              ) : null}
            </>
          ) : null}
        </div>
        <div className="postcode-row">
          <input
            id={`${id}-input`}
            name="postcode"
            type="text"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            autoComplete="postal-code"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={`${id}-hint ${errorId}`}
            aria-invalid={failure ? true : undefined}
          />
          <button type="submit">{t('postcode.submit')}</button>
        </div>
        <p role="status" className="postcode-status">
          {status === 'pending' && postcode
            ? t('postcode.searching', { postcode })
            : status === 'success' && result
              ? result.coverage === 'outside'
                ? postcodeOutsideText(t, result)
                : t('postcode.found', { postcode: result.postcode, count: result.areas.length })
              : null}
        </p>
      </form>
    </search>
  )
}

// The default namespace's t: ReturnType<typeof useTranslation> would widen it to every namespace,
// which makes TypeScript give up (too deep) once the message catalogue is large.
type Translate = TFunction<'translation'>

/** A heading in the interface language, plus the server's own explanation for bad or unknown input. */
function describeError(error: unknown, t: Translate): { heading: string; detail: string | undefined } {
  if (!(error instanceof ApiError) || error.status === 0)
    return { heading: t('errors.network'), detail: undefined }
  if (error.status === 400) return { heading: t('postcode.invalid'), detail: error.message }
  if (error.status === 404) return { heading: t('postcode.notFound'), detail: error.message }
  return { heading: t('postcode.failed'), detail: t('errors.server') }
}
