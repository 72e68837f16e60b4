import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { type Freshness, useFreshness } from '../api/freshness'
import { ApiErrorText } from './api-error-text'
import { OpsPage } from './ops-gate'

/** `/admin/freshness`: how fresh the records covering an area are, and what their review links did. */
export function FreshnessPage() {
  const { t } = useTranslation()
  return (
    <OpsPage
      title={t('reviews.freshness.title')}
      intro={t('reviews.freshness.intro')}
      roles={['admin', 'editor']}
    >
      {() => <Dashboard />}
    </OpsPage>
  )
}

function Dashboard() {
  const { t } = useTranslation()
  const id = useId()
  const [draft, setDraft] = useState('')
  const [within, setWithin] = useState('')
  const freshness = useFreshness(within)

  function submit(event: FormEvent) {
    event.preventDefault()
    setWithin(draft.trim().toUpperCase())
  }

  return (
    <>
      <form onSubmit={submit} className="field">
        <label htmlFor={`${id}-area`}>{t('reviews.freshness.area')}</label>
        <p className="hint" id={`${id}-hint`}>
          {t('reviews.freshness.areaHint')}
        </p>
        <input
          id={`${id}-area`}
          aria-describedby={`${id}-hint`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />{' '}
        <button type="submit">{t('reviews.freshness.show')}</button>
      </form>
      {freshness.isPending ? (
        <p role="status">{t('loading')}</p>
      ) : freshness.isError ? (
        <p role="alert">
          <ApiErrorText error={freshness.error} lead={t('adminOps.loadFailed')} />
        </p>
      ) : (
        <Figures data={freshness.data} />
      )}
    </>
  )
}

function Figures({ data }: { data: Freshness }) {
  const { t } = useTranslation()
  // Keys built from the answer's values (states, review outcomes): checked by the locale tests.
  const f = (key: string, options?: Record<string, unknown>): string =>
    String(t(`reviews.freshness.${key}` as never, options as never))
  const { records: r, reviewLinks: l, policy } = data
  const rows: Array<[string, number]> = [
    [f('fresh', { months: policy.staleMonths }), r.fresh],
    [f('stale', { months: policy.staleMonths }), r.stale],
    [f('neverVerified'), r.neverVerified],
    [f('expired', { months: policy.expiredMonths }), r.expired],
    [f('noContact'), r.noContact],
    [f('noEmail'), r.noEmail],
  ]
  const links: Array<[string, number]> = [
    [f('sent'), l.sent],
    [f('opened'), l.opened],
    [f('confirmed'), l.confirmed],
    [f('changesProposed'), l.changesProposed],
    [f('failing'), l.failing],
    [f('failedSends'), l.failedSends],
  ]
  const place = data.area ? `${data.area.name} (${data.area.code})` : f('whole')
  return (
    <section aria-live="polite">
      <h2>{place}</h2>
      <h3>{f('recordsHeading', { total: r.total })}</h3>
      <dl className="freshness-figures">
        {rows.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      <h3>{f('linksHeading')}</h3>
      <dl className="freshness-figures">
        {links.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      <h3>{f('attentionHeading')}</h3>
      {data.attention.length === 0 ? (
        <p>{f('attentionEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{`${f('attentionHeading')}: ${place}`}</caption>
            <thead>
              <tr>
                <th scope="col">{f('record')}</th>
                <th scope="col">{f('lastChecked')}</th>
                <th scope="col">{f('state')}</th>
                <th scope="col">{f('contact')}</th>
                <th scope="col">{f('review')}</th>
              </tr>
            </thead>
            <tbody>
              {data.attention.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/admin/records/${a.id}`}>{a.name}</Link>
                  </th>
                  <td>{a.lastVerifiedAt ?? f('never')}</td>
                  <td>{f(`states.${a.freshness}`)}</td>
                  <td>{a.hasContactRoute ? f('yes') : f('no')}</td>
                  <td>
                    {f(`reviewStates.${a.review}`)}
                    {a.lastError && a.review === 'sending-failed' ? ` (${a.lastError})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
