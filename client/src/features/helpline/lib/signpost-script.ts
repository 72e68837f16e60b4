import { recordText } from '../../../lib/record-text'
import type { SignpostProvider, WeeklyHours } from '../api/signpost-types'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** The words of the script, in the interface language (from the i18n strings). */
export interface ScriptWords {
  heading: (name: string, level: string) => string
  why: string
  contact: string
  phone: string
  email: string
  website: string
  address: string
  access: string
  hours: string
  noHours: string
  /** "09:00 to 17:00" */
  slot: (opens: string, closes: string) => string
  days: Record<Weekday, string>
  referral: string
  level: (code: string) => string
  /** The interface language: in Welsh the record's Welsh name and how-to-access, where it has them. */
  language: string
}

/** "Monday, Tuesday: 09:00 to 17:00" lines: days with the same hours share a line, in week order. */
export function hoursLines(hours: WeeklyHours | null, words: Pick<ScriptWords, 'slot' | 'days'>): string[] {
  if (!hours || hours.weekly.length === 0) return []
  const byDay = new Map<string, string[]>()
  for (const slot of hours.weekly) {
    const list = byDay.get(slot.day) ?? []
    list.push(words.slot(slot.opens, slot.closes))
    byDay.set(slot.day, list)
  }
  const lines: Array<{ days: string[]; times: string }> = []
  for (const day of WEEKDAYS) {
    const times = byDay.get(day)?.join(', ')
    if (!times) continue
    const last = lines[lines.length - 1]
    if (last && last.times === times) last.days.push(words.days[day])
    else lines.push({ days: [words.days[day]], times })
  }
  return lines.map((l) => `${l.days.join(', ')}: ${l.times}`)
}

/**
 * The plain text a helpline worker reads or sends to the caller: who, why them, how to get in
 * touch and when. Nothing about the caller is in it.
 */
export function signpostScript(
  provider: SignpostProvider,
  reasons: readonly string[],
  words: ScriptWords,
): string {
  const name = recordText(provider.name, provider.welshName, words.language).text
  const access = recordText(provider.howToAccess, provider.welshHowToAccess, words.language).text
  const lines = [words.heading(name, words.level(provider.level))]
  if (reasons.length > 0) lines.push(`${words.why}: ${reasons.join('; ')}`)
  const contact = [
    provider.phone ? `${words.phone} ${provider.phone}` : undefined,
    provider.email ? `${words.email} ${provider.email}` : undefined,
    provider.website ? `${words.website} ${provider.website}` : undefined,
  ].filter((part): part is string => part !== undefined)
  if (contact.length > 0) lines.push(`${words.contact}: ${contact.join('; ')}`)
  if (provider.address) lines.push(`${words.address}: ${provider.address}`)
  if (access) lines.push(`${words.access}: ${access}`)
  const hours = hoursLines(provider.openingHours, words)
  lines.push(hours.length > 0 ? `${words.hours}: ${hours.join('; ')}` : words.noHours)
  if (provider.openingHours?.notes) lines.push(provider.openingHours.notes)
  if (provider.referralCriteria) lines.push(`${words.referral}: ${provider.referralCriteria}`)
  return lines.join('\n')
}
