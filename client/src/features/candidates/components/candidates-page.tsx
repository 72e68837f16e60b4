import { type FormEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useLocalised } from '../../../lib/use-localised'
import { ApiErrorText } from '../../admin-ops/components/api-error-text'
import { OpsPage } from '../../admin-ops/components/ops-gate'
import { Pager } from '../../admin-ops/components/pager'
import { type Candidate, type Decision, useCandidates, useDecideCandidate } from '../api/candidates'

/** `/admin/candidates`: imported drafts to accept, merge or reject (decision 0015). */
export function CandidatesPage() {
  const { t } = useTranslation()
  return (
    <OpsPage title={t('candidates.title')} intro={t('candidates.intro')} roles={['admin', 'editor']}>
      {() => <Queue />}
    </OpsPage>
  )
}

function Queue() {
  const { t } = useTranslation()
  const id = useId()
  const [page, setPage] = useState(1)
  const [source, setSource] = useState('')
  const [chosenSource, setChosenSource] = useState('')
  const [announcement, setAnnouncement] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)
  const queue = useCandidates(source, page)

  const decided = (message: string) => {
    setAnnouncement(message)
    heading.current?.focus()
  }
  const sourceName = (s: string) =>
    s === 'ccew' ? t('candidates.sources.ccew') : t('candidates.sources.feed', { url: s })

  function filter(event: FormEvent) {
    event.preventDefault()
    setPage(1)
    setSource(chosenSource)
  }

  return (
    <>
      <p role="status" className="admin-ops-status">
        {announcement}
      </p>
      {queue.data && queue.data.sources.length > 1 ? (
        <form onSubmit={filter} className="field">
          <label htmlFor={`${id}-source`}>{t('candidates.source')}</label>
          <select id={`${id}-source`} value={chosenSource} onChange={(e) => setChosenSource(e.target.value)}>
            <option value="">{t('candidates.sources.all')}</option>
            {queue.data.sources.map((s) => (
              <option key={s.source} value={s.source}>
                {`${sourceName(s.source)} (${s.count})`}
              </option>
            ))}
          </select>{' '}
          <button type="submit">{t('candidates.show')}</button>
        </form>
      ) : null}
      <section aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
          {t('candidates.heading', { count: queue.data?.total ?? 0 })}
        </h2>
        {queue.isPending ? (
          <p role="status">{t('loading')}</p>
        ) : queue.isError ? (
          <p role="alert">
            <ApiErrorText error={queue.error} lead={t('adminOps.loadFailed')} />
          </p>
        ) : queue.data.items.length === 0 ? (
          <p>{t('candidates.empty')}</p>
        ) : (
          <ul className="candidates-list">
            {queue.data.items.map((c) => (
              <li key={c.id}>
                <CandidateCard candidate={c} sourceName={sourceName(c.source)} onDecided={decided} />
              </li>
            ))}
          </ul>
        )}
        {queue.data ? (
          <Pager page={page} perPage={queue.data.perPage} total={queue.data.total} onPage={setPage} />
        ) : null}
      </section>
    </>
  )
}

function CandidateCard({
  candidate: c,
  sourceName,
  onDecided,
}: {
  candidate: Candidate
  sourceName: string
  onDecided: (message: string) => void
}) {
  const { t } = useTranslation()
  const l = useLocalised()
  const id = useId()
  const decide = useDecideCandidate()
  const [into, setInto] = useState('')
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<'reason' | 'match' | null>(null)
  const none = t('candidates.none')
  const list = (items: string[]) => (items.length > 0 ? l.list(items) : none)

  function run(decision: Decision, message: string) {
    decide.mutate(decision, { onSuccess: () => onDecided(message) })
  }
  function merge(event: FormEvent) {
    event.preventDefault()
    const target = c.matches.find((m) => m.id === into)
    if (!target) {
      setProblem('match')
      return
    }
    setProblem(null)
    run(
      { kind: 'merge', id: c.id, into: target.id },
      t('candidates.merged', { name: c.name, into: target.name }),
    )
  }
  function reject(event: FormEvent) {
    event.preventDefault()
    if (!reason.trim()) {
      setProblem('reason')
      return
    }
    setProblem(null)
    run({ kind: 'reject', id: c.id, reason: reason.trim() }, t('candidates.rejected', { name: c.name }))
  }

  return (
    <article className="candidate" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>{c.name}</h3>
      {c.summary ? <p>{c.summary}</p> : null}
      <dl className="candidate-facts">
        <dt>{t('candidates.source')}</dt>
        <dd>{sourceName}</dd>
        <dt>{t('candidates.sourceId')}</dt>
        <dd>{c.sourceId}</dd>
        <dt>{t('candidates.fetched')}</dt>
        <dd>{l.date(c.fetchedAt)}</dd>
        <dt>{t('candidates.score')}</dt>
        <dd>{c.score ?? t('candidates.noEvidence')}</dd>
        <dt>{t('candidates.evidence')}</dt>
        <dd>
          {c.evidence.length === 0 ? (
            none
          ) : (
            <ul>
              {c.evidence.map((e) => (
                <li key={`${e.from}-${e.match}`}>
                  {t('candidates.evidenceItem', {
                    from: t(`candidates.from.${e.from}` as 'candidates.from.name', { defaultValue: e.from }),
                    match: e.match,
                    points: e.points,
                  })}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {c.source === 'ccew' ? (
          <>
            <dt>{t('candidates.areasOfOperation')}</dt>
            <dd lang="en">{list(c.areasOfOperation)}</dd>
          </>
        ) : null}
        <dt>{t('candidates.areas')}</dt>
        <dd>{list(c.areas.map((a) => (a.name ? `${a.name} (${a.code})` : a.code)))}</dd>
        <dt>{t('candidates.level')}</dt>
        <dd>{l.label('levels', c.level)}</dd>
        <dt>{t('candidates.kind')}</dt>
        <dd>{l.label('kinds', c.kind)}</dd>
        <dt>{t('candidates.functions')}</dt>
        <dd>{list(l.labels('functions', c.functions))}</dd>
        <dt>{t('candidates.strands')}</dt>
        <dd>{list(l.labels('strands', c.strands))}</dd>
        <dt>{t('candidates.orgIds')}</dt>
        <dd>{list(c.orgIds)}</dd>
        {c.latestIncome !== null ? (
          <>
            <dt>{t('candidates.income')}</dt>
            <dd>{`£${c.latestIncome.toLocaleString('en-GB')}`}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <Link to={`/admin/records/${c.id}`}>{t('candidates.edit', { name: c.name })}</Link>
      </p>
      {decide.isError ? (
        <p role="alert">
          <ApiErrorText error={decide.error} lead={t('candidates.failed')} />
        </p>
      ) : null}
      <div className="candidate-actions">
        <button
          type="button"
          disabled={decide.isPending}
          onClick={() => run({ kind: 'accept', id: c.id }, t('candidates.accepted', { name: c.name }))}
        >
          {t('candidates.accept', { name: c.name })}
        </button>
        {c.matches.length === 0 ? (
          <p>{t('candidates.noMatches')}</p>
        ) : (
          <form onSubmit={merge}>
            <fieldset aria-describedby={problem === 'match' ? `${id}-match-error` : undefined}>
              <legend>{t('candidates.mergeLegend', { name: c.name })}</legend>
              {c.matches.map((m) => (
                <div key={m.id} className="radio">
                  <input
                    type="radio"
                    id={`${id}-${m.id}`}
                    name={`${id}-into`}
                    value={m.id}
                    checked={into === m.id}
                    onChange={() => setInto(m.id)}
                  />
                  <label htmlFor={`${id}-${m.id}`}>
                    {`${m.name} (${l.list(m.matchedBy.map((b) => t(`candidates.matchedBy.${b}`)))})`}
                  </label>
                </div>
              ))}
              {problem === 'match' ? (
                <p id={`${id}-match-error`} className="error">
                  {t('candidates.chooseMatch')}
                </p>
              ) : null}
              <button type="submit" disabled={decide.isPending}>
                {t('candidates.merge')}
              </button>
            </fieldset>
          </form>
        )}
        <form onSubmit={reject} noValidate>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('candidates.rejectReason', { name: c.name })}</label>
            <p className="hint" id={`${id}-reason-hint`}>
              {t('candidates.rejectHint')}
            </p>
            {problem === 'reason' ? (
              <p id={`${id}-reason-error`} className="error">
                {t('candidates.reasonRequired')}
              </p>
            ) : null}
            <textarea
              id={`${id}-reason`}
              rows={2}
              maxLength={500}
              required
              aria-invalid={problem === 'reason' ? true : undefined}
              aria-describedby={`${id}-reason-hint${problem === 'reason' ? ` ${id}-reason-error` : ''}`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <button type="submit" disabled={decide.isPending}>
            {t('candidates.reject', { name: c.name })}
          </button>
        </form>
      </div>
    </article>
  )
}
