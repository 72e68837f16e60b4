import fs from 'node:fs'
import path from 'node:path'
import { CCEW_FILES } from '../../server/imports/ccew-extract'
import { readJsonArray } from '../../server/imports/ccew-json-stream'
import { repoRoot } from './test-config'

/** The register extract the tests use (fictional charities, with malformed rows). */
export const ccewFixture = path.join(repoRoot, 'test/fixtures/ccew')

/** Writes the fixture extract without its malformed rows into `dir` (a commit needs a clean extract). */
export async function writeCleanCcewExtract(dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true })
  for (const file of Object.values(CCEW_FILES)) {
    const rows: Array<Record<string, unknown>> = []
    for await (const item of readJsonArray(path.join(ccewFixture, file)))
      if ('value' in item) rows.push(item.value)
    const kept = rows.filter((r) =>
      file === CCEW_FILES.charity
        ? typeof r.registered_charity_number === 'number' && r.charity_name !== ''
        : file === CCEW_FILES.classification
          ? typeof r.classification_code === 'number'
          : true,
    )
    fs.writeFileSync(path.join(dir, file), JSON.stringify(kept))
  }
  return dir
}
