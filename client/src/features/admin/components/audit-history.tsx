import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocalised } from '../../../lib/use-localised'
import { useRecordAudit } from '../api/audit'

/** The record's audit trail: when, who, what, and which fields changed. */
export function AuditHistory({ id }: { id: string }) {
  const { t } = useTranslation()
  const headingId = useId()
  const localised = useLocalised()
  const audit = useRecordAudit(id, true)
  const time = (iso: string) => `${localised.date(iso)} ${iso.slice(11, 16)}`
  return (
    <section aria-labelledby={headingId} className="admin-history">
      <h2 id={headingId}>{t('admin.audit.title')}</h2>
      {audit.isPending ? <p role="status">{t('loading')}</p> : null}
      {audit.isError ? <p role="alert">{audit.error.message}</p> : null}
      {audit.data && audit.data.items.length === 0 ? <p>{t('admin.audit.none')}</p> : null}
      {audit.data && audit.data.items.length > 0 ? (
        <table className="admin-audit">
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.when')}</th>
              <th scope="col">{t('admin.audit.who')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.changed')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <time dateTime={item.at}>{time(item.at)}</time>
                </td>
                <td>{item.actor.label}</td>
                <td>{t(`admin.audit.actions.${item.action}`)}</td>
                <td>{item.diff ? Object.keys(item.diff).join(', ') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
