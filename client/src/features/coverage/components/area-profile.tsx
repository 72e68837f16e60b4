import type { TFunction } from 'i18next'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../../../lib/api-client'
import { type Localised, useLocalised } from '../../../lib/use-localised'
import type { BaselineResult, CoveringProvider, AreaProfile as Profile } from '../api/coverage-types'
import { useAreaProfile } from '../api/get-area-profile'
import { AreaReportLinks } from './area-report-links'
import { CoverageMatrix } from './coverage-matrix'
import { DeprivationBlock } from './deprivation-block'
import { FundingSection } from './funding-section'

// The default namespace's t: ReturnType<typeof useTranslation> would widen it to every namespace,
// which makes TypeScript give up (too deep) once the message catalogue is large.
type T = TFunction<'translation'>

function names(localised: Localised, providers: CoveringProvider[]) {
  return localised.list(providers.map((p) => p.name))
}

/** Why a baseline passes or fails, in the interface language, from the API's structured fields. */
export function baselineReason(t: T, localised: Localised, b: BaselineResult): string {
  const depth = localised.label('levels', b.acceptableDepth)
  if (b.status === 'pass')
    return t('coverage.baseline.passReason', { count: b.counted, depth, min: b.minCount })
  const parts = [t('coverage.baseline.failReason', { count: b.counted, depth, min: b.minCount })]
  if (b.depth === null) parts.push(t('coverage.baseline.nothing'))
  else if (b.nearest.length > 0)
    parts.push(
      t('coverage.baseline.nearest', {
        level: localised.label('levels', b.depth),
        names: names(localised, b.nearest),
      }),
    )
  if (b.inactive.length > 0) {
    parts.push(
      t('coverage.baseline.inactive', {
        names: localised.list(b.inactive.map((p) => `${p.name} (${localised.label('statuses', p.status)})`)),
      }),
    )
  }
  if (b.partial.length > 0) {
    parts.push(
      t('coverage.baseline.partial', {
        names: localised.list(b.partial.map((p) => `${p.name} (${Math.round(p.share * 100)}%)`)),
      }),
    )
  }
  return parts.join(' ')
}

function ProviderItem({ p, localised, t }: { p: CoveringProvider; localised: Localised; t: T }) {
  return (
    <li>
      <Link to={`/providers/${p.slug}`} lang="en">
        {p.name}
      </Link>{' '}
      <span className="hint">
        {localised.label('kinds', p.kind)}
        {p.via
          ? ` · ${t('coverage.profile.via', { name: localised.areaWithType(p.via) })}`
          : ` · ${t('coverage.profile.drawn', { percent: Math.round(p.share * 100) })}`}
      </span>
    </li>
  )
}

function ProfileBody({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation()
  const localised = useLocalised()
  const { label, areaName } = localised
  const name = areaName(profile.area)
  const number = new Intl.NumberFormat(i18n.resolvedLanguage === 'cy' ? 'cy-GB' : 'en-GB')
  const groupLabel = (group: string) =>
    group === 'generalist'
      ? t('coverage.groups.generalist')
      : group === 'any'
        ? t('coverage.groups.any')
        : (label('strands', group).split(' (')[0] ?? group)
  const failing = profile.baselines.filter((b) => b.status === 'fail').length
  /** A provider at a level, with the area (and its type) it covers this one through. */
  const providerThrough = (id: string, level: string) => {
    const p = profile.levels.find((l) => l.level === level)?.providers.find((c) => c.id === id)
    if (!p) return profile.duplication.flatMap((d) => d.providers).find((c) => c.id === id)?.name ?? id
    return p.via
      ? `${p.name} (${t('coverage.profile.via', { name: localised.areaWithType(p.via) })})`
      : p.name
  }
  return (
    <>
      <dl className="cov-facts">
        <dt>{t('coverage.profile.level')}</dt>
        <dd>{label('levels', profile.area.level)}</dd>
        <dt>{t('coverage.profile.population')}</dt>
        <dd>
          {profile.area.population === null
            ? t('coverage.profile.unknown')
            : number.format(profile.area.population)}
        </dd>
        <dt>{t('coverage.profile.within')}</dt>
        <dd>
          {profile.area.parents.length > 0
            ? localised.list(profile.area.parents.map(localised.areaWithType))
            : '–'}
        </dd>
        <dt>{t('coverage.profile.contains')}</dt>
        <dd>
          {profile.area.children.length > 0
            ? t('coverage.profile.children', { count: profile.area.children.length })
            : '–'}
        </dd>
        <dt>{t('coverage.profile.baselinesMet')}</dt>
        <dd>
          {t('coverage.profile.baselinesSummary', {
            met: profile.baselines.length - failing,
            total: profile.baselines.length,
          })}
        </dd>
      </dl>
      <AreaReportLinks code={profile.area.code} />

      <section className="cov-profile-section" aria-labelledby="cov-baselines">
        <h3 id="cov-baselines">{t('coverage.profile.baselines')}</h3>
        {!profile.inDirectory ? (
          <p>{t('directoryScope.profile')}</p>
        ) : profile.baselines.length === 0 ? (
          <p>{t('coverage.profile.noBaselines')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('coverage.profile.rule')}</th>
                <th scope="col">{t('coverage.profile.result')}</th>
                <th scope="col">{t('coverage.profile.why')}</th>
              </tr>
            </thead>
            <tbody>
              {profile.baselines.map((b) => (
                <tr key={b.id} className={`cov-baseline-${b.status}`}>
                  <th scope="row">{localised.language === 'cy' ? b.labelCy : b.label}</th>
                  <td>
                    <strong>
                      {b.status === 'pass' ? t('coverage.baseline.pass') : t('coverage.baseline.fail')}
                    </strong>
                  </td>
                  <td>{baselineReason(t, localised, b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="cov-profile-section" aria-labelledby="cov-providers">
        <h3 id="cov-providers">{t('coverage.profile.providers')}</h3>
        {profile.levels.map(({ level, providers }) => (
          <div key={level} className="cov-level">
            <h4>
              {label('levels', level)} ({providers.length})
            </h4>
            {providers.length === 0 ? (
              <p className="hint">{t('coverage.profile.noneAtLevel')}</p>
            ) : (
              <ul>
                {providers.map((p) => (
                  <ProviderItem key={p.id} p={p} localised={localised} t={t} />
                ))}
              </ul>
            )}
          </div>
        ))}
        {profile.partial.length > 0 ? (
          <>
            <h4>{t('coverage.profile.partialHeading', { percent: profile.minSharePercent })}</h4>
            <ul>
              {profile.partial.map((p) => (
                <ProviderItem key={p.id} p={p} localised={localised} t={t} />
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="cov-profile-section" aria-labelledby="cov-strands">
        <h3 id="cov-strands">{t('coverage.profile.strands')}</h3>
        <p>
          {profile.noSpecialistReach.length === 0
            ? t('coverage.profile.allStrandsReached')
            : t('coverage.profile.noReach', {
                strands: localised.list(profile.noSpecialistReach.map(groupLabel)),
              })}
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('coverage.profile.group')}</th>
              <th scope="col">{t('coverage.table.count')}</th>
              <th scope="col">{t('coverage.table.depth')}</th>
            </tr>
          </thead>
          <tbody>
            {profile.strands.map((s) => (
              <tr key={s.strand}>
                <th scope="row">{groupLabel(s.strand)}</th>
                <td>{s.count}</td>
                <td>{s.depth ? label('levels', s.depth) : t('coverage.depth.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="cov-profile-section" aria-labelledby="cov-duplication">
        <h3 id="cov-duplication">{t('coverage.profile.duplication')}</h3>
        {profile.duplication.length === 0 ? (
          <p>{t('coverage.profile.noDuplication')}</p>
        ) : (
          <ul>
            {profile.duplication.map((d) => (
              <li key={`${d.function}|${d.strand}|${d.level}`}>
                {t('coverage.profile.duplicate', {
                  count: d.count,
                  level: label('levels', d.level),
                  fn: label('functions', d.function),
                  group: groupLabel(d.strand),
                })}
                : {localised.list(d.providers.map((p) => providerThrough(p.id, d.level)))}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="cov-profile-section" aria-labelledby="cov-unmet">
        <h3 id="cov-unmet">{t('coverage.profile.unmetNeed')}</h3>
        {profile.unmetNeed ? (
          <p>
            {t('coverage.profile.unmetSummary', {
              none: profile.unmetNeed.byOutcome['no-suitable-provider'],
              total: profile.unmetNeed.total,
            })}
          </p>
        ) : (
          <p>{t('coverage.profile.unmetByDistrict')}</p>
        )}
        {profile.suppressed && profile.unmetNeed ? (
          <p className="hint">{t('coverage.profile.suppressed')}</p>
        ) : null}
      </section>

      <DeprivationBlock code={profile.area.code} />
      <FundingSection code={profile.area.code} areaName={name} />

      <section className="cov-profile-section cov-matrix-section" aria-labelledby="cov-matrix">
        <h3 id="cov-matrix">{t('coverage.matrix.heading')}</h3>
        <p className="hint">{t('coverage.matrix.hint')}</p>
        <CoverageMatrix matrix={profile.matrix} areaName={name} />
      </section>
    </>
  )
}

/** The profile of one area, with a print layout (see coverage.css): opened from the map or the table. */
export function AreaProfile({ code, onClose }: { code: string; onClose(): void }) {
  const { t } = useTranslation()
  const localised = useLocalised()
  const profile = useAreaProfile(code)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const name = profile.data ? localised.areaName(profile.data.area) : code
  // Move focus to the profile as soon as it opens (not when its data arrives, which could take
  // focus from wherever the user has moved on to), so keyboard and screen-reader users land on it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per area opened
  useEffect(() => {
    headingRef.current?.focus()
  }, [code])
  return (
    <section className="cov-profile" aria-labelledby="cov-profile-heading">
      {profile.data ? (
        <title>{`${t('coverage.profile.title', { name })} – ${t('app.titleSuffix')}`}</title>
      ) : null}
      <div className="cov-profile-header">
        <h2 id="cov-profile-heading" ref={headingRef} tabIndex={-1}>
          {t('coverage.profile.title', { name })}
        </h2>
        <div className="cov-profile-actions no-print">
          <button type="button" onClick={() => window.print()} disabled={!profile.data}>
            {t('coverage.profile.print')}
          </button>
          <button type="button" className="button-secondary" onClick={onClose}>
            {t('coverage.profile.close')}
          </button>
        </div>
      </div>
      {profile.isPending ? (
        <p role="status">{t('loading')}</p>
      ) : profile.isError ? (
        <p role="alert" className="field-error">
          {profile.error instanceof ApiError && profile.error.status === 404
            ? t('coverage.profile.notFound', { code })
            : t('coverage.loadFailed')}
        </p>
      ) : (
        <ProfileBody profile={profile.data} />
      )}
    </section>
  )
}
