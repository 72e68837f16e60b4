import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../lib/api-client'
import { useSignIn } from '../api/session'

interface SignInFormProps {
  /** Shown above the form, e.g. that the current account cannot log enquiries. */
  notice?: string
}

/** Email and password; the email field has focus on arrival so staff can start typing at once. */
export function SignInForm({ notice }: SignInFormProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const signIn = useSignIn()
  const emailRef = useRef<HTMLInputElement>(null)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [missing, setMissing] = useState(false)

  useEffect(() => {
    emailRef.current?.focus()
  }, [])

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!email.trim() || !password) {
      setMissing(true)
      return
    }
    setMissing(false)
    signIn.mutate({ email: email.trim(), password })
  }

  const error = signIn.error instanceof ApiError ? signIn.error : undefined
  const uiIsEnglish = (i18n.resolvedLanguage ?? 'en') === 'en'

  return (
    <section className="helpline-sign-in" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('helpline.signIn.heading')}</h2>
      <p className="hint">{t('helpline.signIn.intro')}</p>
      {notice ? <p className="notice">{notice}</p> : null}
      <form onSubmit={submit} noValidate>
        <div id={`${id}-error`} role="alert" className="field-error">
          {missing ? <strong>{t('helpline.signIn.missing')}</strong> : null}
          {!missing && signIn.isError ? (
            <>
              <strong>{t('helpline.signIn.failed')}</strong>
              {error ? <span lang={uiIsEnglish ? undefined : 'en'}> {error.message}</span> : null}
            </>
          ) : null}
        </div>
        <div className="helpline-field">
          <label htmlFor={`${id}-email`}>{t('helpline.signIn.email')}</label>
          <input
            ref={emailRef}
            id={`${id}-email`}
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-describedby={`${id}-error`}
          />
        </div>
        <div className="helpline-field">
          <label htmlFor={`${id}-password`}>{t('helpline.signIn.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-describedby={`${id}-error`}
          />
        </div>
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? t('helpline.signIn.signingIn') : t('helpline.signIn.submit')}
        </button>
      </form>
    </section>
  )
}
