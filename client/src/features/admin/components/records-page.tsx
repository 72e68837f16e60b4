import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { hasRole, useSession } from '../../../lib/session'
import { useLocalised } from '../../../lib/use-localised'
import { isStale } from '../../../lib/verification'
import { RECORDS_PER_PAGE, type RecordFilters, type RecordRow, useRecords } from '../api/records'
import { EDITOR_ROLES } from '../lib/admin-nav'

const STATUSES = ['active', 'closed', 'draft'] as const

/** Reads the filters from the address so a filtered list can be shared and survives reloads. */
function filtersFrom(params: URLSearchParams): RecordFilters {
  const status = params.get('status')
  const page = Number(params.get('page') ?? '1')
  return {
    q: params.get('q') ?? undefined,
    status: STATUSES.find((s) => s === status),
    level: params.get('level') ?? undefined,
    area: params.get('area') ?? undefined,
    staleOnly: params.get('stale') === '1',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  }
}

/** `/admin/records`: every record for editors (open and closed), linked records for a provider. */
export function RecordsPage() {
  const { t } = useTranslation()
  const session = useSession()
  const user = session.data?.user
  return (
    <div className="page admin-page">
      <title>{`${t('admin.records.title')} – ${t('app.titleSuffix')}`}</title>
      <h1>{t('admin.records.title')}</h1>
      {hasRole(user, EDITOR_ROLES) ? <EditorRecords /> : <LinkedRecords />}
    </div>
  )
}

function LinkedRecords() {
  const { t } = useTranslation()
  const providers = useSession().data?.providers ?? []
  return (
    <>
      <p>{t('admin.records.yourRecords')}</p>
      {providers.length === 0 ? (
        <p className="notice">{t('admin.records.noLinked')}</p>
      ) : (
        <ul>
          {providers.map((p) => (
            <li key={p.id}>
              <Link to={`/admin/records/${p.id}`}>{p.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function EditorRecords() {
  const { t } = useTranslation()
  const id = useId()
  const localised = useLocalised()
  const [params, setParams] = useSearchParams()
  const filters = filtersFrom(params)
  const records = useRecords(filters)
  const [draft, setDraft] = useState(filters)

  const apply = (next: RecordFilters) => {
    const out = new URLSearchParams()
    if (next.q) out.set('q', next.q)
    if (next.status) out.set('status', next.status)
    if (next.level) out.set('level', next.level)
    if (next.area) out.set('area', next.area.trim().toUpperCase())
    if (next.staleOnly) out.set('stale', '1')
    if (next.page > 1) out.set('page', String(next.page))
    setParams(out)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    apply({ ...draft, page: 1 })
  }

  const data = records.data
  const pages = data ? Math.max(1, Math.ceil(data.total / RECORDS_PER_PAGE)) : 1
  const statusLabel = (status: string) =>
    status === 'active'
      ? t('admin.records.statusActive')
      : status === 'closed'
        ? t('admin.records.statusClosed')
        : t('admin.records.statusDraft')

  return (
    <>
      <p>
        <Link to="/admin/records/new">{t('admin.records.newRecord')}</Link>
      </p>
      <form className="admin-filters" onSubmit={submit} aria-label={t('admin.records.filters')}>
        <div className="admin-field">
          <label htmlFor={`${id}-q`}>{t('admin.records.text')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={draft.q ?? ''}
            disabled={draft.staleOnly}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <div className="admin-field">
          <label htmlFor={`${id}-status`}>{t('admin.records.status')}</label>
          <select
            id={`${id}-status`}
            value={draft.status ?? ''}
            disabled={draft.staleOnly}
            onChange={(e) => setDraft({ ...draft, status: STATUSES.find((s) => s === e.target.value) })}
          >
            <option value="">{t('admin.records.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-field">
          <label htmlFor={`${id}-level`}>{t('admin.records.level')}</label>
          <select
            id={`${id}-level`}
            value={draft.level ?? ''}
            disabled={draft.staleOnly}
            onChange={(e) => setDraft({ ...draft, level: e.target.value || undefined })}
          >
            <option value="">{t('admin.records.anyLevel')}</option>
            {(localised.taxonomy?.levels ?? []).map((term) => (
              <option key={term.code} value={term.code}>
                {localised.label('levels', term.code)}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-field">
          <label htmlFor={`${id}-area`}>{t('admin.records.area')}</label>
          <input
            id={`${id}-area`}
            type="text"
            value={draft.area ?? ''}
            aria-describedby={`${id}-area-hint`}
            onChange={(e) => setDraft({ ...draft, area: e.target.value || undefined })}
          />
          <span id={`${id}-area-hint`} className="hint">
            {t('admin.records.areaHint')}
          </span>
        </div>
        <div className="admin-check">
          <input
            id={`${id}-stale`}
            type="checkbox"
            checked={Boolean(draft.staleOnly)}
            onChange={(e) => setDraft({ ...draft, staleOnly: e.target.checked })}
          />
          <label htmlFor={`${id}-stale`}>{t('admin.records.staleOnly')}</label>
        </div>
        <button type="submit">{t('admin.records.apply')}</button>
      </form>

      <div role="status" aria-live="polite">
        {records.isPending ? t('loading') : data ? t('admin.records.count', { count: data.total }) : ''}
      </div>
      {records.isError ? (
        <p role="alert" className="field-error">
          {records.error.message}
        </p>
      ) : null}
      {data?.months !== undefined ? (
        <p className="hint">{t('admin.records.staleNote', { months: data.months })}</p>
      ) : null}
      {data && data.items.length === 0 ? <p>{t('admin.records.none')}</p> : null}
      {data && data.items.length > 0 ? (
        <table className="admin-records">
          <thead>
            <tr>
              <th scope="col">{t('admin.records.name')}</th>
              <th scope="col">{t('admin.records.level')}</th>
              <th scope="col">{t('admin.records.status')}</th>
              <th scope="col">{t('admin.records.verified')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((row: RecordRow) => (
              <tr key={row.id}>
                <td>
                  <Link to={`/admin/records/${row.id}`}>{row.name}</Link>
                </td>
                <td>{localised.label('levels', row.level)}</td>
                <td>{statusLabel(row.status)}</td>
                <td>
                  {row.lastVerifiedAt ? localised.date(row.lastVerifiedAt) : t('admin.records.neverVerified')}
                  {isStale(row.lastVerifiedAt) ? (
                    <>
                      {' '}
                      <span className="admin-stale">{t('admin.records.stale')}</span>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {data && pages > 1 ? (
        <nav className="admin-pager" aria-label={t('admin.records.pageOf', { page: filters.page, pages })}>
          <button
            type="button"
            disabled={filters.page <= 1}
            onClick={() => apply({ ...filters, page: filters.page - 1 })}
          >
            {t('admin.records.previous')}
          </button>
          <span>{t('admin.records.pageOf', { page: filters.page, pages })}</span>
          <button
            type="button"
            disabled={filters.page >= pages}
            onClick={() => apply({ ...filters, page: filters.page + 1 })}
          >
            {t('admin.records.next')}
          </button>
        </nav>
      ) : null}
    </>
  )
}
