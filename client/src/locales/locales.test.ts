import { describe, expect, test } from 'vitest'
import { cy } from './cy'
import { en } from './en'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort()

const english = flatten(en)
const welsh = flatten(cy)

describe('locale files', () => {
  test('Welsh has exactly the English keys', () => {
    expect([...welsh.keys()].sort()).toEqual([...english.keys()].sort())
  })

  test.each([...english.keys()])('%s: translated, with the same placeholders', (key) => {
    const cyText = welsh.get(key) ?? ''
    const enText = english.get(key) ?? ''
    expect(cyText.trim()).not.toBe('')
    expect(placeholders(cyText)).toEqual(placeholders(enText))
  })
})
