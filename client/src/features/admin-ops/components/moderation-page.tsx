import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { byFormOrder, recordFieldLabel } from '../../../lib/record-values'
import { useLocalised } from '../../../lib/use-localised'
import {
  type FieldChange,
  type ModerationItem,
  useDecide,
  useModerationItem,
  useModerationQueue,
} from '../api/moderation'
import { ApiErrorText } from './api-error-text'
import { OpsPage } from './ops-gate'
import { Pager } from './pager'
import { Words } from './words'

/** `/admin/moderation`: suggestions and provider-role edits waiting for an editor. */
export function ModerationPage() {
  const { t } = useTranslation()
  return (
    <OpsPage
      title={t('adminOps.moderation.title')}
      intro={t('adminOps.moderation.intro')}
      roles={['admin', 'editor']}
    >
      {() => <ModerationQueue />}
    </OpsPage>
  )
}

function ModerationQueue() {
  const { t, i18n } = useTranslation()
  const id = useId()
  const localised = useLocalised()
  const [page, setPage] = useState(1)
  const [openId, setOpenId] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const queueHeading = useRef<HTMLHeadingElement>(null)
  const queue = useModerationQueue(page)
  const dateFormat = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    dateStyle: 'medium',
    timeStyle: 'short',
  })

  const decided = (message: string) => {
    setOpenId(null)
    setAnnouncement(message)
    queueHeading.current?.focus()
  }

  const total = queue.data?.total ?? 0
  const perPage = queue.data?.perPage ?? 25
  return (
    <>
      <p role="status" className="admin-ops-status">
        {announcement}
      </p>
      <section aria-labelledby={`${id}-queue`}>
        <h2 id={`${id}-queue`} ref={queueHeading} tabIndex={-1}>
          {t('adminOps.moderation.queueHeading', { total })}
        </h2>
        {queue.isPending ? (
          <p role="status">{t('loading')}</p>
        ) : queue.isError ? (
          <p role="alert">
            <ApiErrorText error={queue.error} lead={t('adminOps.loadFailed')} />
          </p>
        ) : queue.data.items.length === 0 ? (
          <p>{t('adminOps.moderation.empty')}</p>
        ) : (
          <table className="admin-ops-table">
            <thead>
              <tr>
                <th scope="col">{t('adminOps.moderation.record')}</th>
                <th scope="col">{t('adminOps.moderation.origin')}</th>
                <th scope="col">{t('adminOps.moderation.submitted')}</th>
                <th scope="col">{t('adminOps.moderation.fields')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('adminOps.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {queue.data.items.map((item) => (
                <tr key={item.id}>
                  <td>{item.provider.name ?? item.providerId}</td>
                  <td>{t(`adminOps.moderation.origins.${item.origin}`)}</td>
                  <td>{dateFormat.format(new Date(item.createdAt))}</td>
                  <td>
                    {localised.list(
                      item.changes
                        .filter((c) => c.changed)
                        .map((c) => c.field)
                        .sort(byFormOrder)
                        .map((field) => recordFieldLabel(field, t)),
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button-small"
                      aria-expanded={openId === item.id}
                      onClick={() => setOpenId(openId === item.id ? null : item.id)}
                    >
                      {t('adminOps.moderation.review', { name: item.provider.name ?? item.providerId })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager page={page} perPage={perPage} total={total} onPage={setPage} />
      </section>
      {openId ? <ModerationDetail id={openId} onDecided={decided} /> : null}
    </>
  )
}

function ModerationDetail({ id, onDecided }: { id: string; onDecided: (message: string) => void }) {
  const { t } = useTranslation()
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const item = useModerationItem(id)
  const loaded = item.data !== undefined
  useEffect(() => {
    if (loaded) heading.current?.focus()
  }, [loaded])

  if (item.isPending) return <p role="status">{t('loading')}</p>
  if (item.isError)
    return (
      <p role="alert">
        <ApiErrorText error={item.error} lead={t('adminOps.loadFailed')} />
      </p>
    )
  const data = item.data
  const name = data.provider.name ?? data.providerId
  return (
    <section className="admin-ops-panel" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('adminOps.moderation.detailHeading', { name })}
      </h2>
      {data.provider.slug ? (
        <p>
          <a href={`/providers/${data.provider.slug}`}>{t('adminOps.moderation.viewRecord', { name })}</a>
        </p>
      ) : null}
      {data.message ? (
        <p>
          <strong>{t('adminOps.moderation.message')}</strong> {data.message}
        </p>
      ) : null}
      <ChangeTables changes={data.changes} />
      <Decision item={data} onDecided={onDecided} />
    </section>
  )
}

/**
 * The proposal in words: the fields it changes first (now beside proposed), under the edit form's
 * labels, then the fields it leaves alone, folded away.
 */
function ChangeTables({ changes }: { changes: FieldChange[] }) {
  const { t } = useTranslation()
  const localised = useLocalised()
  const id = useId()
  const sorted = [...changes].sort((a, b) => byFormOrder(a.field, b.field))
  const changed = sorted.filter((c) => c.changed)
  const unchanged = sorted.filter((c) => !c.changed)
  return (
    <>
      <h3 id={`${id}-changed`}>{t('adminOps.diff.changedHeading', { count: changed.length })}</h3>
      {changed.length === 0 ? (
        <p>{t('adminOps.diff.noneChanged')}</p>
      ) : (
        <table className="admin-ops-table admin-ops-diff">
          <caption className="visually-hidden">{t('adminOps.diff.changedCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('adminOps.field')}</th>
              <th scope="col">{t('adminOps.moderation.current')}</th>
              <th scope="col">{t('adminOps.moderation.proposed')}</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((change) => (
              <tr key={change.field}>
                <th scope="row">{recordFieldLabel(change.field, t)}</th>
                <td>
                  <Words field={change.field} value={change.current} localised={localised} />
                </td>
                <td>
                  <Words field={change.field} value={change.proposed} localised={localised} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unchanged.length > 0 ? (
        <details className="admin-ops-unchanged">
          <summary>{t('adminOps.diff.unchangedSummary', { count: unchanged.length })}</summary>
          <table className="admin-ops-table admin-ops-diff">
            <caption className="visually-hidden">{t('adminOps.diff.unchangedCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adminOps.field')}</th>
                <th scope="col">{t('adminOps.diff.value')}</th>
              </tr>
            </thead>
            <tbody>
              {unchanged.map((change) => (
                <tr key={change.field}>
                  <th scope="row">{recordFieldLabel(change.field, t)}</th>
                  <td>
                    <Words field={change.field} value={change.current} localised={localised} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </>
  )
}

function Decision({ item, onDecided }: { item: ModerationItem; onDecided: (message: string) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const decide = useDecide()
  const [reason, setReason] = useState('')
  const [reasonMissing, setReasonMissing] = useState(false)
  const reasonRef = useRef<HTMLTextAreaElement>(null)
  const name = item.provider.name ?? item.providerId

  const approve = () =>
    decide.mutate(
      { id: item.id, approve: true },
      { onSuccess: () => onDecided(t('adminOps.moderation.approved', { name })) },
    )
  const reject = (event: FormEvent) => {
    event.preventDefault()
    if (!reason.trim()) {
      setReasonMissing(true)
      reasonRef.current?.focus()
      return
    }
    setReasonMissing(false)
    decide.mutate(
      { id: item.id, approve: false, reason: reason.trim() },
      { onSuccess: () => onDecided(t('adminOps.moderation.rejected', { name })) },
    )
  }

  return (
    <div className="admin-ops-decision">
      <div role="alert" className="field-error">
        {decide.isError ? (
          <ApiErrorText error={decide.error} lead={t('adminOps.moderation.decideFailed')} />
        ) : null}
      </div>
      <button type="button" onClick={approve} disabled={decide.isPending}>
        {t('adminOps.moderation.approve')}
      </button>
      <form onSubmit={reject} noValidate className="admin-ops-form">
        <label htmlFor={`${id}-reason`}>{t('adminOps.moderation.reason')}</label>
        <span className="field-error" id={`${id}-reason-error`}>
          {reasonMissing ? t('adminOps.moderation.reasonMissing') : ''}
        </span>
        <textarea
          id={`${id}-reason`}
          ref={reasonRef}
          value={reason}
          rows={3}
          maxLength={1000}
          required
          aria-invalid={reasonMissing || undefined}
          aria-describedby={`${id}-reason-error`}
          onChange={(event) => setReason(event.target.value)}
        />
        <button type="submit" className="button-secondary" disabled={decide.isPending}>
          {t('adminOps.moderation.reject')}
        </button>
      </form>
    </div>
  )
}
