import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { ApiError } from '../../../lib/api-client'
import { type ReviewRecord, useConfirmReview, useProposeChanges, useReviewLink } from '../api/review-link'

/** The record's fields a provider may propose changes to from the review page, in order. */
const FIELDS = ['summary', 'address', 'email', 'phone', 'website'] as const
type Field = (typeof FIELDS)[number]

function useDate() {
  const { i18n } = useTranslation()
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'cy' ? 'cy-GB' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
  return (iso: string) => format.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso))
}

/** `/review/:token`: the provider confirms its record or proposes changes, without an account. */
export function ReviewPage() {
  const { t } = useTranslation()
  const { token = '' } = useParams()
  const link = useReviewLink(token)
  const date = useDate()

  if (link.isPending) {
    return (
      <main className="page">
        <h1>{t('reviews.page.title')}</h1>
        <p role="status">{t('reviews.page.loading')}</p>
      </main>
    )
  }
  if (link.isError) {
    const err = link.error
    const kind =
      err instanceof ApiError && err.status === 410
        ? err.errorName === 'ReviewLinkUsed'
          ? 'used'
          : 'expired'
        : err instanceof ApiError && (err.status === 404 || err.status === 400)
          ? 'unknown'
          : 'failed'
    return (
      <main className="page">
        <h1>{t(`reviews.page.problem.${kind}.title`)}</h1>
        <p>{t(`reviews.page.problem.${kind}.text`)}</p>
      </main>
    )
  }
  const { record, expiresAt } = link.data
  return (
    <main className="page">
      <h1>{t('reviews.page.title')}</h1>
      <p>{t('reviews.page.intro', { name: record.name, date: date(expiresAt) })}</p>
      <RecordDetails record={record} />
      <Decide token={token} record={record} />
    </main>
  )
}

function RecordDetails({ record }: { record: ReviewRecord }) {
  const { t } = useTranslation()
  const date = useDate()
  return (
    <section aria-labelledby="review-record">
      <h2 id="review-record">{record.name}</h2>
      <dl>
        {FIELDS.map((field) => (
          <div key={field}>
            <dt>{t(`reviews.page.fields.${field}`)}</dt>
            <dd>{record[field] || t('reviews.page.empty')}</dd>
          </div>
        ))}
        <div>
          <dt>{t('reviews.page.lastVerified')}</dt>
          <dd>{record.lastVerifiedAt ? date(record.lastVerifiedAt) : t('reviews.page.neverVerified')}</dd>
        </div>
      </dl>
    </section>
  )
}

function Decide({ token, record }: { token: string; record: ReviewRecord }) {
  const { t } = useTranslation()
  const date = useDate()
  const confirm = useConfirmReview(token)
  const propose = useProposeChanges(token)
  const [proposing, setProposing] = useState(false)
  const done = useRef<HTMLParagraphElement>(null)
  const finished = confirm.isSuccess || propose.isSuccess

  useEffect(() => {
    if (finished) done.current?.focus()
  }, [finished])

  if (confirm.isSuccess) {
    return (
      <p ref={done} tabIndex={-1} role="status" className="review-done">
        {t('reviews.page.confirmed', { date: date(confirm.data.lastVerifiedAt) })}
      </p>
    )
  }
  if (propose.isSuccess) {
    return (
      <p ref={done} tabIndex={-1} role="status" className="review-done">
        {t('reviews.page.proposed')}
      </p>
    )
  }
  return (
    <section aria-labelledby="review-decide">
      <h2 id="review-decide">{t('reviews.page.question')}</h2>
      {confirm.isError && <p role="alert">{confirm.error.message}</p>}
      <div className="review-actions">
        <button type="button" onClick={() => confirm.mutate()} disabled={confirm.isPending}>
          {t('reviews.page.confirm')}
        </button>
        <button type="button" aria-expanded={proposing} onClick={() => setProposing((v) => !v)}>
          {t('reviews.page.propose')}
        </button>
      </div>
      {proposing && (
        <ChangesForm
          record={record}
          pending={propose.isPending}
          error={propose.error}
          onSend={(body) => propose.mutate(body)}
        />
      )}
    </section>
  )
}

function ChangesForm(props: {
  record: ReviewRecord
  pending: boolean
  error: Error | null
  onSend: (body: { proposed: Record<string, string>; message?: string }) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [values, setValues] = useState<Record<Field, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f, props.record[f] ?? ''])) as Record<Field, string>,
  )
  const [message, setMessage] = useState('')
  const [problem, setProblem] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    const proposed: Record<string, string> = {}
    for (const f of FIELDS) {
      const value = values[f].trim()
      if (value !== '' && value !== (props.record[f] ?? '')) proposed[f] = value
    }
    if (Object.keys(proposed).length === 0 && message.trim() === '') {
      setProblem(t('reviews.page.nothingToSend'))
      return
    }
    setProblem('')
    props.onSend({ proposed, ...(message.trim() ? { message: message.trim() } : {}) })
  }

  const details = props.error instanceof ApiError ? props.error.details : undefined
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('reviews.page.changesHeading')}</h3>
      <p>{t('reviews.page.changesIntro')}</p>
      {FIELDS.map((f) => (
        <div className="field" key={f}>
          <label htmlFor={`${id}-${f}`}>{t(`reviews.page.fields.${f}`)}</label>
          {f === 'summary' || f === 'address' ? (
            <textarea
              id={`${id}-${f}`}
              value={values[f]}
              rows={3}
              onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
            />
          ) : (
            <input
              id={`${id}-${f}`}
              type={f === 'email' ? 'email' : f === 'website' ? 'url' : 'text'}
              value={values[f]}
              onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
            />
          )}
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-message`}>{t('reviews.page.message')}</label>
        <textarea
          id={`${id}-message`}
          value={message}
          rows={4}
          onChange={(e) => setMessage(e.target.value)}
        />
      </div>
      {(problem || props.error) && (
        <p role="alert">
          {problem || props.error?.message}
          {Array.isArray(details) &&
            details.map((d: { field?: string; message?: string }) => ` ${d.field ?? ''}: ${d.message ?? ''}`)}
        </p>
      )}
      <button type="submit" disabled={props.pending}>
        {t('reviews.page.send')}
      </button>
    </form>
  )
}
