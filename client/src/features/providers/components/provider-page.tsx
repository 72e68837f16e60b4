import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { ApiError } from '../../../lib/api-client'
import { recordText } from '../../../lib/record-text'
import { type Localised, useLocalised } from '../../../lib/use-localised'
import { isStale } from '../../../lib/verification'
import { useProvider } from '../api/get-provider'
import type { Pathway, ProviderDetail } from '../api/provider-types'
import { CoverageMap } from './coverage-map'
import { OpeningHoursSection } from './opening-hours-section'
import '../provider-page.css'
import { FreshnessBadges } from '../../../components/freshness/freshness-badges'
import { useRecordFreshness } from '../../../components/freshness/use-record-freshness'

/** `/providers/:slug`: everything a group needs to decide whether to approach this body, and how. */
export function ProviderPage({ slug }: { slug: string }) {
  const { t } = useTranslation()
  const provider = useProvider(slug)
  const location = useLocation()
  const from = (location.state as { from?: unknown } | null)?.from
  const backTo = typeof from === 'string' && from.startsWith('/find') ? from : undefined

  const back = (
    <p className="back-link no-print">
      {backTo ? <Link to={backTo}>{t('provider.back')}</Link> : <Link to="/">{t('provider.findMore')}</Link>}
    </p>
  )

  if (provider.isPending) {
    return (
      <div className="page provider-page">
        {back}
        <p role="status">{t('provider.loading')}</p>
      </div>
    )
  }
  if (provider.isError) {
    const notFound = provider.error instanceof ApiError && provider.error.status === 404
    const title = notFound ? t('provider.notFound.title') : t('errors.title')
    return (
      <div className="page provider-page">
        <title>{`${title} – ${t('app.titleSuffix')}`}</title>
        {back}
        <h1>{title}</h1>
        <p role="alert">{notFound ? t('provider.notFound.body') : t('errors.server')}</p>
      </div>
    )
  }
  return <ProviderRecord provider={provider.data} back={back} />
}

function ProviderRecord({ provider: p, back }: { provider: ProviderDetail; back: ReactNode }) {
  const { t, i18n } = useTranslation()
  const localised = useLocalised()
  const { label, labels, list, date, areaName } = localised
  // In Welsh the record goes by its Welsh name when it has one; the English name stays beside it.
  const welshName = i18n.resolvedLanguage === 'cy' ? p.welshName : null
  const shownName = welshName ?? p.name
  // The summary, description and how-to-access likewise, where the record has them in Welsh.
  const summary = recordText(p.summary, p.welshSummary, i18n.resolvedLanguage)
  const stale = isStale(p.lastVerifiedAt)
  const freshness = useRecordFreshness(p)
  const contact = [
    p.website
      ? { key: 'website', term: t('provider.contact.website'), value: <a href={p.website}>{p.website}</a> }
      : null,
    p.email
      ? {
          key: 'email',
          term: t('provider.contact.email'),
          value: <a href={`mailto:${p.email}`}>{p.email}</a>,
        }
      : null,
    p.phone
      ? {
          key: 'phone',
          term: t('provider.contact.phone'),
          value: <a href={`tel:${p.phone.replace(/[^+\d]/g, '')}`}>{p.phone}</a>,
        }
      : null,
    p.address
      ? {
          key: 'address',
          term: t('provider.contact.address'),
          value: <span className="address">{p.address}</span>,
        }
      : null,
  ].filter((entry) => entry !== null)

  return (
    <article className="page provider-page" aria-labelledby="provider-name">
      <title>{`${shownName} – ${t('app.titleSuffix')}`}</title>
      {back}
      <header className="provider-header">
        <h1 id="provider-name" lang={welshName ? 'cy' : undefined}>
          {shownName}
        </h1>
        {welshName ? (
          <p className="provider-english-name">
            {t('provider.englishName')} <span lang="en">{p.name}</span>
          </p>
        ) : null}
        <p className="provider-tags">
          <span className="tag">{label('kinds', p.kind)}</span>
          <span className="tag">{label('levels', p.level)}</span>
          <span className="tag">{label('orgTypes', p.orgType)}</span>
        </p>
        {p.status === 'closed' ? <p className="warning">{t('provider.closed')}</p> : null}
        {p.status === 'draft' ? <p className="warning">{t('provider.draft')}</p> : null}
        <p className="lead" lang={summary.lang}>
          {summary.text}
        </p>
        <p className={stale ? 'verified warning' : 'verified'}>
          {p.lastVerifiedAt
            ? t('provider.verified', { date: date(p.lastVerifiedAt) })
            : t('provider.neverVerified')}
          {stale ? (
            <>
              {' '}
              <strong>{t('provider.notVerifiedRecently')}</strong>
            </>
          ) : null}
        </p>
        {freshness && freshness.reasons.length > 0 ? (
          <p className="verified-freshness">
            <FreshnessBadges freshness={freshness} />
          </p>
        ) : null}
        <p className="no-print">
          <button type="button" className="button-secondary" onClick={() => window.print()}>
            {t('provider.print')}
          </button>
        </p>
      </header>

      <section aria-labelledby="facts-heading" className="provider-section">
        <h2 id="facts-heading">{t('provider.facts.heading')}</h2>
        <dl className="facts">
          <Fact term={t('provider.facts.cost')}>
            {label('costTypes', p.cost.type)}
            {p.cost.text ? (
              <span className="fact-note" lang={recordLanguage}>
                {p.cost.text}
              </span>
            ) : null}
          </Fact>
          <Fact term={t('provider.facts.membership')}>
            {p.membershipBased ? t('provider.facts.membershipBased') : t('provider.facts.membershipOpen')}
          </Fact>
          <Fact term={t('provider.facts.languages')}>
            {p.languages.length ? list(labels('languages', p.languages)) : t('provider.notStated')}
          </Fact>
          <Fact term={t('provider.facts.formats')}>
            {p.formats.length ? list(labels('formats', p.formats)) : t('provider.facts.noFormats')}
          </Fact>
          <Fact term={t('provider.facts.level')}>{label('levels', p.level)}</Fact>
          <Fact term={t('provider.facts.kind')}>
            {label('kinds', p.kind)}
            <span className="fact-note">
              {p.kind === 'generalist'
                ? t('provider.facts.generalistNote')
                : t('provider.facts.specialistNote')}
            </span>
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="contact-heading" className="provider-section">
        <h2 id="contact-heading">{t('provider.contact.heading')}</h2>
        {contact.length > 0 ? (
          <dl className="facts">
            {contact.map((entry) => (
              <Fact key={entry.key} term={entry.term}>
                {entry.value}
              </Fact>
            ))}
          </dl>
        ) : (
          <p>{t('provider.contact.none')}</p>
        )}
        <OpeningHoursSection hours={p.openingHours} />
      </section>

      <section aria-labelledby="what-heading" className="provider-section">
        <h2 id="what-heading">{t('provider.what.heading')}</h2>
        <TextBlock heading={t('provider.what.remit')} text={p.remit} />
        <h3>{t('provider.what.functions')}</h3>
        <ul className="term-list">
          {labels('functions', p.functions).map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
        {p.topics.length > 0 ? (
          <>
            <h3>{t('provider.what.topics')}</h3>
            <ul className="term-list">
              {labels('topics', p.topics).map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </>
        ) : null}
        <h3>{t('provider.what.whoFor')}</h3>
        {p.strands.length > 0 ? (
          <ul className="term-list">
            {labels('strands', p.strands).map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        ) : (
          <p>{t('provider.what.anyGroup')}</p>
        )}
      </section>

      <section aria-labelledby="limits-heading" className="provider-section">
        <h2 id="limits-heading">{t('provider.limits.heading')}</h2>
        {p.limits ? (
          <p lang={recordLanguage}>{p.limits}</p>
        ) : (
          <p className="not-stated">{t('provider.limits.none')}</p>
        )}
        <TextBlock heading={t('provider.referralCriteria')} text={p.referralCriteria} />
        <TextBlock heading={t('provider.howToAccess')} text={p.howToAccess} welsh={p.welshHowToAccess} />
      </section>

      <section aria-labelledby="coverage-heading" className="provider-section">
        <h2 id="coverage-heading">{t('provider.coverage.heading')}</h2>
        {p.coverage.areas.length > 0 ? (
          <ul className="term-list">
            {p.coverage.areas.map((area) => (
              <li key={area.code}>
                {areaName(area)}{' '}
                <span className="fact-note-inline">
                  ({t(`areaTypes.${area.type}` as 'areaTypes.ward', { defaultValue: area.type })})
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {p.coverage.hasPolygon ? <p>{t('provider.coverage.polygon')}</p> : null}
        {p.coverage.areas.length === 0 && !p.coverage.hasPolygon ? (
          <p>{t('provider.coverage.none')}</p>
        ) : null}
        <CoverageMap provider={p} />
      </section>

      <section aria-labelledby="pathways-heading" className="provider-section">
        <h2 id="pathways-heading">{t('provider.pathways.heading')}</h2>
        <p className="hint">{t('provider.pathways.intro')}</p>
        <PathwayList
          heading={t('provider.pathways.outgoing')}
          pathways={p.referralPathways.outgoing}
          localised={localised}
        />
        <PathwayList
          heading={t('provider.pathways.incoming')}
          pathways={p.referralPathways.incoming}
          localised={localised}
        />
      </section>

      <section aria-labelledby="about-heading" className="provider-section">
        <h2 id="about-heading">{t('provider.about.heading')}</h2>
        <TextBlock heading={t('provider.about.mission')} text={p.mission} />
        <TextBlock
          heading={t('provider.about.description')}
          text={p.description}
          welsh={p.welshDescription}
        />
        <dl className="facts">
          {p.charityNumber ? <Fact term={t('provider.about.charityNumber')}>{p.charityNumber}</Fact> : null}
          {p.companyNumber ? <Fact term={t('provider.about.companyNumber')}>{p.companyNumber}</Fact> : null}
          <Fact term={t('provider.about.qualityMarks')}>
            {p.qualityMarks.length ? list(p.qualityMarks) : t('provider.about.noQualityMarks')}
          </Fact>
          {p.annualReportUrl ? (
            <Fact term={t('provider.about.annualReport')}>
              <a href={p.annualReportUrl}>{p.annualReportUrl}</a>
            </Fact>
          ) : null}
          <Fact term={t('provider.about.source')}>{sourceText(p.source, t)}</Fact>
        </dl>
      </section>
    </article>
  )
}

/**
 * The language of a record's own text (summary, remit, limits...). Records have no language field
 * yet and every record is written in English, so the Welsh interface marks that text as English
 * for screen readers (WCAG 3.1.2, language of parts). Names are left unmarked: they are proper nouns.
 */
export const recordLanguage = 'en'

// The default namespace's t: ReturnType<typeof useTranslation> would widen it to every namespace,
// which makes TypeScript give up (too deep) once the message catalogue is large.
type Translate = TFunction<'translation'>

function sourceText(source: string, t: Translate): string {
  if (source === 'demo') return t('provider.about.sources.demo')
  if (source === 'source:000') return t('provider.about.sources.source000')
  if (source === 'source:001') return t('provider.about.sources.source001')
  return source
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** A heading and its text, or "Not stated" so a missing answer is visible rather than silently absent. */
function TextBlock({
  heading,
  text: english,
  welsh,
}: {
  heading: string
  text: string | null
  /** The same text in Welsh, shown instead in the Welsh interface. */
  welsh?: string | null
}) {
  const { t, i18n } = useTranslation()
  const { text, lang } = recordText(english, welsh, i18n.resolvedLanguage)
  return (
    <>
      <h3>{heading}</h3>
      {text ? <p lang={lang}>{text}</p> : <p className="not-stated">{t('provider.notStated')}</p>}
    </>
  )
}

function PathwayList({
  heading,
  pathways,
  localised,
}: {
  heading: string
  pathways: Pathway[]
  localised: Localised
}) {
  const { t } = useTranslation()
  const { label, labels, list } = localised
  return (
    <>
      <h3>{heading}</h3>
      {pathways.length === 0 ? (
        <p className="not-stated">{t('provider.pathways.none')}</p>
      ) : (
        <ul className="pathways">
          {pathways.map((pathway) => {
            const applies = [...labels('strands', pathway.strands), ...labels('topics', pathway.topics)]
            return (
              <li key={pathway.id}>
                <p className="pathway-name">
                  <Link to={`/providers/${pathway.provider.slug}`}>{pathway.provider.name}</Link>{' '}
                  <span className="fact-note-inline">
                    ({label('kinds', pathway.provider.kind)}, {label('levels', pathway.provider.level)})
                  </span>
                </p>
                {applies.length > 0 ? <p>{t('provider.pathways.for', { list: list(applies) })}</p> : null}
                <p>
                  <strong>{t('provider.pathways.criteria')}</strong>{' '}
                  <span lang={recordLanguage}>{pathway.criteria}</span>
                </p>
                {pathway.followUp ? (
                  <p>
                    <strong>{t('provider.pathways.followUp')}</strong>{' '}
                    <span lang={recordLanguage}>{pathway.followUp}</span>
                  </p>
                ) : null}
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}
