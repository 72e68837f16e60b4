import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseCsv } from 'csv-parse/sync'
import { childDatabase } from '../lib/child-database'
import type { BenchEngine } from '../lib/engines'
import { perEngine } from '../lib/per-engine'
import type { BenchRow } from '../lib/report'
import { memoryOf, serverEnv } from '../lib/server-process'
import { seededRandom, summarize } from '../lib/stats'
import type { Scenario, ScenarioResult } from '../run'

/**
 * The Charity Commission register import (issue 16 §1, decision 0015): a generated extract of
 * 170,000 charities in the register's JSON shape (`BENCH_CCEW_CHARITIES` to change it), written once
 * into the ignored `.cache/bench-ccew/`, then `npm run import:ccew -- --dir … --json` as a dry run in
 * a process of its own on a database holding the demo (seeded first by `npm run db:seed`),
 * timed from spawn to exit, its peak RSS read from /proc. Target: ≤ 10 minutes, RSS ≤ 500 MB.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const CHARITIES = Number(process.env.BENCH_CCEW_CHARITIES ?? 170_000)
const TARGET_MINUTES = 10
const TARGET_RSS_MB = 500
const EXTRACT_DATE = '2026-12-01T00:00:00'

const PLACES = ['Anytown', 'Sampleton', 'Exampleshire', 'Testbury', 'Mockford', 'Placeham', 'Demoville']
const INFRASTRUCTURE = [
  (p: string) => `${p} Council for Voluntary Service`,
  (p: string) => `Voluntary Action ${p}`,
  (p: string) => `${p} Community Action`,
  (p: string) => `${p} Rural Community Council`,
  (p: string) => `${p} Volunteer Centre`,
  (p: string) => `${p} Equality Network`,
  (p: string) => `${p} BME Forum`,
]
const ORDINARY = [
  (p: string, i: number) => `Friends of ${p} School ${i}`,
  (p: string, i: number) => `${p} Community Trust ${i}`,
  (p: string, i: number) => `${p} Sports Club ${i}`,
  (p: string, i: number) => `St Example's Church ${p} ${i}`,
  (p: string, i: number) => `The ${p} Foundation ${i}`,
  (p: string, i: number) => `${p} Youth Project ${i}`,
  (p: string, i: number) => `${p} Village Hall ${i}`,
]
const ACTIVITIES = [
  'We support local voluntary and community groups with advice, training and volunteering.',
  'Running a youth club and holiday activities for children and young people.',
  'Maintaining the village hall for the use of the inhabitants.',
  'Grants to individuals in need living in the area of benefit.',
  'Advancing education by supporting the school and its pupils.',
]
/** What front-line charities write (the first text is an infrastructure body's). */
const ORDINARY_ACTIVITIES = ACTIVITIES.slice(1)
const POSTCODES = ['BD1 1HY', 'ME14 1AA', 'SW1A 1AA', 'LS1 1AA', 'CF10 1AA', 'M1 1AA', 'ZZ99 9ZZ']

/** The register's areas of operation (type, name) as the mapping file lists them. */
function registerAreas(): Array<[string, string]> {
  const file = path.join(repoRoot, '../shared/charity/cc_aoo_to_2013_codes.csv')
  const rows = parseCsv(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as Array<
    Record<string, string>
  >
  return rows.map((r) => [r.geographic_area_type ?? '', r.cc_name ?? ''])
}

/** Buffered writing of one JSON array file. */
function arrayWriter(file: string, bom: boolean) {
  const fd = fs.openSync(file, 'w')
  let buffer: string[] = []
  let first = true
  const flush = () => {
    if (buffer.length > 0) fs.writeSync(fd, buffer.join(''))
    buffer = []
  }
  fs.writeSync(fd, `${bom ? '\ufeff' : ''}[\n`)
  return {
    push(row: object) {
      buffer.push(`${first ? '' : ',\n'}${JSON.stringify(row)}`)
      first = false
      if (buffer.length >= 5_000) flush()
    },
    close() {
      flush()
      fs.writeSync(fd, '\n]\n')
      fs.closeSync(fd)
    },
  }
}

/** Writes the extract (once per size); answers its folder and size in MB. */
function generateExtract(log: (line: string) => void): { dir: string; mb: number } {
  const dir = path.join(repoRoot, '.cache', 'bench-ccew', String(CHARITIES))
  const done = path.join(dir, 'complete')
  const size = () =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) /
    1024 /
    1024
  if (fs.existsSync(done)) return { dir, mb: size() }
  log(`[ccew] generating an extract of ${CHARITIES.toLocaleString('en-GB')} charities in ${dir}...`)
  fs.mkdirSync(dir, { recursive: true })
  const random = seededRandom(16)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T
  const areas = registerAreas()
  const charity = arrayWriter(path.join(dir, 'publicextract.charity.json'), true)
  const codes = arrayWriter(path.join(dir, 'publicextract.charity_classification.json'), false)
  const aoo = arrayWriter(path.join(dir, 'publicextract.charity_area_of_operation.json'), false)
  const names = arrayWriter(path.join(dir, 'publicextract.charity_other_names.json'), false)
  let registered = 1_000_000
  for (let i = 0; i < CHARITIES; i++) {
    // One row in 25 is a linked charity of the main charity before it.
    const linked = i % 25 === 24 ? 1 : 0
    if (!linked) registered++
    const org = 5_000_000 + i
    const place = pick(PLACES)
    const infrastructure = random() < 0.012
    const name = (infrastructure ? pick(INFRASTRUCTURE)(place) : pick(ORDINARY)(place, i)).toUpperCase()
    const removed = !linked && i % 30 === 7
    const ids = {
      date_of_extract: EXTRACT_DATE,
      organisation_number: org,
      registered_charity_number: registered,
      linked_charity_number: linked,
    }
    charity.push({
      ...ids,
      charity_name: name,
      charity_type: 'Charitable company',
      charity_registration_status: removed ? 'Removed' : 'Registered',
      date_of_registration: '2010-04-01T00:00:00',
      date_of_removal: removed ? '2024-06-30T00:00:00' : null,
      charity_reporting_status: 'Submission Received',
      latest_acc_fin_period_start_date: '2025-04-01T00:00:00',
      latest_acc_fin_period_end_date: '2026-03-31T00:00:00',
      latest_income: Math.round(random() * 2_000_000),
      latest_expenditure: Math.round(random() * 2_000_000),
      charity_contact_address1: `${1 + (i % 200)} Example Street`,
      charity_contact_address2: place,
      charity_contact_address3: null,
      charity_contact_address4: null,
      charity_contact_address5: null,
      charity_contact_postcode: pick(POSTCODES),
      charity_contact_phone: `01000 ${String(i % 1_000_000).padStart(6, '0')}`,
      charity_contact_email: `info@charity-${registered}.example.org`,
      charity_contact_web: random() < 0.6 ? `www.charity-${registered}.example.org` : null,
      charity_company_registration_number: random() < 0.3 ? String(9_000_000 + i) : null,
      charity_insolvent: false,
      charity_in_administration: false,
      charity_previously_excepted: null,
      charity_is_cdf_or_cif: null,
      charity_is_cio: random() < 0.4,
      cio_is_dissolved: null,
      date_cio_dissolution_notice: null,
      charity_activities: (infrastructure
        ? (ACTIVITIES[0] as string)
        : pick(ORDINARY_ACTIVITIES)
      ).toUpperCase(),
      charity_gift_aid: true,
      charity_has_land: false,
    })
    const classes = new Set<number>([101 + Math.floor(random() * 17), 201 + Math.floor(random() * 7)])
    for (let k = 0; k < 3; k++) classes.add(301 + Math.floor(random() * 10))
    if (infrastructure || random() < 0.04) classes.add(205)
    if (infrastructure || random() < 0.02) classes.add(309)
    for (const code of classes) {
      codes.push({
        ...ids,
        classification_code: code,
        classification_type: code < 200 ? 'What' : code < 300 ? 'Who' : 'How',
        classification_description: `Classification ${code}`,
      })
    }
    const where: Array<[string, string]> = random() < 0.1 ? [['Region', 'Throughout England And Wales']] : []
    for (let k = where.length === 0 ? 1 + Math.floor(random() * 3) : 0; k > 0; k--) where.push(pick(areas))
    if (random() < 0.03) where.push(['Country', 'France'])
    for (const [type, description] of where) {
      aoo.push({
        ...ids,
        geographic_area_type: type,
        geographic_area_description: description,
        parent_geographic_area_type: type === 'Country' ? 'Continent' : 'Region',
        parent_geographic_area_description: type === 'Country' ? 'Europe' : null,
        welsh_ind: false,
      })
    }
    if (random() < 0.15) {
      names.push({
        ...ids,
        charity_name_id: 1,
        charity_name_type: 'Working Name',
        charity_name: `${name} GROUP`,
      })
    }
  }
  for (const writer of [charity, codes, aoo, names]) writer.close()
  fs.writeFileSync(done, `${new Date().toISOString()}\n`)
  return { dir, mb: size() }
}

/** Runs a script to its exit: time, peak RSS (VmHWM, polled every 100 ms), stdout, stderr's tail. */
async function runScript(args: string[], env: NodeJS.ProcessEnv) {
  const t0 = process.hrtime.bigint()
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString()
  })
  child.stderr.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4_000)
  })
  let hwm = 0
  const poll = setInterval(() => {
    try {
      hwm = Math.max(hwm, memoryOf(child.pid as number).hwm)
    } catch {
      // The process has just exited.
    }
  }, 100)
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  clearInterval(poll)
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  return { code, ms, hwm, stdout, stderr }
}

async function runOnEngine(engine: BenchEngine, log: (line: string) => void): Promise<ScenarioResult> {
  const rows: BenchRow[] = []
  const notes: string[] = []
  const t0 = process.hrtime.bigint()
  const extract = generateExtract(log)
  const generatedMs = Number(process.hrtime.bigint() - t0) / 1e6

  const database = await childDatabase(engine, 'ccew')
  const env = serverEnv(database.env)
  try {
    log(`[ccew/${engine}] npm run db:seed (migrations, the geography and the demo)...`)
    const seeded = await runScript(['scripts/db.ts', 'seed'], env)
    if (seeded.code !== 0) throw new Error(`db:seed failed (exit ${seeded.code}): ${seeded.stderr}`)
    log(`[ccew/${engine}] npm run import:ccew -- --dir ${extract.dir} --json (dry run)...`)
    const run = await runScript(['scripts/import-ccew.ts', '--dir', extract.dir, '--json'], env)
    let candidates = 0
    let read = 0
    let ok = run.code === 0
    try {
      const report = JSON.parse(run.stdout) as { read: number; candidates: unknown[] }
      read = report.read
      candidates = report.candidates.length
    } catch {
      ok = false
    }
    rows.push({
      scenario: 'ccew: import:ccew --json dry run (stream, score, map, plan), spawn to exit',
      engine,
      size: `${CHARITIES.toLocaleString('en-GB')} charities, ${Math.round(extract.mb)} MB`,
      latency: summarize([run.ms]),
      throughput: read / (run.ms / 1000),
      throughputUnit: 'charities/s',
      errors: ok ? 0 : 1,
      peakRssMb: run.hwm,
    })
    if (!ok) notes.push(`${engine} ccew dry run failed (exit ${run.code}): ${run.stderr.slice(-1_000)}`)
    const minutes = run.ms / 60_000
    notes.push(
      `${engine} target ccew dry run <= ${TARGET_MINUTES} min and RSS <= ${TARGET_RSS_MB} MB: ${ok && minutes <= TARGET_MINUTES && run.hwm <= TARGET_RSS_MB ? 'met' : 'NOT met'} (${minutes.toFixed(1)} min, peak RSS ${run.hwm} MB of the import process; ${read.toLocaleString('en-GB')} charities read, ${candidates.toLocaleString('en-GB')} candidates; extract generated in ${(generatedMs / 1000).toFixed(0)} s, reused when present)`,
    )
  } finally {
    await database.cleanup()
  }
  return { rows, notes }
}

export const ccewScenario: Scenario = {
  name: 'ccew',
  onRequestOnly: true,
  description:
    'Charity Commission register import: the dry run (`import:ccew --json`) of a generated 170,000-charity extract in its own process on a demo-loaded database, time and peak RSS (on request)',
  run(engines, log) {
    return perEngine(engines, (engine) => runOnEngine(engine, log))
  },
}
