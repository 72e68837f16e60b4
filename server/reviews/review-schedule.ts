import type { Knex } from 'knex'
import type { Logger } from 'pino'
import type { Config } from '../lib/config'
import { type ReviewSendOptions, sendReviewLinks } from './review-sender'

/** The sending options from the configuration; undefined (with the reason) when SMTP_URL is unset. */
export function reviewSendOptions(
  config: Config,
  listeningUrl: string,
): { options: ReviewSendOptions } | { missing: string } {
  if (!config.smtpUrl) return { missing: 'SMTP_URL is not set: review links are sent through SMTP' }
  return {
    options: {
      smtpUrl: config.smtpUrl,
      from: config.reviewMailFrom,
      publicBaseUrl: config.publicBaseUrl ?? listeningUrl,
      dueMonths: config.reviewDueMonths,
      linkDays: config.reviewLinkDays,
      reminderDays: config.reviewReminderDays,
      maxReminders: config.reviewMaxReminders,
    },
  }
}

/**
 * The in-process schedule (REVIEWS_SCHEDULE_HOURS, off by default): a run a minute after start-up,
 * then every that many hours; a run never overlaps the last one. Run it in one process only (two
 * schedules could send a reminder twice). Returns the function that stops it.
 */
export function startReviewSchedule(
  knex: Knex,
  config: Config,
  listeningUrl: string,
  logger: Logger,
): () => void {
  if (config.reviewsScheduleHours === 0) return () => {}
  const chosen = reviewSendOptions(config, listeningUrl)
  if ('missing' in chosen) {
    logger.warn(`REVIEWS_SCHEDULE_HOURS is set but ${chosen.missing}; no review links will be sent`)
    return () => {}
  }
  let running = false
  const run = () => {
    if (running) return
    running = true
    sendReviewLinks(knex, chosen.options)
      .then((report) =>
        logger.info(
          { due: report.due, sent: report.sent, failed: report.failed.length, revoked: report.revoked },
          'review links sent',
        ),
      )
      .catch((err) => logger.error({ err }, 'review-link run failed'))
      .finally(() => {
        running = false
      })
  }
  const first = setTimeout(run, 60_000)
  const every = setInterval(run, config.reviewsScheduleHours * 3_600_000)
  first.unref()
  every.unref()
  return () => {
    clearTimeout(first)
    clearInterval(every)
  }
}
