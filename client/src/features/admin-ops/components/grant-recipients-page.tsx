import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { type UnmatchedRecipient, useLinkRecipient, useUnmatchedRecipients } from '../api/grant-recipients'
import { ApiErrorText } from './api-error-text'
import { OpsPage } from './ops-gate'

/**
 * /admin/grant-recipients (issue 20, decision 0016): recipients of imported grants that no record
 * matches by org-id or charity number, or that matched by name and postcode only. An editor
 * confirms the suggested record or links the recipient to a record by its id; the change is audited.
 */
export function GrantRecipientsPage() {
  const { t } = useTranslation()
  return (
    <OpsPage
      title={t('funding.recipients.title')}
      intro={t('funding.recipients.intro')}
      roles={['admin', 'editor']}
    >
      {() => <RecipientsTable />}
    </OpsPage>
  )
}

function RecipientsTable() {
  const { t, i18n } = useTranslation()
  const list = useUnmatchedRecipients()
  const link = useLinkRecipient()
  const [done, setDone] = useState<string | null>(null)
  const pounds = new Intl.NumberFormat(i18n.resolvedLanguage === 'cy' ? 'cy-GB' : 'en-GB', {
    style: 'currency',
    currency: 'GBP',
    maximumFractionDigits: 0,
  })
  const submit = (r: UnmatchedRecipient, providerId: string) =>
    link.mutate(
      { recipientOrgId: r.recipientOrgId, providerId },
      {
        onSuccess: (result) =>
          setDone(
            t('funding.recipients.linked', {
              name: r.recipientName,
              count: result.grants,
              record: result.provider.name,
            }),
          ),
      },
    )
  if (list.isPending) return <p role="status">{t('loading')}</p>
  if (list.isError) return <p role="alert">{t('adminOps.loadFailed')}</p>
  return (
    <>
      <p role="status">{done ?? ''}</p>
      {link.isError ? (
        <p role="alert" className="field-error">
          <ApiErrorText error={link.error} lead={t('funding.recipients.linkFailed')} />
        </p>
      ) : null}
      {list.data.recipients.length === 0 ? (
        <p>{t('funding.recipients.none')}</p>
      ) : (
        <table className="admin-ops-table">
          <thead>
            <tr>
              <th scope="col">{t('funding.recipients.recipient')}</th>
              <th scope="col">{t('funding.recipients.orgId')}</th>
              <th scope="col">{t('funding.recipients.charityNumber')}</th>
              <th scope="col">{t('funding.recipients.postcode')}</th>
              <th scope="col">{t('funding.recipients.grants')}</th>
              <th scope="col">{t('funding.recipients.amount')}</th>
              <th scope="col">{t('funding.recipients.suggestion')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.recipients.map((r) => (
              <RecipientRow
                key={r.recipientOrgId}
                r={r}
                amount={pounds.format(r.amount)}
                onLink={submit}
                busy={link.isPending}
              />
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

function RecipientRow({
  r,
  amount,
  onLink,
  busy,
}: {
  r: UnmatchedRecipient
  amount: string
  onLink(r: UnmatchedRecipient, providerId: string): void
  busy: boolean
}) {
  const { t } = useTranslation()
  const inputId = useId()
  const [providerId, setProviderId] = useState('')
  return (
    <tr>
      <th scope="row" lang="en">
        {r.recipientName}
      </th>
      <td>{r.recipientOrgId}</td>
      <td>{r.charityNumber ?? '–'}</td>
      <td>{r.postcode ?? '–'}</td>
      <td>{r.grants}</td>
      <td>{amount}</td>
      <td>
        {r.suggestion ? (
          <p>
            <Link to={`/providers/${r.suggestion.slug}`} lang="en">
              {r.suggestion.name}
            </Link>{' '}
            <button type="button" disabled={busy} onClick={() => r.suggestion && onLink(r, r.suggestion.id)}>
              {t('funding.recipients.confirm', { name: r.suggestion.name })}
            </button>
          </p>
        ) : (
          <p className="hint">{t('funding.recipients.noSuggestion')}</p>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (providerId.trim()) onLink(r, providerId.trim())
          }}
        >
          <label htmlFor={inputId}>{t('funding.recipients.linkLabel', { name: r.recipientName })}</label>{' '}
          <input
            id={inputId}
            value={providerId}
            onChange={(e) => setProviderId(e.target.value)}
            spellCheck={false}
          />{' '}
          <button type="submit" disabled={busy || providerId.trim() === ''}>
            {t('funding.recipients.link')}
          </button>
        </form>
      </td>
    </tr>
  )
}
