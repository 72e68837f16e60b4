import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OpeningHours } from '../api/provider-types'
import { openState, ukClock, weeklySchedule } from '../lib/opening-hours'

/** Re-evaluates "open now" every minute while the page is open. */
function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs)
    return () => window.clearInterval(timer)
  }, [intervalMs])
  return now
}

/** Opening hours as a table, with whether it is open now (UK time) stated in words. */
export function OpeningHoursSection({ hours }: { hours: OpeningHours | null }) {
  const { t } = useTranslation()
  const now = useNow()
  const state = openState(hours, now)
  const today = ukClock(now).day

  let status: string
  if (state.status === 'open') status = t('provider.hours.openNow', { time: state.closes })
  else if (state.status === 'closed' && state.next) {
    const { next } = state
    status =
      next.inDays === 0
        ? t('provider.hours.opensLaterToday', { time: next.opens })
        : next.inDays === 1
          ? t('provider.hours.opensTomorrow', { time: next.opens })
          : t('provider.hours.opensOn', { day: t(`provider.daysOn.${next.day}`), time: next.opens })
  } else if (state.status === 'closed') status = t('provider.hours.closedNow')
  else status = t('provider.hours.unknown')

  return (
    <>
      <h3 id="hours-heading">{t('provider.hours.heading')}</h3>
      <p className={`open-state open-state-${state.status}`}>
        <span className="open-state-mark" aria-hidden="true" />
        {status}
      </p>
      {hours && hours.weekly.length > 0 ? (
        <table className="hours-table">
          <caption className="visually-hidden">{t('provider.hours.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('provider.hours.day')}</th>
              <th scope="col">{t('provider.hours.times')}</th>
            </tr>
          </thead>
          <tbody>
            {weeklySchedule(hours).map(({ day, slots }) => (
              <tr key={day} aria-current={day === today ? 'date' : undefined}>
                <th scope="row">
                  {t(`provider.days.${day}`)}
                  {day === today ? <span className="today"> {t('provider.hours.today')}</span> : null}
                </th>
                <td>
                  {slots.length === 0
                    ? t('provider.hours.closedDay')
                    : slots
                        .map((slot) => t('provider.hours.slot', { opens: slot.opens, closes: slot.closes }))
                        .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {hours?.notes ? (
        // Record text, written in English (see recordLanguage on the provider page).
        <p className="hint" lang="en">
          {hours.notes}
        </p>
      ) : null}
      {hours && hours.weekly.length > 0 ? <p className="hint">{t('provider.hours.timeZone')}</p> : null}
    </>
  )
}
