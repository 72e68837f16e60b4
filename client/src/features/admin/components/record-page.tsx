import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate } from 'react-router'
import { ApiError } from '../../../lib/api-client'
import { hasRole, useSession } from '../../../lib/session'
import type { Vocabulary } from '../../../lib/taxonomy'
import { useLocalised } from '../../../lib/use-localised'
import {
  conflictVersion,
  type ProviderDetail,
  type RecordAction,
  useRecord,
  useRecordAction,
  useSaveRecord,
} from '../api/records'
import { EDITOR_ROLES } from '../lib/admin-nav'
import {
  bodyFromForm,
  type CodeField,
  emptyForm,
  formFieldOf,
  formFromRecord,
  type RecordForm,
  type TextField,
} from '../lib/record-form'
import { AuditHistory } from './audit-history'
import { CoverageEditor } from './coverage-editor'
import { HoursEditor } from './hours-editor'
import { OfficeEditor } from './office-editor'

/** `/admin/records/:id` (edit) and `/admin/records/new` (create). */
export function RecordPage({ id }: { id?: string }) {
  const { t } = useTranslation()
  const record = useRecord(id)
  if (!id) return <RecordEditor />
  if (record.isPending)
    return (
      <div className="page admin-page">
        <p role="status">{t('loading')}</p>
      </div>
    )
  if (record.isError) {
    const missing = record.error instanceof ApiError && record.error.status === 404
    return (
      <div className="page admin-page">
        <p role="alert">{missing ? t('admin.record.notFound') : record.error.message}</p>
        <Link to="/admin/records">{t('admin.record.back')}</Link>
      </div>
    )
  }
  return <RecordEditor record={record.data} onReload={() => void record.refetch()} />
}

interface Problem {
  field?: keyof RecordForm
  path: string
  message: string
}

function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError) || error.status !== 400) return []
  const details = Array.isArray(error.details)
    ? (error.details as Array<{ field?: string; message?: string }>)
    : []
  if (details.length === 0) return [{ path: '', message: error.message }]
  return details.map((d) => ({
    field: formFieldOf(d.field ?? ''),
    path: d.field ?? '',
    message: d.message ?? error.message,
  }))
}

function RecordEditor({ record, onReload }: { record?: ProviderDetail; onReload?: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const navigate = useNavigate()
  const localised = useLocalised()
  const user = useSession().data?.user
  const isEditor = hasRole(user, EDITOR_ROLES)
  const [form, setForm] = useState<RecordForm>(() => (record ? formFromRecord(record) : emptyForm()))
  const location = useLocation()
  const [message, setMessage] = useState(() =>
    (location.state as { created?: boolean } | null)?.created ? t('admin.record.created') : '',
  )
  const save = useSaveRecord()
  const action = useRecordAction()
  const summaryRef = useRef<HTMLDivElement>(null)
  const statusRef = useRef<HTMLDivElement>(null)
  const problems = problemsOf(save.error)
  const conflict = conflictVersion(save.error) ?? conflictVersion(action.error)
  const otherError =
    save.error && problems.length === 0 && conflict === undefined
      ? save.error
      : action.error && conflict === undefined
        ? action.error
        : null

  // Errors and outcomes take focus so screen-reader and keyboard users land on them.
  useEffect(() => {
    if (problems.length > 0 || conflict !== undefined || otherError) summaryRef.current?.focus()
  }, [problems.length, conflict, otherError])
  useEffect(() => {
    if (message) statusRef.current?.focus()
  }, [message])

  const set = <K extends keyof RecordForm>(key: K, value: RecordForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }))
  const errorFor = (field: keyof RecordForm) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => p.message)
      .join('; ')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setMessage('')
    action.reset()
    save.mutate(
      { id: record?.id, version: record?.version, body: bodyFromForm(form, !record) },
      {
        onSuccess: (result) => {
          if (result.queued) setMessage(t('admin.record.queued'))
          else if (!record) navigate(`/admin/records/${result.record.id}`, { state: { created: true } })
          else {
            setForm(formFromRecord(result.record))
            setMessage(t('admin.record.saved', { version: result.record.version }))
          }
        },
      },
    )
  }

  const runAction = (kind: RecordAction) => {
    if (!record) return
    setMessage('')
    save.reset()
    action.mutate(
      { id: record.id, version: record.version, action: kind },
      {
        onSuccess: () =>
          setMessage(
            t(
              kind === 'close'
                ? 'admin.record.closedDone'
                : kind === 'reopen'
                  ? 'admin.record.reopenedDone'
                  : 'admin.record.verifiedDone',
            ),
          ),
      },
    )
  }

  const reload = () => {
    save.reset()
    action.reset()
    onReload?.()
  }
  useEffect(() => {
    // After a reload (conflict) the form shows the latest version.
    if (record) setForm(formFromRecord(record))
  }, [record])

  const text = (
    field: TextField,
    options: { multiline?: boolean; type?: string; hint?: string; lang?: string } = {},
  ) => {
    const error = errorFor(field)
    const describedBy = [options.hint ? `${id}-${field}-hint` : '', error ? `${id}-${field}-error` : '']
      .filter(Boolean)
      .join(' ')
    const common = {
      id: `${id}-${field}`,
      name: field,
      value: form[field] as string,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy || undefined,
      lang: options.lang,
    }
    return (
      <div className="admin-field">
        <label htmlFor={`${id}-${field}`}>
          {t(`admin.record.fields.${field}` as 'admin.record.fields.name')}
        </label>
        {options.hint ? (
          <span id={`${id}-${field}-hint`} className="hint">
            {options.hint}
          </span>
        ) : null}
        {error ? (
          <span id={`${id}-${field}-error`} className="field-error">
            {error}
          </span>
        ) : null}
        {options.multiline ? (
          <textarea {...common} onChange={(e) => set(field, e.target.value)} />
        ) : (
          <input {...common} type={options.type ?? 'text'} onChange={(e) => set(field, e.target.value)} />
        )}
      </div>
    )
  }

  const select = (field: 'kind' | 'level' | 'orgType' | 'costType', vocabulary: Vocabulary) => {
    const error = errorFor(field)
    return (
      <div className="admin-field">
        <label htmlFor={`${id}-${field}`}>{t(`admin.record.fields.${field}`)}</label>
        {error ? (
          <span id={`${id}-${field}-error`} className="field-error">
            {error}
          </span>
        ) : null}
        <select
          id={`${id}-${field}`}
          value={form[field]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-${field}-error` : undefined}
          onChange={(e) => set(field, e.target.value)}
        >
          <option value="">{t('admin.record.choose')}</option>
          {(localised.taxonomy?.[vocabulary] ?? []).map((term) => (
            <option key={term.code} value={term.code}>
              {localised.label(vocabulary, term.code)}
            </option>
          ))}
        </select>
      </div>
    )
  }

  const codes = (field: CodeField) => {
    const error = errorFor(field)
    const chosen = new Set(form[field])
    return (
      <fieldset className="admin-fieldset" aria-describedby={error ? `${id}-${field}-error` : undefined}>
        <legend>{t(`admin.record.fields.${field}`)}</legend>
        {error ? (
          <p id={`${id}-${field}-error`} className="field-error">
            {error}
          </p>
        ) : null}
        <div className="admin-choices">
          {(localised.taxonomy?.[field] ?? []).map((term) => (
            <label key={term.code} className="admin-check">
              <input
                type="checkbox"
                checked={chosen.has(term.code)}
                onChange={(e) =>
                  set(
                    field,
                    e.target.checked
                      ? [...form[field], term.code]
                      : form[field].filter((c) => c !== term.code),
                  )
                }
              />
              {localised.label(field, term.code)}
            </label>
          ))}
        </div>
      </fieldset>
    )
  }

  const title = record ? t('admin.record.titleEdit', { name: record.name }) : t('admin.record.titleNew')

  return (
    <div className="page admin-page">
      <title>{`${title} – ${t('app.titleSuffix')}`}</title>
      <p>
        <Link to="/admin/records">{t('admin.record.back')}</Link>
      </p>
      <h1>{title}</h1>
      {record ? (
        <Meta record={record}>
          {isEditor ? (
            <div className="admin-actions">
              {record.status === 'closed' ? (
                <button type="button" onClick={() => runAction('reopen')} disabled={action.isPending}>
                  {t('admin.record.reopen')}
                </button>
              ) : (
                <button type="button" onClick={() => runAction('close')} disabled={action.isPending}>
                  {t('admin.record.close')}
                </button>
              )}
              <button type="button" onClick={() => runAction('verify')} disabled={action.isPending}>
                {t('admin.record.verify')}
              </button>
            </div>
          ) : null}
        </Meta>
      ) : null}

      <div ref={statusRef} tabIndex={-1} role="status" className="admin-status">
        {message}
      </div>
      <div
        ref={summaryRef}
        tabIndex={-1}
        role="alert"
        className={
          problems.length || conflict !== undefined || otherError ? 'admin-error-summary' : undefined
        }
      >
        {conflict !== undefined ? (
          <>
            <p>{t('admin.record.conflict', { version: conflict })}</p>
            <button type="button" onClick={reload}>
              {t('admin.record.reload')}
            </button>
          </>
        ) : null}
        {problems.length > 0 ? (
          <>
            <p>
              <strong>{t('admin.record.invalid', { count: problems.length })}</strong>
            </p>
            <ul>
              {problems.map((p) => (
                <li key={`${p.path}-${p.message}`}>
                  {p.field ? (
                    <a href={`#${id}-${p.field}`}>{`${t(
                      (p.field === 'hours'
                        ? 'admin.record.hours.legend'
                        : p.field === 'hoursNotes'
                          ? 'admin.record.hours.notes'
                          : p.field === 'office'
                            ? 'admin.record.office.legend'
                            : `admin.record.fields.${p.field}`) as 'admin.record.fields.name',
                    )}: ${p.message}`}</a>
                  ) : (
                    `${p.path ? `${p.path}: ` : ''}${p.message}`
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {otherError ? <p>{t('admin.record.failed', { message: otherError.message })}</p> : null}
      </div>

      <form onSubmit={submit} noValidate aria-label={title}>
        <fieldset className="admin-fieldset">
          <legend>{t('admin.record.identity')}</legend>
          {text('name')}
          {text('welshName', { lang: 'cy' })}
          {text('slug', { hint: t('admin.record.fields.slugHint') })}
          {select('kind', 'kinds')}
          {select('level', 'levels')}
          {select('orgType', 'orgTypes')}
          {text('summary', { multiline: true })}
          {text('welshSummary', { multiline: true, lang: 'cy' })}
          {!record ? (
            <div className="admin-field">
              <label htmlFor={`${id}-status`}>{t('admin.record.fields.status')}</label>
              <select
                id={`${id}-status`}
                value={form.status}
                onChange={(e) => set('status', e.target.value === 'draft' ? 'draft' : 'active')}
              >
                <option value="active">{t('admin.records.statusActive')}</option>
                <option value="draft">{t('admin.records.statusDraft')}</option>
              </select>
            </div>
          ) : null}
        </fieldset>
        <fieldset className="admin-fieldset">
          <legend>{t('admin.record.description')}</legend>
          {text('description', { multiline: true })}
          {text('welshDescription', { multiline: true, lang: 'cy' })}
          {text('mission', { multiline: true })}
          {text('remit', { multiline: true })}
          {text('limits', { multiline: true })}
          {text('referralCriteria', { multiline: true })}
          {text('howToAccess', { multiline: true })}
          {text('welshHowToAccess', { multiline: true, lang: 'cy' })}
          {select('costType', 'costTypes')}
          {text('costText')}
          <div className="admin-check">
            <input
              id={`${id}-membershipBased`}
              type="checkbox"
              checked={form.membershipBased}
              onChange={(e) => set('membershipBased', e.target.checked)}
            />
            <label htmlFor={`${id}-membershipBased`}>{t('admin.record.fields.membershipBased')}</label>
          </div>
        </fieldset>
        <fieldset className="admin-fieldset">
          <legend>{t('admin.record.vocabularies')}</legend>
          {codes('functions')}
          {codes('topics')}
          {codes('strands')}
          {codes('languages')}
          {codes('formats')}
        </fieldset>
        <fieldset className="admin-fieldset">
          <legend>{t('admin.record.contact')}</legend>
          {text('website', { type: 'url' })}
          {text('email', { type: 'email' })}
          {text('phone', { type: 'tel' })}
          {text('address', { multiline: true })}
          {text('charityNumber')}
          {text('companyNumber')}
          {text('qualityMarks', { multiline: true, hint: t('admin.record.fields.qualityMarksHint') })}
          {text('annualReportUrl', { type: 'url' })}
          {text('source')}
        </fieldset>
        <HoursEditor
          hours={form.hours}
          notes={form.hoursNotes}
          error={errorFor('hours')}
          notesError={errorFor('hoursNotes')}
          onHours={(hours) => set('hours', hours)}
          onNotes={(notes) => set('hoursNotes', notes)}
        />
        <OfficeEditor
          office={form.office}
          error={errorFor('office')}
          onChange={(office) => set('office', office)}
        />
        <button type="submit" disabled={save.isPending}>
          {save.isPending
            ? t('admin.record.saving')
            : record
              ? t('admin.record.save')
              : t('admin.record.create')}
        </button>
      </form>

      {record ? <CoverageEditor record={record} /> : null}
      {record && isEditor ? <AuditHistory id={record.id} /> : null}
    </div>
  )
}

function Meta({ record, children }: { record: ProviderDetail; children: ReactNode }) {
  const { t } = useTranslation()
  const localised = useLocalised()
  const status =
    record.status === 'active'
      ? t('admin.records.statusActive')
      : record.status === 'closed'
        ? t('admin.records.statusClosed')
        : t('admin.records.statusDraft')
  return (
    <div className="admin-meta">
      <p>
        {t('admin.record.version', { version: record.version })} · {t('admin.record.statusLine', { status })}{' '}
        ·{' '}
        {t('admin.record.verifiedLine', {
          date: record.lastVerifiedAt
            ? localised.date(record.lastVerifiedAt)
            : t('admin.records.neverVerified'),
        })}{' '}
        · <Link to={`/providers/${record.slug}`}>{t('admin.record.publicPage')}</Link>
      </p>
      {children}
    </div>
  )
}
