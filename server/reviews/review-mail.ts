import type { MailLanguage, SendKind } from './review-queries'

/**
 * The review-link e-mail, in English and Welsh. Records hold no language preference for their
 * contact, so a mail carries both languages (Welsh first where the record has a Welsh name, as a
 * Welsh body would expect); `language` 'en' or 'cy' gives one.
 */

export interface ReviewMailInput {
  name: string
  welshName: string | null
  link: string
  expiresAt: Date
  kind: SendKind
  language: MailLanguage
}

export interface ReviewMail {
  subject: string
  text: string
}

const dateIn = (locale: string, date: Date) =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  )

function english(m: ReviewMailInput): { subject: string; body: string } {
  const subject =
    m.kind === 'reminder'
      ? 'Reminder: is your Support Atlas record still right?'
      : 'Is your Support Atlas record still right?'
  const body = [
    'Hello,',
    '',
    `Support Atlas lists ${m.name} in its directory of support for voluntary and community groups, so that groups and helpline staff can find you. Please check that your record is still right:`,
    '',
    m.link,
    '',
    'On that page you can confirm the record as it is, or propose changes, which an editor will check before they are published. You do not need an account.',
    `The link works until ${dateIn('en-GB', m.expiresAt)} and can be used once.`,
    ...(m.kind === 'reminder' ? ['', 'We wrote to you about this before and have not heard back yet.'] : []),
    '',
    'If you did not expect this e-mail, you can ignore it.',
    '',
    'Support Atlas',
  ]
  return { subject, body: body.join('\n') }
}

function welsh(m: ReviewMailInput): { subject: string; body: string } {
  const name = m.welshName ?? m.name
  const subject =
    m.kind === 'reminder'
      ? 'Nodyn atgoffa: ydy eich cofnod yn Support Atlas yn dal yn gywir?'
      : 'Ydy eich cofnod yn Support Atlas yn dal yn gywir?'
  const body = [
    'Helo,',
    '',
    `Mae Support Atlas yn rhestru ${name} yn ei gyfeiriadur o gymorth i grwpiau gwirfoddol a chymunedol, fel y gall grwpiau a staff llinellau cymorth ddod o hyd i chi. Gwiriwch fod eich cofnod yn dal yn gywir:`,
    '',
    m.link,
    '',
    'Ar y dudalen honno gallwch gadarnhau’r cofnod fel y mae, neu gynnig newidiadau, a fydd yn cael eu gwirio gan olygydd cyn eu cyhoeddi. Does dim angen cyfrif arnoch.',
    `Mae’r ddolen yn gweithio tan ${dateIn('cy-GB', m.expiresAt)} a gellir ei defnyddio unwaith.`,
    ...(m.kind === 'reminder'
      ? ['', 'Fe wnaethom ysgrifennu atoch am hyn o’r blaen ac nid ydym wedi clywed yn ôl eto.']
      : []),
    '',
    'Os nad oeddech yn disgwyl yr e-bost hwn, gallwch ei anwybyddu.',
    '',
    'Support Atlas',
  ]
  return { subject, body: body.join('\n') }
}

export function reviewMail(m: ReviewMailInput): ReviewMail {
  const en = english(m)
  const cy = welsh(m)
  if (m.language === 'en') return { subject: en.subject, text: en.body }
  if (m.language === 'cy') return { subject: cy.subject, text: cy.body }
  const [first, second] = m.welshName ? [cy, en] : [en, cy]
  return {
    subject: `${first.subject} / ${second.subject}`,
    text: [
      m.welshName
        ? 'Mae’r fersiwn Saesneg isod. / The English version is below.'
        : 'Mae’r fersiwn Gymraeg isod. / The Welsh version is below.',
      '',
      first.body,
      '',
      '----------------------------------------',
      '',
      second.body,
      '',
    ].join('\n'),
  }
}
