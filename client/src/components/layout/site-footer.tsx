import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'

export const dataAttributionId = 'data-attribution'

const urlPattern = /(https?:\/\/[^\s)]+)/

/** Plain text with its web addresses turned into links (translations stay plain strings). */
function withLinks(text: string) {
  return text.split(urlPattern).map((part, index) =>
    // split() with a capture group puts the matches at odd indexes.
    index % 2 === 1 ? (
      <a key={part} href={part}>
        {part}
      </a>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never reorder
      <Fragment key={index}>{part}</Fragment>
    ),
  )
}

/** About line and the data attribution required wherever the boundary and postcode data are shown. */
export function SiteFooter() {
  const { t } = useTranslation()
  return (
    <footer className="site-footer">
      <p>{t('footer.about')}</p>
      <h2 id={dataAttributionId} tabIndex={-1}>
        {t('footer.dataHeading')}
      </h2>
      <p className="attribution">{withLinks(t('footer.attribution'))}</p>
    </footer>
  )
}
