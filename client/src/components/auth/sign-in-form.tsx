import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../lib/api-client'
import { useSignIn } from '../../lib/session'
import './sign-in-form.css'

interface SignInFormProps {
  /** The section heading, e.g. "Sign in to log enquiries". */
  heading: string
  /** One line under the heading saying what the account is for. */
  intro?: string
  /** Shown above the form, e.g. that the current account cannot use this page. */
  notice?: string
  /** Heading level of the section (2 by default). */
  level?: 2 | 3
}

/** Email and password; the email field has focus on arrival so staff can start typing at once. */
export function SignInForm({ heading, intro, notice, level = 2 }: SignInFormProps) {
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
  const Heading = level === 3 ? 'h3' : 'h2'

  return (
    <section className="sign-in" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{heading}</Heading>
      {intro ? <p className="hint">{intro}</p> : null}
      {notice ? <p className="notice">{notice}</p> : null}
      <form onSubmit={submit} noValidate>
        <div id={`${id}-error`} role="alert" className="field-error">
          {missing ? <strong>{t('auth.missing')}</strong> : null}
          {!missing && signIn.isError ? (
            <>
              <strong>{t('auth.failed')}</strong>
              {error ? <span lang={uiIsEnglish ? undefined : 'en'}> {error.message}</span> : null}
            </>
          ) : null}
        </div>
        <div className="sign-in-field">
          <label htmlFor={`${id}-email`}>{t('auth.email')}</label>
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
        <div className="sign-in-field">
          <label htmlFor={`${id}-password`}>{t('auth.password')}</label>
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
          {signIn.isPending ? t('auth.signingIn') : t('auth.submit')}
        </button>
      </form>
    </section>
  )
}
