// `npm run reviews:send [-- --json]`
// E-mails a review link to every active record due for review (not verified for REVIEW_DUE_MONTHS,
// with an e-mail address) through SMTP_URL: a new link, the same link again after a failed send,
// or a reminder (REVIEW_REMINDER_DAYS, at most REVIEW_MAX_REMINDERS). Prints what it did and the
// recipients the SMTP server refused (they are retried on the next run).
// Stop a running embedded server first (the embedded database has one user at a time), or set
// REVIEWS_SCHEDULE_HOURS to let the server do it.
import { parseArgs } from 'node:util'
import { loadConfig } from '../server/lib/config'
import { openDatabase } from '../server/lib/db'
import { migrateLatest } from '../server/lib/migrator'
import { reviewSendOptions } from '../server/reviews/review-schedule'
import { sendReviewLinks } from '../server/reviews/review-sender'

let json = false
try {
  json = parseArgs({ options: { json: { type: 'boolean', default: false } } }).values.json === true
} catch (err) {
  console.error(`${(err as Error).message}\nusage: npm run reviews:send [-- --json]`)
  process.exit(2)
}

try {
  const config = loadConfig()
  const chosen = reviewSendOptions(config, `http://${config.host}:${config.port}`)
  if ('missing' in chosen) {
    console.error(`reviews:send: ${chosen.missing} (for example smtp://user:password@mail.example.org:587)`)
    process.exit(2)
  }
  const db = await openDatabase(config)
  try {
    await migrateLatest(db.knex)
    const report = await sendReviewLinks(db.knex, chosen.options)
    if (json) {
      console.log(JSON.stringify(report, null, 2))
    } else {
      const { sent } = report
      console.log(
        `${report.due} record(s) due for review: ${sent.first} new link(s), ${sent.retry} resent after a failure, ${sent.reminder} reminder(s), ${report.waiting} waiting; ${report.revoked} link(s) ended`,
      )
      for (const f of report.failed) console.log(`  not sent to ${f.recipient} (${f.name}): ${f.error}`)
    }
    process.exitCode = report.failed.length > 0 ? 1 : 0
  } finally {
    await db.close()
  }
} catch (err) {
  console.error('reviews:send failed:', err instanceof Error ? err.message : err)
  process.exit(1)
}
