import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** The report's address: the interface language, and the "change since" date when one is chosen. */
export function areaReportHref(
  code: string,
  format: 'pdf' | 'html',
  lang: 'en' | 'cy',
  since: string,
): string {
  const params = new URLSearchParams({ format, lang })
  if (/^\d{4}-\d{2}-\d{2}$/.test(since)) params.set('since', since)
  return `/api/areas/${encodeURIComponent(code)}/report?${params}`
}

/**
 * Links to the area's printable review pack (GET /api/areas/{code}/report) as a PDF or a web page,
 * in the language the interface is in, with an optional "change since" date.
 */
export function AreaReportLinks({ code }: { code: string }) {
  const { t, i18n } = useTranslation()
  const [since, setSince] = useState('')
  const sinceId = useId()
  const lang = i18n.resolvedLanguage === 'cy' ? 'cy' : 'en'
  const today = new Date().toISOString().slice(0, 10)
  return (
    <section className="cov-profile-section cov-report no-print" aria-labelledby={`${sinceId}-heading`}>
      <h3 id={`${sinceId}-heading`}>{t('areaReport.heading')}</h3>
      <p className="hint">{t('areaReport.intro')}</p>
      <div className="field">
        <label htmlFor={sinceId}>{t('areaReport.since')}</label>
        <p className="hint" id={`${sinceId}-hint`}>
          {t('areaReport.sinceHint')}
        </p>
        <input
          id={sinceId}
          type="date"
          max={today}
          value={since}
          aria-describedby={`${sinceId}-hint`}
          onChange={(e) => setSince(e.target.value)}
        />
      </div>
      <p className="cov-profile-actions">
        <a href={areaReportHref(code, 'pdf', lang, since)} type="application/pdf" hrefLang={lang}>
          {t('areaReport.pdf')}
        </a>
        <a href={areaReportHref(code, 'html', lang, since)} type="text/html" hrefLang={lang}>
          {t('areaReport.web')}
        </a>
      </p>
    </section>
  )
}
