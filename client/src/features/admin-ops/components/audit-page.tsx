import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { byFormOrder, recordFieldLabel } from '../../../lib/record-values'
import { hasRole, type SessionUser } from '../../../lib/session'
import { useLocalised } from '../../../lib/use-localised'
import {
  AUDIT_ACTIONS,
  AUDIT_PER_PAGE,
  type AuditAction,
  type AuditFilters,
  type AuditItem,
  useAudit,
} from '../api/audit'
import { useUsers } from '../api/users'
import { changedFields, dayToIso } from '../lib/format-value'
import { ApiErrorText } from './api-error-text'
import { OpsPage } from './ops-gate'
import { Pager } from './pager'
import { ValueCell } from './value-cell'
import { Words } from './words'

/** The kinds of thing the trail records changes to. */
const ENTITY_TYPES = [
  'provider',
  'suggestion',
  'referral_pathway',
  'provider_user',
  'coverage-baseline',
] as const

/** `/admin/audit`: who changed what, when. Admins filter the whole trail; editors read one record's. */
export function AuditPage() {
  const { t } = useTranslation()
  return (
    <OpsPage title={t('adminOps.audit.title')} intro={t('adminOps.audit.intro')} roles={['admin', 'editor']}>
      {(user) => <AuditTrail user={user} />}
    </OpsPage>
  )
}

interface FormState {
  name: string
  actor: string
  entityType: string
  entityId: string
  action: string
  from: string
  to: string
}

const emptyForm: FormState = {
  name: '',
  actor: '',
  entityType: '',
  entityId: '',
  action: '',
  from: '',
  to: '',
}

function toFilters(form: FormState, page: number): AuditFilters {
  return {
    page,
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    ...(form.actor ? { actor: form.actor } : {}),
    ...(form.entityType ? { entityType: form.entityType } : {}),
    ...(form.entityId.trim() ? { entityId: form.entityId.trim() } : {}),
    ...(form.action ? { action: form.action as AuditAction } : {}),
    ...(dayToIso(form.from) ? { from: dayToIso(form.from) } : {}),
    ...(dayToIso(form.to, true) ? { to: dayToIso(form.to, true) } : {}),
  }
}

function AuditTrail({ user }: { user: SessionUser }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const isAdmin = hasRole(user, ['admin'])
  const [form, setForm] = useState<FormState>(emptyForm)
  const [applied, setApplied] = useState<FormState>(emptyForm)
  const [page, setPage] = useState(1)
  // Editors read provider records' trails (by name, or all), or one record's (the server says 403 otherwise).
  const ready =
    isAdmin ||
    applied.name.trim().length >= 2 ||
    applied.entityType === 'provider' ||
    (applied.entityType !== '' && applied.entityId.trim() !== '')
  const audit = useAudit(toFilters(applied, page), ready)
  const users = useUsers(isAdmin)
  const dateFormat = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  })

  const set = (field: keyof FormState) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setApplied(form)
    setPage(1)
  }

  const total = audit.data?.total ?? 0
  return (
    <>
      <form
        onSubmit={submit}
        noValidate
        className="admin-ops-form admin-ops-filters"
        aria-labelledby={`${id}-filters`}
      >
        <h2 id={`${id}-filters`}>{t('adminOps.audit.filtersHeading')}</h2>
        {isAdmin ? null : <p className="hint">{t('adminOps.auditByName.editorHint')}</p>}
        <label htmlFor={`${id}-name`}>{t('adminOps.auditByName.name')}</label>
        <span id={`${id}-name-hint`} className="hint">
          {t('adminOps.auditByName.nameHint')}
        </span>
        <input
          id={`${id}-name`}
          type="search"
          value={form.name}
          aria-describedby={`${id}-name-hint`}
          onChange={set('name')}
        />
        {isAdmin ? (
          <>
            <label htmlFor={`${id}-actor`}>{t('adminOps.audit.actor')}</label>
            <select id={`${id}-actor`} value={form.actor} onChange={set('actor')}>
              <option value="">{t('adminOps.audit.anyone')}</option>
              {(users.data?.items ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.email}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label htmlFor={`${id}-type`}>{t('adminOps.audit.entityType')}</label>
        <select id={`${id}-type`} value={form.entityType} onChange={set('entityType')}>
          <option value="">{t('adminOps.audit.anyType')}</option>
          {ENTITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`adminOps.audit.entityTypes.${type}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-entity`}>{t('adminOps.audit.entityId')}</label>
        <input id={`${id}-entity`} type="text" value={form.entityId} onChange={set('entityId')} />
        <label htmlFor={`${id}-action`}>{t('adminOps.audit.action')}</label>
        <select id={`${id}-action`} value={form.action} onChange={set('action')}>
          <option value="">{t('adminOps.audit.anyAction')}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(`adminOps.audit.actions.${action}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-from`}>{t('adminOps.audit.from')}</label>
        <input id={`${id}-from`} type="date" value={form.from} onChange={set('from')} />
        <label htmlFor={`${id}-to`}>{t('adminOps.audit.to')}</label>
        <input id={`${id}-to`} type="date" value={form.to} onChange={set('to')} />
        <button type="submit">{t('adminOps.audit.apply')}</button>
      </form>
      <section aria-labelledby={`${id}-results`}>
        <h2 id={`${id}-results`}>{t('adminOps.audit.resultsHeading', { total })}</h2>
        {!ready ? (
          <p>{t('adminOps.auditByName.editorNeedsRecord')}</p>
        ) : audit.isPending ? (
          <p role="status">{t('loading')}</p>
        ) : audit.isError ? (
          <p role="alert">
            <ApiErrorText error={audit.error} lead={t('adminOps.loadFailed')} />
          </p>
        ) : audit.data.items.length === 0 ? (
          <p>{t('adminOps.audit.empty')}</p>
        ) : (
          <ul className="admin-ops-audit">
            {audit.data.items.map((item) => (
              <AuditEntry key={item.id} item={item} when={dateFormat.format(new Date(item.at))} />
            ))}
          </ul>
        )}
        <Pager page={page} perPage={AUDIT_PER_PAGE} total={total} onPage={setPage} />
      </section>
    </>
  )
}

/** One audit row: a one-line summary that opens to the changed fields, before and after. */
function AuditEntry({ item, when }: { item: AuditItem; when: string }) {
  const { t } = useTranslation()
  const localised = useLocalised()
  const isProvider = item.entityType === 'provider'
  const fields = changedFields(item.before, item.after).sort((a, b) =>
    isProvider ? byFormOrder(a.field, b.field) : 0,
  )
  const name = (item.recordName ?? item.after?.name ?? item.before?.name ?? null) as string | null
  const knownType = (ENTITY_TYPES as readonly string[]).includes(item.entityType)
  return (
    <li>
      <details>
        <summary>
          <span className="admin-ops-when">{when}</span> · {item.actor.label} ·{' '}
          <strong>{t(`adminOps.audit.actions.${item.action}`)}</strong> ·{' '}
          {knownType
            ? t(`adminOps.audit.entityTypes.${item.entityType as (typeof ENTITY_TYPES)[number]}`)
            : item.entityType}{' '}
          {name ?? item.entityId}
        </summary>
        <p className="hint">
          {t('adminOps.audit.entityId')}: <code>{item.entityId}</code>
          {item.note ? (
            <>
              {' · '}
              {t('adminOps.audit.note')}: {item.note}
            </>
          ) : null}
        </p>
        {fields.length === 0 ? (
          <p>{t('adminOps.audit.noFieldChanges')}</p>
        ) : (
          <table className="admin-ops-table admin-ops-diff">
            <caption className="visually-hidden">{t('adminOps.audit.diffCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adminOps.field')}</th>
                <th scope="col">{t('adminOps.audit.before')}</th>
                <th scope="col">{t('adminOps.audit.after')}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((change) => (
                <tr key={change.field}>
                  <th scope="row">{isProvider ? recordFieldLabel(change.field, t) : change.field}</th>
                  <td>
                    {isProvider ? (
                      <Words field={change.field} value={change.from} localised={localised} />
                    ) : (
                      <ValueCell value={change.from} />
                    )}
                  </td>
                  <td>
                    {isProvider ? (
                      <Words field={change.field} value={change.to} localised={localised} />
                    ) : (
                      <ValueCell value={change.to} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </li>
  )
}
