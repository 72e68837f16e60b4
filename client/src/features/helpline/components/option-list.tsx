import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { FreshnessBadges } from '../../../components/freshness/freshness-badges'
import { recordText } from '../../../lib/record-text'
import { useLocalised } from '../../../lib/use-localised'
import type { SignpostProvider, SignpostResponse } from '../api/signpost-types'

interface OptionListProps {
  response: SignpostResponse
  active: number
  chosen: ReadonlySet<string>
  reasonText(provider: SignpostProvider): string[]
  /** Elements of the options, by position in the whole list, so the desk can move focus. */
  optionRef(index: number, element: HTMLElement | null): void
  onFocusOption(index: number): void
  onCopy(provider: SignpostProvider): void
  onToggleChosen(provider: SignpostProvider): void
}

/**
 * The ranked options, grouped by level and numbered through. One option at a time is in the tab
 * order (roving tabindex); the desk's key handler moves between them and acts on the focused one.
 */
export function OptionList({
  response,
  active,
  chosen,
  reasonText,
  optionRef,
  onFocusOption,
  onCopy,
  onToggleChosen,
}: OptionListProps) {
  const { t } = useTranslation()
  const { label } = useLocalised()
  const id = useId()
  let offset = 0
  return (
    <>
      {response.groups.map((group) => {
        const start = offset
        offset += group.providers.length
        return (
          <section key={group.level} className="helpline-group" aria-labelledby={`${id}-${group.level}`}>
            <h3 id={`${id}-${group.level}`}>{label('levels', group.level)}</h3>
            <ol start={start + 1} className="helpline-options">
              {group.providers.map((provider, i) => {
                const index = start + i
                const isActive = index === active
                const isChosen = chosen.has(provider.id)
                const nameId = `${id}-name-${index}`
                const tab = isActive ? 0 : -1
                return (
                  <li key={provider.id}>
                    <article
                      ref={(element) => optionRef(index, element)}
                      tabIndex={tab}
                      className="helpline-option"
                      data-active={isActive || undefined}
                      data-chosen={isChosen || undefined}
                      aria-labelledby={nameId}
                      onFocus={(event) => {
                        if (event.target === event.currentTarget || !isActive) onFocusOption(index)
                      }}
                    >
                      <h4 id={nameId}>
                        <span className="helpline-option-number">{index + 1}.</span>{' '}
                        <OptionName provider={provider} />
                      </h4>
                      <p className="helpline-badges">
                        {provider.fallback ? (
                          <span className="helpline-badge">
                            {t(
                              provider.fallback === 'national'
                                ? 'helpline.results.fallbackNational'
                                : 'helpline.results.fallbackLocal',
                            )}
                          </span>
                        ) : null}
                        <span className="helpline-badge">
                          {provider.openNow === null
                            ? t('helpline.results.hoursUnknown')
                            : provider.openNow
                              ? t('helpline.results.openNow')
                              : t('helpline.results.closedNow')}
                        </span>
                        <FreshnessBadges freshness={provider.freshness} />
                        {isChosen ? (
                          <span className="helpline-badge helpline-badge-chosen">
                            <span aria-hidden="true">✓ </span>
                            {t('helpline.results.chosen')}
                          </span>
                        ) : null}
                      </p>
                      <ul className="helpline-reasons">
                        {reasonText(provider).map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                      {provider.phone || provider.email || provider.website ? (
                        <p className="helpline-contact">
                          {provider.phone ? <span>{provider.phone}</span> : null}
                          {provider.email ? (
                            <a href={`mailto:${provider.email}`} tabIndex={tab}>
                              {provider.email}
                            </a>
                          ) : null}
                          {provider.website ? (
                            <a href={provider.website} tabIndex={tab} rel="noreferrer" target="_blank">
                              {provider.website.replace(/^https?:\/\//, '')}
                            </a>
                          ) : null}
                        </p>
                      ) : null}
                      {provider.referralCriteria ? (
                        <p className="helpline-detail">
                          <strong>{t('helpline.results.referralCriteria')}</strong>{' '}
                          {provider.referralCriteria}
                        </p>
                      ) : null}
                      {provider.limits ? (
                        <p className="helpline-detail">
                          <strong>{t('helpline.results.limits')}</strong> {provider.limits}
                        </p>
                      ) : null}
                      <div className="helpline-option-actions">
                        <button
                          type="button"
                          className="button-small"
                          tabIndex={tab}
                          onClick={() => onCopy(provider)}
                        >
                          {t('helpline.results.copy')}
                        </button>
                        <button
                          type="button"
                          className="button-small"
                          tabIndex={tab}
                          aria-pressed={isChosen}
                          onClick={() => onToggleChosen(provider)}
                        >
                          {t('helpline.results.choose')}
                        </button>
                      </div>
                    </article>
                  </li>
                )
              })}
            </ol>
          </section>
        )
      })}
    </>
  )
}

/** The option's name: in Welsh its Welsh name where the record has one, marked with its language. */
function OptionName({ provider }: { provider: SignpostProvider }) {
  const { i18n } = useTranslation()
  const name = recordText(provider.name, provider.welshName, i18n.resolvedLanguage)
  return <span lang={name.lang}>{name.text}</span>
}
