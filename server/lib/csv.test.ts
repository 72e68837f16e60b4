import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { csvLine, csvLines } from './csv'

describe('the one CSV writer', () => {
  test.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['with "quotes"', '"with ""quotes"""'],
    ['two\nlines', '"two\nlines"'],
    ['', ''],
    // Formula injection (issue 13, section 7): these two went through the old provider-export guard.
    ['-1+1+HYPERLINK("http://evil.example","x")', '"\'-1+1+HYPERLINK(""http://evil.example"",""x"")"'],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+cmd', "'+cmd"],
    ['-cmd', "'-cmd"],
    ['\tTab', "'\tTab"],
    ['\r=1', '"\'\r=1"'],
    // OWASP: every text cell starting with + or -, a phone number or a number typed as text too.
    ['+44 1632 960000', "'+44 1632 960000"],
    ['-1', "'-1"],
    ['\uFF1D1+1', "'\uFF1D1+1"],
    // Not at the start: left alone.
    ['a=1', 'a=1'],
  ])('text %j is written %j', (text, cell) => {
    expect(csvLine([text])).toBe(`${cell}\r\n`)
  })

  test.each([
    [-1.75, '-1.75'],
    [0.57, '0.57'],
    [0, '0'],
    [true, 'true'],
    [false, 'false'],
    [null, ''],
    [undefined, ''],
  ])('value %j is written %j (numbers the server computed are not text)', (value, cell) => {
    expect(csvLine([value])).toBe(`${cell}\r\n`)
  })

  test('lines end CRLF and read back as written, apostrophe and all', () => {
    const text = csvLines([
      ['name', 'phone', 'lng'],
      ['=cmd', '+44 1632 960000', -1.75],
    ])
    expect(text).toBe("name,phone,lng\r\n'=cmd,'+44 1632 960000,-1.75\r\n")
    expect(parse(text, { columns: true })).toEqual([
      { name: "'=cmd", phone: "'+44 1632 960000", lng: '-1.75' },
    ])
    expect(csvLines([])).toBe('')
  })
})
