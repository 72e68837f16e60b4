import { describe, expect, test } from 'vitest'
import { bodyFromForm, emptyForm, formFieldOf } from './record-form'

describe('record form', () => {
  test('an edit sends blank optional text as null (clears it), required text trimmed', () => {
    const form = {
      ...emptyForm(),
      name: ' Bradford CVS ',
      website: '  ',
      phone: '01274 000000',
      qualityMarks: 'A\n\n B ',
    }
    const body = bodyFromForm(form, false)
    expect(body.name).toBe('Bradford CVS')
    expect(body.website).toBeNull()
    expect(body.phone).toBe('01274 000000')
    expect(body.qualityMarks).toEqual(['A', 'B'])
    expect(body).not.toHaveProperty('status')
    expect(body).not.toHaveProperty('coverage')
  })

  test('a new record leaves blank optional text out', () => {
    const body = bodyFromForm({ ...emptyForm(), name: 'New', website: ' ' }, true)
    expect(body).not.toHaveProperty('website')
    expect(Object.values(body)).not.toContain(null)
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

  test('the Welsh name is sent trimmed, left out when blank on a new record, cleared with null on an edit', () => {
    const form = {
      ...emptyForm(),
      name: 'Cardiff Third Sector Council',
      welshName: ' Cyngor Trydydd Sector Caerdydd ',
    }
    expect(bodyFromForm(form, true).welshName).toBe('Cyngor Trydydd Sector Caerdydd')
    expect(bodyFromForm({ ...form, welshName: ' ' }, true)).not.toHaveProperty('welshName')
    expect(bodyFromForm({ ...form, welshName: '' }, false).welshName).toBeNull()
    expect(formFieldOf('welshName')).toBe('welshName')
  })
})
