import { type FormEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { findTerm, termLabel, useTaxonomy } from '../../../lib/taxonomy'
import { exactTerm } from '../lib/match-terms'
import {
  looksLikePostcode,
  normalisePostcode,
  roundCoordinate,
  type SearchPlace,
  type SearchState,
} from '../lib/search-state'
import { NeedCombobox, type NeedTerm } from './need-combobox'
import { StrandChoices } from './strand-choices'

interface SearchFormProps {
  /** The search to start from (the URL's, on the results page). */
  initial: SearchState
  onSearch(next: SearchState): void
  /** A problem the server found with the place (an unknown postcode), shown on the postcode field. */
  placeError?: string
  /** Wording of the submit button. */
  submitLabel: string
}

type LocationStatus = 'idle' | 'locating' | 'denied' | 'unavailable'

interface FieldErrors {
  place?: string
}

const needInputId = 'need-input'
const postcodeInputId = 'postcode-input'

function initialNeed(state: SearchState): NeedTerm | undefined {
  if (state.functions[0]) return { vocabulary: 'functions', code: state.functions[0] }
  if (state.topics[0]) return { vocabulary: 'topics', code: state.topics[0] }
  return undefined
}

/**
 * The three questions of the find-support journey: what, where, and (optionally) who with.
 * Used on the home page and, prefilled from the URL, on the results page.
 */
export function SearchForm({ initial, onSearch, placeError, submitLabel }: SearchFormProps) {
  const { t, i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? i18n.language
  const id = useId()
  const taxonomy = useTaxonomy()

  const [needTerm, setNeedTerm] = useState<NeedTerm | undefined>(() => initialNeed(initial))
  // undefined: the box shows the chosen term's label (in the current language).
  const [needText, setNeedText] = useState<string | undefined>(() =>
    initialNeed(initial) ? undefined : initial.q,
  )
  const [postcode, setPostcode] = useState(initial.place?.kind === 'postcode' ? initial.place.postcode : '')
  const [fixedPlace, setFixedPlace] = useState<SearchPlace | undefined>(
    initial.place?.kind === 'point' || initial.place?.kind === 'area' ? initial.place : undefined,
  )
  const [strands, setStrands] = useState<string[]>(initial.strands)
  const [locationStatus, setLocationStatus] = useState<LocationStatus>('idle')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [announcement, setAnnouncement] = useState('')
  const summaryRef = useRef<HTMLDivElement>(null)

  const termText = needTerm
    ? (() => {
        const term = findTerm(taxonomy.data, needTerm.vocabulary, needTerm.code)
        return term ? termLabel(term, language) : needTerm.code
      })()
    : ''
  const shownNeed = needText ?? termText

  const placeMessage = errors.place ?? placeError
  const geolocationAvailable = typeof navigator !== 'undefined' && 'geolocation' in navigator

  const locateMe = () => {
    setLocationStatus('locating')
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setFixedPlace({
          kind: 'point',
          lat: roundCoordinate(position.coords.latitude),
          lng: roundCoordinate(position.coords.longitude),
        })
        setErrors({})
        setLocationStatus('idle')
      },
      (error) => {
        setLocationStatus(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable')
        document.getElementById(postcodeInputId)?.focus()
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 5 * 60_000 },
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    let place: SearchPlace | undefined = fixedPlace
    const found: FieldErrors = {}
    if (!place) {
      if (!postcode.trim()) found.place = t('findSupport.place.errors.missing')
      else if (!looksLikePostcode(postcode)) found.place = t('findSupport.place.errors.format')
      else place = { kind: 'postcode', postcode: normalisePostcode(postcode) }
    }
    setErrors(found)
    if (found.place || !place) {
      // The summary takes focus, so the problem is read out and its link leads to the field.
      requestAnimationFrame(() => summaryRef.current?.focus())
      return
    }
    let term = needTerm
    let q: string | undefined
    const typed = (needText ?? '').trim()
    if (!term && typed && taxonomy.data) {
      const exact = exactTerm(taxonomy.data, typed, ['functions', 'topics'])
      if (exact && exact.vocabulary !== 'strands') term = { vocabulary: exact.vocabulary, code: exact.code }
    }
    if (!term && typed) q = typed
    onSearch({
      ...initial,
      functions: term?.vocabulary === 'functions' ? [term.code] : [],
      topics: term?.vocabulary === 'topics' ? [term.code] : [],
      q,
      place,
      strands,
      page: 1,
    })
  }

  const needHintId = `${id}-need-hint`
  const placeHintId = `${id}-place-hint`
  const placeErrorId = `${id}-place-error`
  const locationStatusId = `${id}-location-status`

  return (
    <search className="search-form" aria-label={t('findSupport.form.label')}>
      <form noValidate onSubmit={submit}>
        {errors.place ? (
          <div className="error-summary" ref={summaryRef} tabIndex={-1}>
            <h2 id={`${id}-summary-title`}>{t('findSupport.form.errorSummary')}</h2>
            <ul>
              <li>
                <a
                  href={`#${postcodeInputId}`}
                  onClick={(event) => {
                    event.preventDefault()
                    document.getElementById(postcodeInputId)?.focus()
                  }}
                >
                  {errors.place}
                </a>
              </li>
            </ul>
          </div>
        ) : null}

        <div className="question">
          <label htmlFor={needInputId} className="question-label">
            {t('findSupport.need.label')} <span className="optional">{t('findSupport.need.optional')}</span>
          </label>
          <p className="hint" id={needHintId}>
            {t('findSupport.need.hint')}
          </p>
          {taxonomy.isError ? <p className="notice">{t('findSupport.taxonomyFailed')}</p> : null}
          <NeedCombobox
            inputId={needInputId}
            taxonomy={taxonomy.data}
            text={shownNeed}
            term={needText === undefined ? needTerm : undefined}
            describedBy={needHintId}
            invalid={false}
            onTextChange={(text) => {
              setNeedText(text)
              setNeedTerm(undefined)
            }}
            onPick={(term, label) => {
              setNeedTerm(term)
              setNeedText(undefined)
              setAnnouncement(t('findSupport.need.chosen', { label }))
            }}
            onPickStrand={(code, label) => {
              setStrands((current) => (current.includes(code) ? current : [...current, code]))
              setAnnouncement(t('findSupport.need.strandAdded', { label }))
            }}
          />
        </div>

        <fieldset className="question" aria-describedby={placeHintId}>
          <legend className="question-label">{t('findSupport.place.legend')}</legend>
          <p className="hint" id={placeHintId}>
            {t('findSupport.place.hint')}
          </p>
          {fixedPlace ? (
            <div className="fixed-place">
              <p>
                {/* Not lat/lng: i18next reads an `lng` option as the language to translate into. */}
                {fixedPlace.kind === 'point'
                  ? t('findSupport.place.usingLocation', {
                      latitude: fixedPlace.lat,
                      longitude: fixedPlace.lng,
                    })
                  : fixedPlace.kind === 'area'
                    ? t('findSupport.place.usingArea', { code: fixedPlace.code })
                    : null}
              </p>
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setFixedPlace(undefined)
                  requestAnimationFrame(() => document.getElementById(postcodeInputId)?.focus())
                }}
              >
                {t('findSupport.place.clearLocation')}
              </button>
            </div>
          ) : (
            <div className="place-row">
              <div className="postcode-field">
                <label htmlFor={postcodeInputId}>{t('findSupport.place.postcodeLabel')}</label>
                <p className="hint" id={`${id}-postcode-hint`}>
                  {t('findSupport.place.postcodeHint')}
                </p>
                <p className="field-error" id={placeErrorId}>
                  {placeMessage ? (
                    <>
                      <span className="visually-hidden">{t('findSupport.form.errorPrefix')} </span>
                      {placeMessage}
                    </>
                  ) : null}
                </p>
                <input
                  id={postcodeInputId}
                  type="text"
                  className="postcode-input"
                  autoComplete="postal-code"
                  spellCheck={false}
                  value={postcode}
                  onChange={(event) => setPostcode(event.target.value)}
                  aria-describedby={`${id}-postcode-hint ${placeErrorId} ${locationStatusId}`}
                  aria-invalid={placeMessage ? true : undefined}
                />
              </div>
              {geolocationAvailable ? (
                <div className="location-choice">
                  <span className="or" aria-hidden="true">
                    {t('findSupport.place.or')}
                  </span>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={locateMe}
                    disabled={locationStatus === 'locating'}
                  >
                    {t('findSupport.place.useLocation')}
                  </button>
                </div>
              ) : null}
            </div>
          )}
          <p role="status" id={locationStatusId} className="location-status">
            {locationStatus === 'locating'
              ? t('findSupport.place.locating')
              : locationStatus === 'denied'
                ? t('findSupport.place.locationDenied')
                : locationStatus === 'unavailable'
                  ? t('findSupport.place.locationUnavailable')
                  : ''}
          </p>
        </fieldset>

        <StrandChoices
          taxonomy={taxonomy.data}
          selected={strands}
          onChange={setStrands}
          language={language}
        />

        <p className="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </p>
        <button type="submit" className="submit-search">
          {submitLabel}
        </button>
      </form>
    </search>
  )
}
