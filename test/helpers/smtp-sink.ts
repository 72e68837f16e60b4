import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server on loopback that keeps what it receives: the review-link tests send through
 * it with nodemailer as production does. `reject` makes it refuse recipients (550 at RCPT TO), as
 * a mail server refuses an unknown mailbox.
 */

export interface CapturedMail {
  from: string
  to: string[]
  subject: string
  text: string
}

export interface SmtpSink {
  url: string
  mails: CapturedMail[]
  reject: Set<string>
  close(): Promise<void>
}

/** Undoes the mail's transfer encoding (quoted-printable or base64) of a single-part text body. */
function decodeBody(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase()
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`)
      .replace(/%(?![0-9A-F]{2})/gi, '%25')
    return decodeURIComponent(bytes)
  }
  return body
}

/** A header value, RFC 2047 encoded words decoded (nodemailer encodes a non-ASCII subject). */
function headerValue(headers: string, name: string): string {
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ')
  const raw = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded)?.[1] ?? ''
  return raw
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeURIComponent(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
    )
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: CapturedMail[] = []
  const reject = new Set<string>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address.toLowerCase())) {
        const err = Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 })
        callback(err)
        return
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const split = raw.search(/\r?\n\r?\n/)
        const headers = raw.slice(0, split)
        const body = raw.slice(split).replace(/^\r?\n\r?\n/, '')
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: headerValue(headers, 'Subject'),
          text: decodeBody(headers, body),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    reject,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The review link a captured mail carries. */
export function reviewLinkIn(mail: CapturedMail): string {
  const link = /https?:\/\/\S+\/review\/[\w-]+/.exec(mail.text)?.[0]
  if (!link) throw new Error(`No review link in the mail to ${mail.to.join(', ')}:\n${mail.text}`)
  return link
}
