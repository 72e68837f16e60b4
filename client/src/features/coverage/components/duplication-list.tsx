import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useLocalised } from '../../../lib/use-localised'
import type { AreaProfile } from '../api/coverage-types'

type T = TFunction<'translation'>
type Item = AreaProfile['duplication'][number]

/**
 * The group a duplication item compares (decision 0005, "Duplication"): generalists; a strand's
 * sub-group ("Disability — Sight or hearing loss"); or, under a strand that has sub-groups, the
 * bodies recording none ("Disability — every sub-group"); a strand without sub-groups by its name.
 */
export function duplicationGroup(
  t: T,
  localised: ReturnType<typeof useLocalised>,
  groupLabel: (code: string) => string,
  item: Pick<Item, 'strand' | 'strandDetail'>,
): string {
  const group = groupLabel(item.strand)
  if (item.strandDetail !== null) {
    return t('duplication.detail', { group, detail: localised.label('strandDetails', item.strandDetail) })
  }
  const hasDetails = localised.taxonomy?.strandDetails.some((d) => d.strand === item.strand) ?? false
  return hasDetails ? t('duplication.wholeStrand', { group }) : group
}

/** The area profile's "Possible duplication" section. */
export function DuplicationList({
  items,
  groupLabel,
  providerName,
}: {
  items: Item[]
  groupLabel: (code: string) => string
  /** A provider's name, with the area it covers this one through when the profile knows it. */
  providerName: (id: string, level: string) => string
}) {
  const { t } = useTranslation()
  const localised = useLocalised()
  const { label } = localised
  return (
    <section className="cov-profile-section" aria-labelledby="cov-duplication">
      <h3 id="cov-duplication">{t('coverage.profile.duplication')}</h3>
      <p className="hint">{t('duplication.rule')}</p>
      {items.length === 0 ? (
        <p>{t('coverage.profile.noDuplication')}</p>
      ) : (
        <ul>
          {items.map((d) => (
            <li key={`${d.function}|${d.strand}|${d.strandDetail ?? ''}|${d.level}`}>
              {t('coverage.profile.duplicate', {
                count: d.count,
                level: label('levels', d.level),
                fn: label('functions', d.function),
                group: duplicationGroup(t, localised, groupLabel, d),
              })}
              : {localised.list(d.providers.map((p) => providerName(p.id, d.level)))}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
