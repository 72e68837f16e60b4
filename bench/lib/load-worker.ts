// The load generator's own process (bench/lib/load-process.ts starts it): reads its options from the
// JSON file named by argv[2], runs closed-loop autocannon or the open-loop node:http generator
// (bench/lib/fault-load.ts) against the app's URL, and writes one JSON summary to stdout. Kept out
// of the app's process so the figures are the app's, not the app's plus the generator's.
import fs from 'node:fs'
import { startLoad, startOpenLoad } from './fault-load'
import type { LoadSpec, LoadSummary } from './load-process'

const spec = JSON.parse(fs.readFileSync(process.argv[2] as string, 'utf8')) as LoadSpec
const paths = spec.paths
const running =
  spec.rate !== undefined
    ? startOpenLoad({ url: spec.url, paths, seconds: spec.seconds, rate: spec.rate })
    : startLoad({ url: spec.url, paths, seconds: spec.seconds, connections: spec.connections ?? 1 })
const report = await running.done
const summary: LoadSummary = {
  okMs: report.answers.filter((a) => a.status >= 200 && a.status < 300).map((a) => a.ms),
  refused: report.refusals.length,
  refusedMs: report.refusals.map((a) => a.ms),
  bad: report.bad.length,
  firstBad: report.bad[0]?.detail,
  errors: report.errors.length,
  firstError: report.errors[0]?.message,
  timeouts: report.timeouts,
  seconds: report.seconds,
}
process.stdout.write(JSON.stringify(summary))
