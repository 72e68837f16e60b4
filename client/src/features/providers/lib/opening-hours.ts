import type { OpeningHours, Weekday } from '../api/provider-types'

export const weekdayOrder: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/** Opening hours are local times in the UK, whatever the reader's own time zone. */
export const openingHoursTimeZone = 'Europe/London'

const clockFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: openingHoursTimeZone,
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** The weekday and minutes after midnight at `now`, on UK clocks (GMT or BST as the date requires). */
export function ukClock(now: Date): { day: Weekday; minutes: number } {
  const parts = Object.fromEntries(clockFormat.formatToParts(now).map((part) => [part.type, part.value]))
  const day = String(parts.weekday).slice(0, 3).toLowerCase() as Weekday
  return { day, minutes: Number(parts.hour) * 60 + Number(parts.minute) }
}

/** "09:30" -> 570; "24:00" -> 1440. */
export function clockMinutes(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':')
  return Number(hours) * 60 + Number(minutes)
}

export interface Slot {
  opens: string
  closes: string
}

/** Each weekday's opening slots, earliest first (an empty list: closed that day). */
export function weeklySchedule(hours: OpeningHours): Array<{ day: Weekday; slots: Slot[] }> {
  return weekdayOrder.map((day) => ({
    day,
    slots: hours.weekly
      .filter((slot) => slot.day === day)
      .map(({ opens, closes }) => ({ opens, closes }))
      .sort((a, b) => clockMinutes(a.opens) - clockMinutes(b.opens)),
  }))
}

export type OpenState =
  | { status: 'unknown' }
  | { status: 'open'; closes: string }
  | {
      status: 'closed'
      /** When it next opens: `inDays` 0 is later today, 1 tomorrow; undefined when it never opens. */
      next: { day: Weekday; opens: string; inDays: number } | undefined
    }

/** Whether the provider is open at `now` (UK time), and when it closes or next opens. */
export function openState(hours: OpeningHours | null | undefined, now: Date): OpenState {
  if (!hours || hours.weekly.length === 0) return { status: 'unknown' }
  const schedule = weeklySchedule(hours)
  const { day, minutes } = ukClock(now)
  const todayIndex = weekdayOrder.indexOf(day)
  const today = schedule[todayIndex]?.slots ?? []
  const current = today.find(
    (slot) => clockMinutes(slot.opens) <= minutes && minutes < clockMinutes(slot.closes),
  )
  if (current) return { status: 'open', closes: current.closes }
  for (let inDays = 0; inDays <= 7; inDays++) {
    const entry = schedule[(todayIndex + inDays) % 7]
    const slot = entry?.slots.find((s) => inDays > 0 || clockMinutes(s.opens) > minutes)
    if (entry && slot) return { status: 'closed', next: { day: entry.day, opens: slot.opens, inDays } }
  }
  return { status: 'closed', next: undefined }
}
