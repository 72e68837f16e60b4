import { describe, expect, test } from 'vitest'
import { inputProblem, MAX_JSON_DEPTH, pathProblem, textProblem } from './input-guard'

/** `depth` arrays inside each other around a string, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'x'
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

describe('textProblem', () => {
  test.each([
    ['plain', undefined],
    ['Cymraeg: ŵ ŷ', undefined],
    ['an emoji \u{1F600} is a well-formed pair', undefined],
    ['a\u0000b', /NUL/],
    ['a\ud800b', /lone surrogate/],
    ['\udc00', /lone surrogate/],
    ['\ud83d', /lone surrogate/],
    ['pair reversed \ude00\ud83d', /lone surrogate/],
  ])('%j', (text, problem) => {
    if (problem === undefined) expect(textProblem(text)).toBeUndefined()
    else expect(textProblem(text)).toMatch(problem)
  })
})

describe('inputProblem', () => {
  test('names the dotted path of the first bad string, value or key', () => {
    expect(inputProblem({ a: [1, { b: 'ok' }, { c: 'x\u0000' }] })).toEqual({
      field: 'a.2.c',
      message: 'text must not contain NUL characters',
    })
    expect(inputProblem({ address: { 'li\u0000ne': 'x' } })).toEqual({
      field: 'address',
      message: 'a field name: text must not contain NUL characters',
    })
    expect(inputProblem('\ud800')?.field).toBe('')
    expect(inputProblem({ q: 'fine', page: ['1', '2'], n: 3, ok: true, none: null })).toBeUndefined()
  })

  test(`${MAX_JSON_DEPTH} levels of nesting pass, one more is refused`, () => {
    expect(inputProblem(nested(MAX_JSON_DEPTH))).toBeUndefined()
    expect(inputProblem(nested(MAX_JSON_DEPTH + 1))?.message).toBe(
      `must not be nested deeper than ${MAX_JSON_DEPTH} levels`,
    )
  })

  test('a body nested 1,000,000 levels deep is refused without overflowing the stack', () => {
    const problem = inputProblem(nested(1_000_000))
    expect(problem?.message).toMatch(/nested deeper/)
    expect(problem?.field.split('.')).toHaveLength(MAX_JSON_DEPTH)
  })

  test('a million strings are walked (iteratively) and the bad last one found', () => {
    const body = { list: [...Array.from({ length: 1_000_000 }, () => 'ok'), 'bad\u0000'] }
    expect(inputProblem(body)?.field).toBe('list.1000000')
  })
})

describe('pathProblem', () => {
  test.each([
    ['/api/providers/fx-leeds-cvs', undefined],
    ['/api/geo/postcodes/BD1%201HY', undefined],
    ['/api/providers/caf%C3%A9', undefined],
    ['/api/providers/a%00b', /NUL/],
    ['/api/providers/%E0%A4%A', /percent-encoded/],
    ['/api/providers/%ED%A0%80', /percent-encoded/],
    ['/api/geo/areas/%ff', /percent-encoded/],
  ])('%s', (path, problem) => {
    if (problem === undefined) expect(pathProblem(path)).toBeUndefined()
    else expect(pathProblem(path)).toMatch(problem)
  })
})
