import { describe, expect, test } from 'vitest'
import { bodyFromForm, emptyForm, formFieldOf } from './record-form'

describe('record form', () => {
  test('blank optional text is left out, required text is sent trimmed', () => {
    const form = { ...emptyForm(), name: ' Bradford CVS ', website: '  ', qualityMarks: 'A\n\n B ' }
    const body = bodyFromForm(form, false)
    expect(body.name).toBe('Bradford CVS')
    expect(body).not.toHaveProperty('website')
    expect(body.qualityMarks).toEqual(['A', 'B'])
    expect(body).not.toHaveProperty('status')
    expect(body).not.toHaveProperty('coverage')
  })

  test('a new record carries its status and an empty service area', () => {
    const body = bodyFromForm({ ...emptyForm(), status: 'draft' }, true)
    expect(body.status).toBe('draft')
    expect(body.coverage).toEqual({ areas: [] })
  })

  test('server error paths map to form fields', () => {
    expect(formFieldOf('cost.type')).toBe('costType')
    expect(formFieldOf('cost.text')).toBe('costText')
    expect(formFieldOf('functions.2')).toBe('functions')
    expect(formFieldOf('name')).toBe('name')
    expect(formFieldOf('version')).toBeUndefined()
  })
})
