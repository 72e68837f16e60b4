import { describe, expect, test } from 'vitest'
import { reviewMail } from './review-mail'
import { dueBefore, nextSend, smtpError } from './review-sender'

const DAY = 86_400_000
const now = new Date('2026-12-07T10:00:00Z')
const o = { reminderDays: 7, maxReminders: 2 }
const link = (over: Partial<Parameters<typeof nextSend>[0]>) => ({
  link_id: 'l',
  last_outcome: 'sent' as const,
  last_sent_at: new Date(now.getTime() - DAY),
  reminders: 0,
  ...over,
})

describe('what a run sends a due record', () => {
  test.each([
    ['no live link: a first mail', link({ link_id: null, last_outcome: null, last_sent_at: null }), 'first'],
    ['the last attempt failed: again', link({ last_outcome: 'failed' }), 'retry'],
    ['sent a day ago: nothing yet', link({}), undefined],
    ['sent 7 days ago: a reminder', link({ last_sent_at: new Date(now.getTime() - 7 * DAY) }), 'reminder'],
    [
      'the reminders used up: nothing',
      link({ last_sent_at: new Date(now.getTime() - 30 * DAY), reminders: 2 }),
      undefined,
    ],
  ])('%s', (_name, record, expected) => {
    expect(nextSend(record, now, o)).toBe(expected)
  })

  test('due: verified before the same day REVIEW_DUE_MONTHS ago', () => {
    expect(dueBefore(now, 11)).toBe('2026-01-07')
    expect(dueBefore(new Date('2026-03-31T00:00:00Z'), 1)).toBe('2026-03-03')
  })

  test("a refused recipient is recorded with the server's code and answer", () => {
    expect(smtpError({ responseCode: 550, response: '550 5.1.1  Mailbox\n unavailable' })).toBe(
      '550 5.1.1 Mailbox unavailable',
    )
    expect(smtpError({ responseCode: 550, response: 'Mailbox unavailable' })).toBe('550 Mailbox unavailable')
    expect(smtpError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:25' })).toBe(
      'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25',
    )
  })
})

describe('the review mail', () => {
  const base = {
    name: 'Example CVS',
    welshName: null,
    link: 'https://atlas.example.org/review/abc',
    expiresAt: new Date('2027-01-04T00:00:00Z'),
    kind: 'first' as const,
  }
  test('both languages in one mail, English first without a Welsh name', () => {
    const mail = reviewMail({ ...base, language: 'en+cy' })
    expect(mail.subject).toBe(
      'Is your Support Atlas record still right? / Ydy eich cofnod yn Support Atlas yn dal yn gywir?',
    )
    expect(mail.text.indexOf('Hello,')).toBeLessThan(mail.text.indexOf('Helo,'))
    expect(mail.text.match(/https:\/\/atlas\.example\.org\/review\/abc/g)).toHaveLength(2)
    expect(mail.text).toContain('until 4 January 2027')
    expect(mail.text).toContain('tan 4 Ionawr 2027')
  })
  test('Welsh first with a Welsh name; a reminder says so; one language on request', () => {
    const mail = reviewMail({ ...base, welshName: 'CGG Enghreifftiol', kind: 'reminder', language: 'en+cy' })
    expect(mail.subject).toMatch(/^Nodyn atgoffa: /)
    expect(mail.text.indexOf('Helo,')).toBeLessThan(mail.text.indexOf('Hello,'))
    expect(mail.text).toContain('Mae Support Atlas yn rhestru CGG Enghreifftiol')
    expect(reviewMail({ ...base, language: 'en' }).text).not.toContain('Helo,')
  })
})
