import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { CCEW_FILES, readExtract, SKIP } from './ccew-extract'
import { JsonArrayFormatError, readJsonArray } from './ccew-json-stream'

const fixture = path.resolve(__dirname, '../../test/fixtures/ccew')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccew-stream-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

function write(name: string, text: string): string {
  const file = path.join(tmp, name)
  fs.writeFileSync(file, text)
  return file
}

async function collect(file: string, highWaterMark?: number) {
  const items = []
  for await (const item of readJsonArray(file, { highWaterMark })) items.push(item)
  return items
}

describe('the streaming array reader', () => {
  test('objects split across any chunk boundary, strings with braces, escapes and Welsh letters', async () => {
    const rows = [
      { a: 1, text: 'braces } and { in "quotes" \\ and a backslash' },
      { b: 'Cyngor Gwirfoddol Ynys Môn — ŵ ŷ', nested: { deep: [1, { x: '}' }] } },
      { c: null },
    ]
    const file = write('split.json', `\ufeff [ ${rows.map((r) => JSON.stringify(r)).join(' ,\n')} ] \n`)
    for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
      const items = await collect(file, size)
      expect(items, `chunk ${size}`).toEqual(rows.map((value, index) => ({ index, value })))
    }
  })

  test('an object that is not JSON is reported by index and the reading goes on', async () => {
    const file = write('bad.json', '[{"a":1},{"a": },{"a":3}]')
    expect(await collect(file, 4)).toEqual([
      { index: 0, value: { a: 1 } },
      { index: 1, error: expect.stringMatching(/^not valid JSON/) },
      { index: 2, value: { a: 3 } },
    ])
  })

  test('a file cut off inside an object reports that object', async () => {
    const items = await collect(write('cut.json', '[{"a":1},{"a":'))
    expect(items.at(-1)).toEqual({ index: 1, error: 'the file ends inside this object' })
  })

  test.each([
    ['an object, not an array', '{"a":1}', /must start with \[/],
    ['a number in the array', '[{"a":1}, 2]', /item 1: expected an object/],
    ['two objects without a comma', '[{"a":1} {"a":2}]', /or a comma/],
    ['an unclosed array', '[{"a":1},', /before the array is closed/],
    ['text after the array', '[{"a":1}] x', /after the end of the array/],
  ])('%s stops the reading with a clear error', async (_what, text, message) => {
    await expect(collect(write('shape.json', text))).rejects.toThrow(JsonArrayFormatError)
    await expect(collect(write('shape.json', text))).rejects.toThrow(message)
  })

  test('an empty array is no rows', async () => {
    expect(await collect(write('empty.json', '\ufeff[]'))).toEqual([])
  })
})

describe('the fixture extract', () => {
  test('keeps registered main candidates; counts linked, removed, non-candidates and malformed rows', async () => {
    const result = await readExtract(fixture)
    expect(result.read).toBe(16)
    expect(result.charities.map((c) => c.row.registered_charity_number)).toEqual([
      1190001, 1190002, 1190003, 1190004, 1190005, 1190006, 1190007, 1190008, 1190011, 1190012, 1190013,
    ])
    expect(result.skipped).toEqual({
      [SKIP.linked]: 1,
      [SKIP.notCandidate]: 1,
      [SKIP.removed]: 1,
      [SKIP.malformed]: 2,
    })
    // Only known charities' removals are kept (to close their records).
    expect(result.removed.size).toBe(0)
  })

  test('malformed rows are reported with file, index and field', async () => {
    const { problems } = await readExtract(fixture)
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: CCEW_FILES.charity, index: 14, field: 'registered_charity_number' }),
        expect.objectContaining({ file: CCEW_FILES.charity, index: 15, field: 'charity_name' }),
        expect.objectContaining({
          file: CCEW_FILES.classification,
          field: 'classification_code',
        }),
        expect.objectContaining({ file: CCEW_FILES.otherNames, index: 1, field: '' }),
      ]),
    )
    expect(problems).toHaveLength(4)
  })

  test('an other name, the classifications and the areas reach the charity', async () => {
    const { charities } = await readExtract(fixture)
    const anyshire = charities.find((c) => c.row.registered_charity_number === 1190008)
    expect(anyshire?.names).toEqual(['ANYSHIRE COMMUNITY SUPPORT LIMITED', 'ANYSHIRE CVS'])
    expect(anyshire?.score).toMatchObject({ candidate: true, kind: 'generalist' })
    expect(anyshire?.areas).toEqual([{ type: 'Local Authority', description: 'Leeds City' }])
  })

  test('a known charity is kept though not a candidate, and its removal is reported with its date', async () => {
    const result = await readExtract(fixture, { known: new Set([1190009, 1190010]) })
    expect(result.charities.map((c) => c.row.registered_charity_number)).toContain(1190009)
    expect([...result.removed]).toEqual([[1190010, '2025-06-30']])
  })
})
