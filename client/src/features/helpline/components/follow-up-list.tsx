import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { FreshnessBadges } from '../../../components/freshness/freshness-badges'
import { useLocalised } from '../../../lib/use-localised'
import type { SignpostFollowUp } from '../api/signpost-types'

/**
 * Records that match but that the freshness policy does not offer (expired, or no contact route;
 * docs/decisions/0020), listed after the options, each with why, so staff can follow them up.
 */
export function FollowUpList({
  items,
  headingLevel = 3,
}: {
  items: SignpostFollowUp[]
  headingLevel?: 2 | 3
}) {
  const { t } = useTranslation()
  const { label } = useLocalised()
  const id = useId()
  if (items.length === 0) return null
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section className="follow-up" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{t('freshness.followUp.heading')}</Heading>
      <p className="hint">{t('freshness.followUp.intro')}</p>
      <ul className="follow-up-list">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/providers/${item.slug}`}>{item.name}</Link> ({label('levels', item.level)}){' '}
            <FreshnessBadges freshness={item.freshness} />
          </li>
        ))}
      </ul>
    </section>
  )
}
