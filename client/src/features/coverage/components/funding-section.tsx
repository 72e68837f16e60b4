import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useLocalised } from '../../../lib/use-localised'
import { type AreaFunding, useAreaFunding } from '../api/get-funding'

type Total = AreaFunding['byFunder'][number]

function TotalsTable({
  caption,
  keyHeading,
  rows,
  labelOf,
  money,
}: {
  caption: string
  keyHeading: string
  rows: Total[]
  labelOf(row: Total): string
  money(amount: number): string
}) {
  const { t } = useTranslation()
  return (
    <table className="funding-totals">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{keyHeading}</th>
          <th scope="col">{t('funding.amount')}</th>
          <th scope="col">{t('funding.grants')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{labelOf(r)}</th>
            <td>{money(r.total)}</td>
            <td>{r.grants}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * The area profile's Funding section (issue 20, decision 0016): grants to the bodies covering the
 * area — total and per head of the 2011 population, by funder, year and strand — and each grant
 * with its funder credited; national bodies' grants apart.
 */
export function FundingSection({ code, areaName }: { code: string; areaName: string }) {
  const { t, i18n } = useTranslation()
  const localised = useLocalised()
  const funding = useAreaFunding(code)
  const locale = i18n.resolvedLanguage === 'cy' ? 'cy-GB' : 'en-GB'
  const pounds = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'GBP',
    maximumFractionDigits: 0,
  })
  const pence = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'GBP',
    minimumFractionDigits: 2,
  })
  const number = new Intl.NumberFormat(locale)
  const money = (amount: number) => pounds.format(amount)
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  return (
    <section className="cov-profile-section funding-section" aria-labelledby="cov-funding">
      <h3 id="cov-funding">{t('funding.heading')}</h3>
      {funding.isPending ? (
        <p role="status">{t('loading')}</p>
      ) : funding.isError ? (
        <p role="alert" className="field-error">
          {t('funding.loadFailed')}
        </p>
      ) : (
        <FundingBody
          f={funding.data}
          areaName={areaName}
          money={money}
          perHead={(v) => pence.format(v)}
          number={(v) => number.format(v)}
          day={(iso) => date.format(new Date(`${iso}T00:00:00Z`))}
          strandLabel={(key) =>
            key === 'general' ? t('funding.general') : (localised.label('strands', key).split(' (')[0] ?? key)
          }
        />
      )}
    </section>
  )
}

function FundingBody({
  f,
  areaName,
  money,
  perHead,
  number,
  day,
  strandLabel,
}: {
  f: AreaFunding
  areaName: string
  money(v: number): string
  perHead(v: number): string
  number(v: number): string
  day(iso: string): string
  strandLabel(key: string): string
}) {
  const { t } = useTranslation()
  const funders = [...new Set(f.list.map((g) => g.funder.name))]
  return (
    <>
      <p className="hint">{t('funding.intro', { name: areaName })}</p>
      {f.list.length === 0 ? (
        <p>{t('funding.none')}</p>
      ) : (
        <>
          <dl className="cov-facts funding-facts">
            <dt>{t('funding.total')}</dt>
            <dd>
              {money(f.total)} ({t('funding.grantCount', { count: f.grants })})
            </dd>
            <dt>{t('funding.perHead')}</dt>
            <dd data-testid="funding-per-head">
              {f.perHead === null
                ? t('funding.noPopulation')
                : `${t('funding.perHeadValue', { amount: perHead(f.perHead) })}. ${t('funding.denominator', {
                    population: number(f.area.population ?? 0),
                  })}`}
            </dd>
          </dl>
          {f.national.grants > 0 ? (
            <p>{t('funding.national', { count: f.national.grants, amount: money(f.national.total) })}</p>
          ) : null}
          {f.grants > 0 ? (
            <div className="funding-breakdowns">
              <TotalsTable
                caption={t('funding.byFunder')}
                keyHeading={t('funding.funder')}
                rows={f.byFunder}
                labelOf={(r) => r.label}
                money={money}
              />
              <TotalsTable
                caption={t('funding.byYear')}
                keyHeading={t('funding.year')}
                rows={f.byYear}
                labelOf={(r) => r.label}
                money={money}
              />
              <TotalsTable
                caption={t('funding.byStrand')}
                keyHeading={t('funding.strand')}
                rows={f.byStrand}
                labelOf={(r) => strandLabel(r.key)}
                money={money}
              />
            </div>
          ) : null}
          <table className="funding-grants">
            <caption>{t('funding.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('funding.grant')}</th>
                <th scope="col">{t('funding.funder')}</th>
                <th scope="col">{t('funding.recipient')}</th>
                <th scope="col">{t('funding.awarded')}</th>
                <th scope="col">{t('funding.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {f.list.map((g) => (
                <tr key={g.grantId}>
                  <th scope="row" lang="en">
                    {g.title}
                  </th>
                  <td lang="en">{g.funder.name}</td>
                  <td>
                    <Link to={`/providers/${g.recipient.slug}`} lang="en">
                      {g.recipient.name}
                    </Link>
                    {g.national ? ` (${t('funding.nationalBody')})` : ''}
                  </td>
                  <td>{day(g.awardDate)}</td>
                  <td>{money(g.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint funding-credit">{t('funding.credit', { funders: funders.join('; ') })}</p>
        </>
      )}
    </>
  )
}
