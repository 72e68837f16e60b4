import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useAreaDeprivation } from '../api/get-area-deprivation'
import { percent } from '../lib/deprivation'

/** The area profile's "Deprivation" block: IMD 2019 in England; elsewhere, plainly, why not. */
export function DeprivationBlock({ code }: { code: string }) {
  const { t, i18n } = useTranslation()
  const answer = useAreaDeprivation(code)
  const number = useMemo(
    () => new Intl.NumberFormat(i18n.resolvedLanguage === 'cy' ? 'cy-GB' : 'en-GB'),
    [i18n.resolvedLanguage],
  )
  const body = () => {
    if (answer.isPending) return <p role="status">{t('deprivation.profile.loading')}</p>
    if (answer.isError)
      return (
        <p role="alert" className="field-error">
          {t('deprivation.profile.failed')}
        </p>
      )
    const { figures, unavailable } = answer.data.deprivation
    if (!figures) {
      return (
        <p className="cov-deprivation-none">
          {unavailable === 'outside-england'
            ? t('deprivation.profile.outsideEngland')
            : unavailable === 'below-districts'
              ? t('deprivation.profile.belowDistricts')
              : t('deprivation.profile.notLoaded')}
        </p>
      )
    }
    const type = figures.rankAmongType.type as keyof typeof typeKeys
    return (
      <>
        <dl className="cov-deprivation">
          <dt>{t('deprivation.profile.rank')}</dt>
          <dd>{t('deprivation.profile.rankValue', { rank: number.format(figures.weightedRank) })}</dd>
          {type in typeKeys ? (
            <>
              <dt>{t('deprivation.profile.place', { type: t(typeKeys[type]) })}</dt>
              <dd>
                {t('deprivation.profile.placeValue', {
                  rank: figures.rankAmongType.rank,
                  of: figures.rankAmongType.of,
                })}
              </dd>
            </>
          ) : null}
          <dt>{t('deprivation.profile.decile1')}</dt>
          <dd>{percent(figures.shareMostDeprived10)}</dd>
          <dt>{t('deprivation.profile.decile12')}</dt>
          <dd>{percent(figures.shareMostDeprived20)}</dd>
          <dt>{t('deprivation.profile.population')}</dt>
          <dd>
            {number.format(figures.population)}
            <br />
            {t('deprivation.profile.bands', {
              young: number.format(figures.bands['0-15']),
              middle: number.format(figures.bands['16-59']),
              older: number.format(figures.bands['60+']),
            })}
          </dd>
        </dl>
        <p className="hint">
          {figures.derivedFrom === 'lsoas'
            ? t('deprivation.profile.derivedDistrict', { count: figures.lsoaCount })
            : t('deprivation.profile.derivedArea', { count: figures.lsoaCount })}
        </p>
      </>
    )
  }
  return (
    <section className="cov-profile-section" aria-labelledby="cov-deprivation">
      <h3 id="cov-deprivation">{t('deprivation.profile.heading')}</h3>
      {body()}
      <p className="hint">{t('deprivation.profile.source')}</p>
    </section>
  )
}

const typeKeys = {
  lad: 'deprivation.profile.types.lad',
  county: 'deprivation.profile.types.county',
  'upper-tier': 'deprivation.profile.types.upper-tier',
  'combined-authority': 'deprivation.profile.types.combined-authority',
  region: 'deprivation.profile.types.region',
  nation: 'deprivation.profile.types.nation',
} as const
