import { type FormEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '../../../lib/session'
import {
  type AccountUser,
  ROLES,
  useCreateUser,
  useLinkProvider,
  useUpdateUser,
  useUsers,
} from '../api/users'
import { ApiErrorText } from './api-error-text'
import { OpsPage } from './ops-gate'

/** `/admin/users` (admins): accounts, their roles, and which records provider accounts may edit. */
export function UsersPage() {
  const { t } = useTranslation()
  return (
    <OpsPage title={t('adminOps.users.title')} intro={t('adminOps.users.intro')} roles={['admin']}>
      {(me) => (
        <>
          <CreateUser />
          <UserList myId={me.id} />
          <LinkProvider />
        </>
      )}
    </OpsPage>
  )
}

function CreateUser() {
  const { t } = useTranslation()
  const id = useId()
  const create = useCreateUser()
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('editor')
  const [emailMissing, setEmailMissing] = useState(false)
  const emailRef = useRef<HTMLInputElement>(null)
  const resultRef = useRef<HTMLDivElement>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!email.trim()) {
      setEmailMissing(true)
      emailRef.current?.focus()
      return
    }
    setEmailMissing(false)
    create.mutate(
      { email: email.trim(), role, ...(name.trim() ? { displayName: name.trim() } : {}) },
      {
        onSuccess: () => {
          setEmail('')
          setName('')
          // The one-time password is shown once: take the keyboard to it.
          requestAnimationFrame(() => resultRef.current?.focus())
        },
      },
    )
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('adminOps.users.createHeading')}</h2>
      <form onSubmit={submit} noValidate className="admin-ops-form">
        <div role="alert" className="field-error">
          {emailMissing ? t('adminOps.users.emailMissing') : null}
          {create.isError ? (
            <ApiErrorText error={create.error} lead={t('adminOps.users.createFailed')} />
          ) : null}
        </div>
        <label htmlFor={`${id}-email`}>{t('adminOps.users.email')}</label>
        <input
          id={`${id}-email`}
          ref={emailRef}
          type="email"
          autoComplete="off"
          value={email}
          aria-invalid={emailMissing || undefined}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor={`${id}-name`}>{t('adminOps.users.name')}</label>
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <label htmlFor={`${id}-role`}>{t('adminOps.users.role')}</label>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`adminOps.roles.${r}`)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={create.isPending}>
          {t('adminOps.users.create')}
        </button>
      </form>
      {create.data ? (
        <div className="notice" ref={resultRef} tabIndex={-1} role="status">
          <p>{t('adminOps.users.created', { email: create.data.email })}</p>
          {create.data.generatedPassword ? (
            <p>
              {t('adminOps.users.password')}{' '}
              <code className="admin-ops-secret">{create.data.generatedPassword}</code>
            </p>
          ) : null}
          <p className="hint">{t('adminOps.users.passwordOnce')}</p>
        </div>
      ) : null}
    </section>
  )
}

function UserList({ myId }: { myId: string }) {
  const { t } = useTranslation()
  const id = useId()
  const users = useUsers()
  const update = useUpdateUser()
  const [announcement, setAnnouncement] = useState('')
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('adminOps.users.listHeading')}</h2>
      <p role="status" className="admin-ops-status">
        {announcement}
      </p>
      <div role="alert" className="field-error">
        {update.isError ? (
          <ApiErrorText error={update.error} lead={t('adminOps.users.updateFailed')} />
        ) : null}
      </div>
      {users.isPending ? (
        <p role="status">{t('loading')}</p>
      ) : users.isError ? (
        <p role="alert">
          <ApiErrorText error={users.error} lead={t('adminOps.loadFailed')} />
        </p>
      ) : (
        <table className="admin-ops-table">
          <thead>
            <tr>
              <th scope="col">{t('adminOps.users.email')}</th>
              <th scope="col">{t('adminOps.users.name')}</th>
              <th scope="col">{t('adminOps.users.role')}</th>
              <th scope="col">{t('adminOps.users.state')}</th>
              <th scope="col">{t('adminOps.users.idHeading')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                self={user.id === myId}
                busy={update.isPending}
                onChange={(change, message) =>
                  update.mutate({ id: user.id, ...change }, { onSuccess: () => setAnnouncement(message) })
                }
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function UserRow({
  user,
  self,
  busy,
  onChange,
}: {
  user: AccountUser
  self: boolean
  busy: boolean
  onChange: (change: { role?: Role; disabled?: boolean }, message: string) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [role, setRole] = useState<Role>(user.role)
  return (
    <tr>
      <th scope="row">{user.email}</th>
      <td>{user.displayName ?? ''}</td>
      <td>
        <label htmlFor={`${id}-role`} className="visually-hidden">
          {t('adminOps.users.roleOf', { email: user.email })}
        </label>
        <select
          id={`${id}-role`}
          value={role}
          disabled={self}
          onChange={(event) => setRole(event.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`adminOps.roles.${r}`)}
            </option>
          ))}
        </select>{' '}
        {role !== user.role ? (
          <button
            type="button"
            className="button-small"
            disabled={busy}
            onClick={() =>
              onChange(
                { role },
                t('adminOps.users.roleChanged', { email: user.email, role: t(`adminOps.roles.${role}`) }),
              )
            }
          >
            {t('adminOps.users.saveRole', { email: user.email })}
          </button>
        ) : null}
      </td>
      <td>
        {user.disabled ? t('adminOps.users.disabled') : t('adminOps.users.active')}{' '}
        {self ? null : (
          <button
            type="button"
            className="button-small"
            disabled={busy}
            onClick={() =>
              onChange(
                { disabled: !user.disabled },
                t(user.disabled ? 'adminOps.users.enabledDone' : 'adminOps.users.disabledDone', {
                  email: user.email,
                }),
              )
            }
          >
            {t(user.disabled ? 'adminOps.users.enable' : 'adminOps.users.disable', { email: user.email })}
          </button>
        )}
      </td>
      <td>
        <code>{user.id}</code>
      </td>
    </tr>
  )
}

function LinkProvider() {
  const { t } = useTranslation()
  const id = useId()
  const users = useUsers()
  const link = useLinkProvider()
  const providerUsers = (users.data?.items ?? []).filter((user) => user.role === 'provider')
  const [userId, setUserId] = useState('')
  const [record, setRecord] = useState('')
  const [missing, setMissing] = useState(false)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!userId || !record.trim()) {
      setMissing(true)
      return
    }
    setMissing(false)
    link.mutate({ provider: record.trim(), userId })
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('adminOps.users.linkHeading')}</h2>
      <p className="hint">{t('adminOps.users.linkIntro')}</p>
      {providerUsers.length === 0 ? (
        <p>{t('adminOps.users.noProviderAccounts')}</p>
      ) : (
        <form onSubmit={submit} noValidate className="admin-ops-form">
          <div role="alert" className="field-error">
            {missing ? t('adminOps.users.linkMissing') : null}
            {link.isError ? <ApiErrorText error={link.error} lead={t('adminOps.users.linkFailed')} /> : null}
          </div>
          <label htmlFor={`${id}-user`}>{t('adminOps.users.linkUser')}</label>
          <select id={`${id}-user`} value={userId} onChange={(event) => setUserId(event.target.value)}>
            <option value="">{t('adminOps.users.linkUserChoose')}</option>
            {providerUsers.map((user) => (
              <option key={user.id} value={user.id}>
                {user.email}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-record`}>{t('adminOps.users.linkRecord')}</label>
          <span className="hint" id={`${id}-record-hint`}>
            {t('adminOps.users.linkRecordHint')}
          </span>
          <input
            id={`${id}-record`}
            type="text"
            value={record}
            aria-describedby={`${id}-record-hint`}
            onChange={(event) => setRecord(event.target.value)}
          />
          <button type="submit" disabled={link.isPending}>
            {t('adminOps.users.link')}
          </button>
          <p role="status" className="admin-ops-status">
            {link.isSuccess ? t('adminOps.users.linked') : ''}
          </p>
        </form>
      )}
    </section>
  )
}
