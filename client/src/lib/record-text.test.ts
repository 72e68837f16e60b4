import { describe, expect, it } from 'vitest'
import { recordText } from './record-text'

describe('recordText', () => {
  it('gives the Welsh text in the Welsh interface where the record has one', () => {
    expect(recordText('Support for groups', 'Cymorth i grwpiau', 'cy')).toEqual({
      text: 'Cymorth i grwpiau',
      lang: 'cy',
    })
  })
  it('falls back to the English text, marked English, when the record has no Welsh', () => {
    expect(recordText('Support for groups', null, 'cy')).toEqual({ text: 'Support for groups', lang: 'en' })
    expect(recordText('Support for groups', '', 'cy')).toEqual({ text: 'Support for groups', lang: 'en' })
  })
  it('gives the English text in the English interface even when a Welsh one exists', () => {
    expect(recordText('Support for groups', 'Cymorth i grwpiau', 'en')).toEqual({
      text: 'Support for groups',
      lang: 'en',
    })
    expect(recordText(null, null, 'en')).toEqual({ text: null, lang: 'en' })
  })
})
