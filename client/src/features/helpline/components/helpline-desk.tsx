import {
  type FormEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react'
import { useTranslation } from 'react-i18next'
import type { Reason } from '../../../../../server/enquiries/enquiry-schemas'
import { DirectoryCoverageNotice } from '../../../components/directory/directory-coverage-notice'
import { ApiError } from '../../../lib/api-client'
import type { SessionUser } from '../../../lib/session'
import { useLocalised } from '../../../lib/use-localised'
import { type SignpostAsk, useSignpost } from '../api/get-signpost'
import { type EnquiryInput, type LoggedEnquiry, useLogEnquiry, useUndoEnquiry } from '../api/log-enquiry'
import type { SignpostProvider } from '../api/signpost-types'
import { useReasonText } from '../hooks/use-reason-text'
import { newCallKey } from '../lib/call-key'
import { type NeedOption, needOptions } from '../lib/need-options'
import { type ScriptWords, signpostScript, WEEKDAYS } from '../lib/signpost-script'
import { AskChoices } from './ask-choices'
import { FollowUpList } from './follow-up-list'
import { LogControls } from './log-controls'
import { NeedField } from './need-field'
import { OptionList } from './option-list'
import { ShortcutHelp } from './shortcut-help'

const CHANNELS = ['phone', 'email', 'web', 'in-person'] as const
type Channel = (typeof CHANNELS)[number]
type Outcome = EnquiryInput['outcome']

type Announcement = {
  key:
    | 'helpline.script.copied'
    | 'helpline.script.copyFailed'
    | 'helpline.log.searchFirst'
    | 'helpline.log.logged.referred'
    | 'helpline.log.logged.adviceOnly'
    | 'helpline.log.logged.none'
    | 'helpline.log.signedOut'
    | 'helpline.log.failed'
    | 'helpline.log.alreadyLogged'
    | 'helpline.log.undone'
    | 'helpline.log.undoFailed'
  params?: Record<string, string>
}

/** Reasons worth saying to the caller: where, who for, what, and where it refers on. */
const SCRIPT_REASONS = new Set([
  'covers',
  'strands',
  'serves-all-groups',
  'offers',
  'need-not-listed',
  'refers',
])

/**
 * The helpline screen for a signed-in member of staff: postcode (focused on arrival), need,
 * groups, Enter searches; focus then moves to the first option, where single keys copy the
 * script and log the outcome. Every message is announced through the status region.
 */
export function HelplineDesk({ user }: { user: SessionUser }) {
  const { t } = useTranslation()
  const localised = useLocalised()
  const { taxonomy, language, areaName, label } = localised
  const reasonOf = useReasonText()
  const id = useId()
  const postcodeRef = useRef<HTMLInputElement>(null)
  const statusRef = useRef<HTMLParagraphElement>(null)
  const scriptRef = useRef<HTMLTextAreaElement>(null)
  const optionRefs = useRef<Array<HTMLElement | null>>([])
  const undoRef = useRef<HTMLButtonElement>(null)
  const logButtonsRef = useRef<HTMLDivElement>(null)

  const [postcode, setPostcode] = useState('')
  const [needText, setNeedText] = useState('')
  const [need, setNeed] = useState<NeedOption>()
  const [strands, setStrands] = useState<string[]>([])
  // The caller's language (other than English) and the formats they need: asked for, ranked first.
  const [languages, setLanguages] = useState<string[]>([])
  const [formats, setFormats] = useState<string[]>([])
  const [channel, setChannel] = useState<Channel>('phone')
  const [reason, setReason] = useState<Reason | ''>('')
  const [note, setNote] = useState('')
  // The call's idempotency key, and what this call logged (the log keys are off until undone).
  const [callKey, setCallKey] = useState(newCallKey)
  const [logged, setLogged] = useState<LoggedEnquiry>()
  const [ask, setAsk] = useState<SignpostAsk>()
  const [errors, setErrors] = useState<{ postcode?: boolean; need?: boolean }>({})
  const [active, setActive] = useState(0)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  // Kept as a message key, not text, so a change of language re-renders it.
  const [announcement, setAnnouncement] = useState<Announcement>()
  const [manualScript, setManualScript] = useState<string>()
  const focusOnResults = useRef(false)
  // Counts searches, so asking the same thing again (answered from the cache) still moves focus.
  const [searches, setSearches] = useState(0)

  const query = useSignpost(ask)
  const logEnquiry = useLogEnquiry()
  const undoEnquiry = useUndoEnquiry()
  const busy = logEnquiry.isPending || undoEnquiry.isPending
  const response = query.isPlaceholderData ? undefined : query.data
  const providers = useMemo(() => response?.groups.flatMap((g) => g.providers) ?? [], [response])

  useEffect(() => {
    postcodeRef.current?.focus()
  }, [])

  // After a search the first option gets focus (or the status line when there is none), so the
  // keys that act on options work straight away.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `searches` re-runs this for a repeated search answered from the cache
  useEffect(() => {
    if (!focusOnResults.current || query.isFetching) return
    if (query.isSuccess && !query.isPlaceholderData) {
      focusOnResults.current = false
      setActive(0)
      if (providers.length > 0) optionRefs.current[0]?.focus()
      else statusRef.current?.focus()
    } else if (query.isError) {
      focusOnResults.current = false
      statusRef.current?.focus()
    }
  }, [query.isFetching, query.isSuccess, query.isError, query.isPlaceholderData, providers, searches])

  const reasonText = useCallback(
    (provider: SignpostProvider) => provider.reasonCodes.map(reasonOf),
    [reasonOf],
  )

  const search = () => {
    const pc = postcode.trim()
    const resolved =
      need ?? (needText.trim() && taxonomy ? needOptions(taxonomy, needText, language)[0] : undefined)
    setErrors({ postcode: !pc, need: !resolved })
    if (!pc) {
      postcodeRef.current?.focus()
      return
    }
    if (!resolved) {
      document.getElementById(`${id}-need`)?.focus()
      return
    }
    if (resolved !== need) {
      setNeed(resolved)
      setNeedText(resolved.label)
    }
    setChosen(new Set())
    setManualScript(undefined)
    focusOnResults.current = true
    setSearches((n) => n + 1)
    setAsk({
      postcode: pc,
      need: { vocabulary: resolved.vocabulary, code: resolved.code },
      strands,
      languages,
      formats,
    })
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    search()
  }

  const choices = { strands, languages, formats }
  const setChoices = { strands: setStrands, languages: setLanguages, formats: setFormats }
  /** Toggles a group, language or format; once the caller has been searched for, searches again. */
  const toggle = (field: keyof typeof choices, code: string) => {
    const current = choices[field]
    const next = current.includes(code) ? current.filter((c) => c !== code) : [...current, code]
    setChoices[field](next)
    if (ask) setAsk({ ...ask, [field]: next })
  }

  const newCall = () => {
    setPostcode('')
    setNeedText('')
    setNeed(undefined)
    setStrands([])
    setLanguages([])
    setFormats([])
    setAsk(undefined)
    setErrors({})
    setChosen(new Set())
    setManualScript(undefined)
    setAnnouncement(undefined)
    setReason('')
    setNote('')
    setLogged(undefined)
    setCallKey(newCallKey())
    postcodeRef.current?.focus()
  }

  const words: ScriptWords = useMemo(
    () => ({
      heading: (name, level) => t('helpline.script.heading', { name, level }),
      why: t('helpline.script.why'),
      contact: t('helpline.script.contact'),
      phone: t('helpline.script.phone'),
      email: t('helpline.script.email'),
      website: t('helpline.script.website'),
      address: t('helpline.script.address'),
      access: t('helpline.script.access'),
      hours: t('helpline.script.hours'),
      noHours: t('helpline.script.noHours'),
      slot: (opens, closes) => t('helpline.script.slot', { opens, closes }),
      days: Object.fromEntries(
        WEEKDAYS.map((d) => [d, t(`helpline.script.days.${d}`)]),
      ) as ScriptWords['days'],
      referral: t('helpline.script.referral'),
      level: (code) => label('levels', code),
      language,
    }),
    [t, label, language],
  )

  const copy = async (provider: SignpostProvider) => {
    const reasons = provider.reasonCodes.filter((r) => SCRIPT_REASONS.has(r.code)).map(reasonOf)
    const script = signpostScript(provider, reasons, words)
    try {
      await navigator.clipboard.writeText(script)
      setManualScript(undefined)
      setAnnouncement({ key: 'helpline.script.copied', params: { name: provider.name } })
    } catch {
      // Clipboard refused (permissions, an insecure origin): show it, selected, to copy by hand.
      setManualScript(script)
      setAnnouncement({ key: 'helpline.script.copyFailed' })
      requestAnimationFrame(() => scriptRef.current?.select())
    }
  }

  const toggleChosen = (provider: SignpostProvider) => {
    const next = new Set(chosen)
    if (next.has(provider.id)) next.delete(provider.id)
    else next.add(provider.id)
    setChosen(next)
  }

  const log = (outcome: Outcome) => {
    if (busy) return
    if (logged) {
      setAnnouncement({ key: 'helpline.log.alreadyLogged' })
      return
    }
    if (!ask || !response) {
      setAnnouncement({ key: 'helpline.log.searchFirst' })
      return
    }
    const focused = providers[active]
    const referredTo =
      outcome === 'referred' ? (chosen.size > 0 ? [...chosen] : focused ? [focused.id] : []) : undefined
    if (outcome === 'referred' && referredTo?.length === 0) {
      setAnnouncement({ key: 'helpline.log.searchFirst' })
      return
    }
    const names = providers.filter((p) => referredTo?.includes(p.id)).map((p) => p.name)
    logEnquiry.mutate(
      {
        postcode: ask.postcode,
        ...(ask.need.vocabulary === 'functions' ? { function: ask.need.code } : { topic: ask.need.code }),
        ...(ask.strands.length > 0 ? { strands: ask.strands } : {}),
        channel,
        outcome,
        ...(referredTo ? { referredTo } : {}),
        ...(reason ? { reason } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        idempotencyKey: callKey,
      },
      {
        onSuccess: (enquiry) => {
          setLogged(enquiry)
          setChosen(new Set())
          // Logged with a button: Undo, the one thing left to do with them, takes focus.
          if (logButtonsRef.current?.contains(document.activeElement)) {
            requestAnimationFrame(() => undoRef.current?.focus())
          }
          setAnnouncement(
            outcome === 'referred'
              ? { key: 'helpline.log.logged.referred', params: { names: names.join(', ') } }
              : {
                  key:
                    outcome === 'advice-only' ? 'helpline.log.logged.adviceOnly' : 'helpline.log.logged.none',
                },
          )
        },
        onError: (err) => {
          setAnnouncement(
            err instanceof ApiError && err.status === 401
              ? { key: 'helpline.log.signedOut' }
              : { key: 'helpline.log.failed', params: { message: err.message } },
          )
        },
      },
    )
  }

  const undo = () => {
    if (busy || !logged) return
    undoEnquiry.mutate(logged.id, {
      onSuccess: () => {
        setLogged(undefined)
        setCallKey(newCallKey())
        setAnnouncement({ key: 'helpline.log.undone' })
        if (document.activeElement === undoRef.current || document.activeElement === document.body) {
          if (providers.length > 0) optionRefs.current[active]?.focus()
          else statusRef.current?.focus()
        }
      },
      onError: (err) => {
        setAnnouncement(
          err instanceof ApiError && err.status === 401
            ? { key: 'helpline.log.signedOut' }
            : { key: 'helpline.log.undoFailed', params: { message: err.message } },
        )
      },
    })
  }

  const focusOption = (index: number) => {
    if (providers.length === 0) return
    const next = Math.max(0, Math.min(providers.length - 1, index))
    setActive(next)
    optionRefs.current[next]?.focus()
  }

  // Single-key shortcuts, only while focus is in the results (WCAG 2.1.4: never while typing).
  const onResultsKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || busy) return
    const target = event.target as HTMLElement
    if (target.closest('input, textarea, select')) return
    const onControl = target.tagName === 'BUTTON' || target.tagName === 'A'
    const focused = providers[active]
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
      case 'J':
        event.preventDefault()
        focusOption(active + 1)
        break
      case 'ArrowUp':
      case 'k':
      case 'K':
        event.preventDefault()
        focusOption(active - 1)
        break
      case ' ':
        if (onControl || !focused) return
        event.preventDefault()
        toggleChosen(focused)
        break
      case 'c':
      case 'C':
        if (!focused) return
        event.preventDefault()
        void copy(focused)
        break
      case 'r':
      case 'R':
        event.preventDefault()
        log('referred')
        break
      case 'a':
      case 'A':
        event.preventDefault()
        log('advice-only')
        break
      case 'n':
      case 'N':
        event.preventDefault()
        log('no-suitable-provider')
        break
      case 'u':
      case 'U':
        event.preventDefault()
        undo()
        break
      case '/':
        event.preventDefault()
        newCall()
        break
    }
  }

  const needLabel = ask && taxonomy ? label(ask.need.vocabulary, ask.need.code) : ''
  const district = response?.place.areas.find((a) => a.level === 'local')
  const placeName = district ? areaName(district) : (response?.place.postcode ?? ask?.postcode ?? '')
  const qualifyingShown = providers.filter((p) => p.reasonCodes.some((r) => r.code === 'offers')).length
  const hidden = response ? Math.max(0, response.matchedTotal - qualifyingShown) : 0

  let status = ''
  if (ask && query.isFetching) status = t('helpline.results.searching')
  else if (ask && query.isError) {
    status = `${t('helpline.results.failed')}: ${query.error instanceof ApiError ? query.error.message : t('errors.network')}`
  } else if (response && providers.length === 0)
    status = t('helpline.results.none', { place: placeName, need: needLabel })
  else if (response) {
    status = t('helpline.results.summary', { count: providers.length, need: needLabel, place: placeName })
  }

  // Said with the status: the caller's postcode has no UK location, or was placed by a centroid.
  const where = response?.place
  const placeNote =
    where?.outside && where.outside !== 'no-area'
      ? t(`results.outsideReason.${where.outside}`, { postcode: where.postcode ?? '' })
      : where?.precision && where.precision !== 'postcode'
        ? t(`results.precision.${where.precision}`)
        : ''

  const errorText = errors.postcode
    ? t('helpline.form.missingPostcode')
    : errors.need
      ? t('helpline.form.missingNeed')
      : ''

  return (
    <div className="helpline-desk">
      <p className="hint helpline-user">{t('auth.signedInAs', { email: user.email })}</p>
      <form className="helpline-form" aria-label={t('helpline.form.label')} onSubmit={submit} noValidate>
        <div id={`${id}-error`} role="alert" className="field-error">
          {errorText ? (
            <>
              <span className="visually-hidden">{t('helpline.form.errorPrefix')} </span>
              <strong>{errorText}</strong>
            </>
          ) : null}
        </div>
        <div className="helpline-form-row">
          <div className="helpline-field">
            <label htmlFor={`${id}-postcode`}>{t('helpline.form.postcode')}</label>
            <p id={`${id}-postcode-hint`} className="hint">
              {t('helpline.form.postcodeHint')}
            </p>
            <input
              ref={postcodeRef}
              id={`${id}-postcode`}
              type="text"
              name="postcode"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={postcode}
              onChange={(event) => setPostcode(event.target.value)}
              aria-describedby={`${id}-postcode-hint ${id}-error`}
              aria-invalid={errors.postcode || undefined}
            />
          </div>
          <div className="helpline-field helpline-need">
            <label htmlFor={`${id}-need`}>{t('helpline.form.need')}</label>
            <p id={`${id}-need-hint`} className="hint">
              {t('helpline.form.needHint')}
            </p>
            <NeedField
              inputId={`${id}-need`}
              taxonomy={taxonomy}
              text={needText}
              chosen={need}
              onTextChange={(text) => {
                setNeedText(text)
                setNeed(undefined)
              }}
              onChoose={(option) => {
                setNeed(option)
                setNeedText(option.label)
              }}
              describedBy={`${id}-need-hint ${id}-error`}
              invalid={Boolean(errors.need)}
            />
          </div>
        </div>
        {taxonomy ? (
          <AskChoices taxonomy={taxonomy} selected={choices} onToggle={toggle} onSubmit={() => search()} />
        ) : null}
        <div className="helpline-form-row">
          <div className="helpline-field">
            <label htmlFor={`${id}-channel`}>{t('helpline.form.channel')}</label>
            <select
              id={`${id}-channel`}
              value={channel}
              onChange={(event) => setChannel(event.target.value as Channel)}
            >
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`helpline.form.channels.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="helpline-buttons">
            <button type="submit">{t('helpline.form.search')}</button>
            <button type="button" className="button-secondary" onClick={newCall}>
              {t('helpline.form.newCall')}
            </button>
          </div>
        </div>
      </form>

      <section className="helpline-results" aria-labelledby={`${id}-results`} onKeyDown={onResultsKeyDown}>
        <h2 id={`${id}-results`}>{t('helpline.results.heading')}</h2>
        <p ref={statusRef} tabIndex={-1} role="status" className="helpline-status">
          {status}
          {placeNote && !query.isFetching ? <span className="helpline-place-note"> {placeNote}</span> : null}
        </p>
        <DirectoryCoverageNotice
          coverage={response?.directoryCoverage}
          headingLevel={3}
          extra={t('directoryScope.logHint')}
        />
        {response && hidden > 0 ? (
          <p className="hint">{t('helpline.results.moreMatched', { count: hidden })}</p>
        ) : null}
        {response ? (
          <OptionList
            response={response}
            active={active}
            chosen={chosen}
            reasonText={reasonText}
            optionRef={(index, element) => {
              optionRefs.current[index] = element
            }}
            onFocusOption={setActive}
            onCopy={(provider) => void copy(provider)}
            onToggleChosen={toggleChosen}
          />
        ) : null}
        {response ? <FollowUpList items={response.followUp} /> : null}

        <section className="helpline-log" aria-labelledby={`${id}-log`}>
          <h2 id={`${id}-log`}>{t('helpline.log.heading')}</h2>
          <p className="hint">{t('helpline.log.hint')}</p>
          <p role="status" aria-live="polite" className="helpline-announcement">
            {logEnquiry.isPending
              ? t('helpline.log.logging')
              : undoEnquiry.isPending
                ? t('helpline.log.undoing')
                : announcement
                  ? t(announcement.key, announcement.params)
                  : ''}
          </p>
          {manualScript !== undefined ? (
            <div className="helpline-field">
              <label htmlFor={`${id}-script`}>{t('helpline.script.label')}</label>
              <textarea id={`${id}-script`} ref={scriptRef} readOnly rows={8} value={manualScript} />
            </div>
          ) : null}
          <LogControls
            idPrefix={id}
            reason={reason}
            onReason={setReason}
            note={note}
            onNote={setNote}
            logged={Boolean(logged)}
            busy={busy}
            undoPending={undoEnquiry.isPending}
            onLog={log}
            onUndo={undo}
            undoRef={undoRef}
            buttonsRef={logButtonsRef}
          />
        </section>
      </section>

      <ShortcutHelp />
    </div>
  )
}
