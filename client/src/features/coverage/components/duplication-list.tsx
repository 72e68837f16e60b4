import { useTranslation } from 'react-i18next'
import { useLocalised } from '../../../lib/use-localised'
import type { AreaProfile } from '../api/coverage-types'
import { duplicationGroup } from './duplication-words'

type Item = AreaProfile['duplication'][number]

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
  const words = {
    t: (key: 'duplication.detail' | 'duplication.wholeStrand', values: Record<string, string>) =>
      key === 'duplication.detail'
        ? t('duplication.detail', { group: values.group ?? '', detail: values.detail ?? '' })
        : t('duplication.wholeStrand', { group: values.group ?? '' }),
    groupLabel,
    detailLabel: (code: string) => label('strandDetails', code),
    hasDetails: (strand: string) =>
      localised.taxonomy?.strandDetails.some((d) => d.strand === strand) ?? false,
  }
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
                group: duplicationGroup(words, d),
              })}
              : {localised.list(d.providers.map((p) => providerName(p.id, d.level)))}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
