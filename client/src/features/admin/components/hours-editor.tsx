import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { type HoursSlot, WEEKDAYS, type Weekday } from '../lib/record-form'

interface HoursEditorProps {
  hours: HoursSlot[]
  notes: string
  error: string
  notesError: string
  onHours: (hours: HoursSlot[]) => void
  onNotes: (notes: string) => void
}

/**
 * Opening hours as a weekly table: each day lists its times (opens, closes), with buttons to add
 * and remove times; a day without times is closed. Exceptions (bank holidays, by appointment) are
 * written as notes. Every control is a native, labelled input or button, so the keyboard does it all.
 */
export function HoursEditor({ hours, notes, error, notesError, onHours, onNotes }: HoursEditorProps) {
  const { t } = useTranslation()
  const id = useId()
  const dayName = (day: Weekday) => t(`provider.days.${day}`)
  const slotsOf = (day: Weekday) =>
    hours.map((slot, index) => ({ slot, index })).filter(({ slot }) => slot.day === day)
  const update = (index: number, change: Partial<HoursSlot>) =>
    onHours(hours.map((slot, i) => (i === index ? { ...slot, ...change } : slot)))
  const add = (day: Weekday) => {
    const last = slotsOf(day).at(-1)?.slot
    onHours([
      ...hours,
      last ? { day, opens: last.closes, closes: last.closes } : { day, opens: '09:00', closes: '17:00' },
    ])
  }
  const remove = (index: number) => onHours(hours.filter((_, i) => i !== index))

  return (
    <fieldset className="admin-fieldset" aria-describedby={`${id}-intro${error ? ` ${id}-error` : ''}`}>
      <legend id={`${id}-legend`}>{t('admin.record.hours.legend')}</legend>
      <p id={`${id}-intro`} className="hint">
        {t('admin.record.hours.intro')}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <table className="admin-hours">
        <caption className="visually-hidden">{t('admin.record.hours.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.record.hours.day')}</th>
            <th scope="col">{t('admin.record.hours.times')}</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day) => {
            const slots = slotsOf(day)
            return (
              <tr key={day}>
                <th scope="row">{dayName(day)}</th>
                <td>
                  {slots.length === 0 ? (
                    <p className="admin-hours-closed">{t('admin.record.hours.closed')}</p>
                  ) : null}
                  {slots.map(({ slot, index }, n) => {
                    const label = { day: dayName(day), n: n + 1 }
                    return (
                      <div key={index} className="admin-hours-slot">
                        <label>
                          <span className="visually-hidden">{t('admin.record.hours.opens', label)}</span>
                          <input
                            type="time"
                            value={slot.opens}
                            required
                            onChange={(e) => update(index, { opens: e.target.value })}
                          />
                        </label>
                        <span aria-hidden="true">–</span>
                        <label>
                          <span className="visually-hidden">{t('admin.record.hours.closes', label)}</span>
                          <input
                            type="time"
                            value={slot.closes}
                            required
                            onChange={(e) => update(index, { closes: e.target.value })}
                          />
                        </label>
                        <button type="button" className="button-small" onClick={() => remove(index)}>
                          {t('admin.record.hours.remove', label)}
                        </button>
                      </div>
                    )
                  })}
                  <button type="button" className="button-small button-secondary" onClick={() => add(day)}>
                    {t('admin.record.hours.add', { day: dayName(day) })}
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <div className="admin-field">
        <label htmlFor={`${id}-notes`}>{t('admin.record.hours.notes')}</label>
        <span id={`${id}-notes-hint`} className="hint">
          {t('admin.record.hours.notesHint')}
        </span>
        {notesError ? (
          <span id={`${id}-notes-error`} className="field-error">
            {notesError}
          </span>
        ) : null}
        <textarea
          id={`${id}-notes`}
          value={notes}
          maxLength={500}
          aria-invalid={notesError ? true : undefined}
          aria-describedby={`${id}-notes-hint${notesError ? ` ${id}-notes-error` : ''}`}
          onChange={(e) => onNotes(e.target.value)}
        />
      </div>
    </fieldset>
  )
}
