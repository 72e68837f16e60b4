import type { ScenarioResult } from '../run'
import type { BenchEngine } from './engines'

/** Runs a scenario on each engine in turn (never at once: they share two cores) and joins the results. */
export async function perEngine(
  engines: BenchEngine[],
  runOnEngine: (engine: BenchEngine) => Promise<ScenarioResult>,
): Promise<ScenarioResult> {
  const result: ScenarioResult = { rows: [], notes: [] }
  for (const engine of engines) {
    const r = await runOnEngine(engine)
    result.rows.push(...r.rows)
    result.notes.push(...r.notes)
    if (r.userView) result.userView = [...(result.userView ?? []), ...r.userView]
  }
  return result
}
