import { useTranslation } from 'react-i18next'
import type { PostcodeResult } from '../api/geo-types'
import { useAreaName } from '../hooks/use-area-name'
import { postcodeOutsideText } from '../lib/postcode-outside'

/** The areas containing a postcode, neighbourhood first, as the API orders them. */
export function PostcodeAreas({ result }: { result: PostcodeResult }) {
  const { t } = useTranslation()
  const areaName = useAreaName()
  return (
    <section className="postcode-areas" aria-labelledby="postcode-areas-heading">
      <h2 id="postcode-areas-heading">{t('postcode.resultsHeading', { postcode: result.postcode })}</h2>
      {result.precision !== null && result.precision !== 'postcode' ? (
        <p className="notice">{t(`postcode.precision.${result.precision}`)}</p>
      ) : null}
      {result.nearest ? <p className="notice">{t('postcode.nearest')}</p> : null}
      {result.coverage === 'outside' ? <p className="notice">{postcodeOutsideText(t, result)}</p> : null}
      {result.areas.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('postcode.columns.level')}</th>
              <th scope="col">{t('postcode.columns.type')}</th>
              <th scope="col">{t('postcode.columns.name')}</th>
            </tr>
          </thead>
          <tbody>
            {result.areas.map((area) => (
              <tr key={area.code}>
                <td>{t(`levels.${area.level}`)}</td>
                <td>{t(`areaTypes.${area.type}`)}</td>
                <th scope="row">{areaName(area)}</th>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
