import fs from 'node:fs'

/**
 * Reads a file holding one JSON array of objects (a table of the Charity Commission's register
 * extract, several hundred MB) one object at a time, with memory bounded by the largest object:
 * the text is scanned for each top-level object's end (braces outside strings) and only that
 * object's text is handed to JSON.parse. A byte-order mark at the start is tolerated. An object
 * that is not valid JSON is reported by its index (0-based position in the array) and the reading
 * goes on with the next one; a file that is not an array of objects stops with an error.
 *
 * No streaming JSON parser is installed (stream-json or @streamparser/json would do the same);
 * this is the small tokenizer the brief allows for an array of flat objects.
 */

export type JsonArrayItem =
  | { index: number; value: Record<string, unknown> }
  | { index: number; error: string }

const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const COMMA = 0x2c
const BOM = 0xfeff

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

export class JsonArrayFormatError extends Error {}

export async function* readJsonArray(
  file: string,
  options: { highWaterMark?: number } = {},
): AsyncGenerator<JsonArrayItem> {
  const stream = fs.createReadStream(file, {
    encoding: 'utf8',
    highWaterMark: options.highWaterMark ?? 1 << 20,
  })
  // before: before '['; between: inside the array, outside an object; object: inside one; after: past ']'.
  let state: 'before' | 'between' | 'object' | 'after' = 'before'
  let depth = 0
  let inString = false
  let escaped = false
  let pending = ''
  let index = 0
  let expectItem = true
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (state === 'object') {
        if (inString) {
          if (escaped) escaped = false
          else if (c === BACKSLASH) escaped = true
          else if (c === QUOTE) inString = false
        } else if (c === QUOTE) inString = true
        else if (c === OPEN_BRACE) depth++
        else if (c === CLOSE_BRACE) {
          depth--
          if (depth === 0) {
            const text = pending + chunk.slice(start, i + 1)
            pending = ''
            state = 'between'
            expectItem = false
            yield parseItem(text, index++)
          }
        }
        continue
      }
      if (isSpace(c) || (c === BOM && state === 'before')) continue
      if (state === 'before') {
        if (c !== OPEN_BRACKET) throw new JsonArrayFormatError('not a JSON array: the file must start with [')
        state = 'between'
      } else if (state === 'between') {
        if (c === COMMA && !expectItem) expectItem = true
        else if (c === CLOSE_BRACKET) state = 'after'
        else if (c === OPEN_BRACE && expectItem) {
          state = 'object'
          depth = 1
          start = i
        } else {
          throw new JsonArrayFormatError(
            `item ${index}: expected an object ({ ... }) ${expectItem ? '' : 'or a comma '}in the array, found ${JSON.stringify(chunk[i])}`,
          )
        }
      } else {
        throw new JsonArrayFormatError(
          `text after the end of the array: ${JSON.stringify(chunk.slice(i, i + 20))}`,
        )
      }
    }
    if (state === 'object') pending += chunk.slice(start)
  }
  // (TypeScript does not follow the assignments made inside the loop.)
  const end = state as typeof state | 'after' | 'object'
  if (end === 'object') yield { index, error: 'the file ends inside this object' }
  else if (end !== 'after') throw new JsonArrayFormatError('the file ends before the array is closed with ]')
}

function parseItem(text: string, index: number): JsonArrayItem {
  try {
    const value = JSON.parse(text) as unknown
    return { index, value: value as Record<string, unknown> }
  } catch (err) {
    return { index, error: `not valid JSON: ${(err as Error).message}` }
  }
}
