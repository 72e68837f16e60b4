import fs from 'node:fs'
import type { Logger } from 'pino'
import { type Browser, chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../lib/chromium'
import { ServiceUnavailableError } from '../lib/errors'

/**
 * Prints the area report's HTML to PDF with Debian's Chromium (docs/decisions/0019). One browser
 * for the whole process, started on the first PDF and closed with the server; each PDF gets its
 * own browser context (no shared cookies or cache) with JavaScript off and the network refused, so
 * a report can only ever show what its HTML holds. At most `maxConcurrent` pages print at once;
 * the rest wait, and any PDF not done within `timeoutMs` (waiting included) is a 503.
 */

export interface PrintOptions {
  /** The page footer's left part: the area's name and the report's date (plain text). */
  footer: string
  /** "Page" in the report's language. */
  pageWord: string
  /** "of" in the report's language. */
  ofWord: string
}

export interface ReportPrinter {
  pdf(html: string, options: PrintOptions): Promise<Buffer>
  close(): Promise<void>
}

export interface ReportPrinterOptions {
  chromiumPath: string
  maxConcurrent: number
  timeoutMs: number
  logger?: Logger
}

const MISSING =
  'PDF reports are not available on this server: Chromium is not installed. The web page version (format=html) still works.'

const escapeText = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** Chromium's footer template: its own small document, styled inline (the page's CSS does not reach it). */
function footerTemplate({ footer, pageWord, ofWord }: PrintOptions): string {
  return `<div style="font-family: sans-serif; font-size: 8pt; color: #333; width: 100%; margin: 0 12mm; display: flex; justify-content: space-between;"><span>${escapeText(footer)}</span><span>${escapeText(pageWord)} <span class="pageNumber"></span> ${escapeText(ofWord)} <span class="totalPages"></span></span></div>`
}

export function createReportPrinter(options: ReportPrinterOptions): ReportPrinter {
  let browser: Promise<Browser> | undefined
  let closed = false
  let running = 0
  const waiting: Array<() => void> = []

  function launch(): Promise<Browser> {
    if (!fs.existsSync(options.chromiumPath)) {
      options.logger?.warn({ chromiumPath: options.chromiumPath }, 'report PDF asked for: no Chromium there')
      throw new ServiceUnavailableError(MISSING, 60)
    }
    if (!browser) {
      const started = chromium.launch(chromiumLaunchOptions(options.chromiumPath))
      browser = started
      started.then(
        (b) =>
          b.on('disconnected', () => {
            if (browser === started) browser = undefined
          }),
        (err) => {
          if (browser === started) browser = undefined
          options.logger?.error({ err }, 'Chromium did not start')
        },
      )
    }
    return browser.catch(() => {
      throw new ServiceUnavailableError(
        'PDF reports are not available right now: Chromium could not be started. The web page version (format=html) still works.',
        60,
      )
    })
  }

  async function turn(): Promise<void> {
    if (running < options.maxConcurrent) {
      running += 1
      return
    }
    await new Promise<void>((resolve) => waiting.push(resolve))
  }

  function release(): void {
    const next = waiting.shift()
    if (next) next()
    else running -= 1
  }

  async function print(html: string, printOptions: PrintOptions, deadline: AbortSignal): Promise<Buffer> {
    const b = await launch()
    const context = await b.newContext({ javaScriptEnabled: false, offline: true })
    const stop = () => void context.close().catch(() => {})
    deadline.addEventListener('abort', stop, { once: true })
    try {
      const page = await context.newPage()
      page.setDefaultTimeout(options.timeoutMs)
      // Only the document itself: an image, font or stylesheet from elsewhere is refused.
      await page.route('**/*', (route) =>
        route.request().url().startsWith('data:') ? route.continue() : route.abort(),
      )
      await page.setContent(html, { waitUntil: 'load' })
      return await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: footerTemplate(printOptions),
      })
    } finally {
      deadline.removeEventListener('abort', stop)
      await context.close().catch(() => {})
    }
  }

  return {
    async pdf(html, printOptions) {
      if (closed) throw new ServiceUnavailableError('The server is shutting down')
      const controller = new AbortController()
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort()
          reject(
            new ServiceUnavailableError(
              `The PDF took longer than ${Math.round(options.timeoutMs / 1000)} s to print; try again, or use format=html`,
            ),
          )
        }, options.timeoutMs)
      })
      const work = (async () => {
        await turn()
        try {
          if (controller.signal.aborted) throw new ServiceUnavailableError('The PDF was not printed in time')
          return await print(html, printOptions, controller.signal)
        } finally {
          release()
        }
      })()
      // The losing side's rejection is handled here so it never surfaces as unhandled.
      work.catch(() => {})
      try {
        return await Promise.race([work, timedOut])
      } finally {
        clearTimeout(timer)
      }
    },

    async close() {
      closed = true
      const open = browser
      browser = undefined
      if (open) await (await open.catch(() => undefined))?.close()
    },
  }
}
