import { describe, expect, test } from 'vitest'
import {
  apportionPopulation,
  coveringCells,
  H3_CODE,
  hexCell,
  hexNames,
  parseHexResolution,
} from './hexgrid-grid'

describe('parseHexResolution', () => {
  test.each(['5', '7', ' 9 '])('accepts %s', (raw) => expect(parseHexResolution(raw)).toBe(Number(raw)))
  test.each(['4', '10', '7.5', 'seven', '', '-7'])('refuses "%s" naming the range', (raw) => {
    expect(() => parseHexResolution(raw, '--resolution')).toThrow(
      /--resolution must be a whole number from 5 to 9/,
    )
  })
})

describe('cells', () => {
  const square = [
    [
      [-1.8, 53.78],
      [-1.7, 53.78],
      [-1.7, 53.82],
      [-1.8, 53.82],
      [-1.8, 53.78],
    ],
  ]
  test('a point outside the polygon still gets its cell; codes are sorted and unique', () => {
    const inside = coveringCells([square], [], 7)
    const withPoint = coveringCells([square], [{ lng: -1.5, lat: 53.8 }], 7)
    expect(withPoint.length).toBe(inside.length + 1)
    expect([...withPoint].sort()).toEqual(withPoint)
    expect(withPoint.every((c) => H3_CODE.test(c))).toBe(true)
  })
  test('a cell ring is closed and holds its centre', () => {
    const [code] = coveringCells([square], [], 7)
    const cell = hexCell(code as string)
    expect(cell.ring[0]).toEqual(cell.ring[cell.ring.length - 1])
    expect(cell.ring.length).toBe(7)
    expect(() => hexCell('not-a-cell')).toThrow(/not an H3 cell index/)
  })
})

describe('apportionPopulation', () => {
  test('splits by postcode share and adds up exactly', () => {
    const out = apportionPopulation(
      [
        { code: 'a', district: 'D', postcodes: 1 },
        { code: 'b', district: 'D', postcodes: 1 },
        { code: 'c', district: 'D', postcodes: 1 },
        { code: 'x', district: 'N', postcodes: 4 },
      ],
      new Map<string, number | null>([
        ['D', 100],
        ['N', null],
      ]),
    )
    expect([out.get('a'), out.get('b'), out.get('c')]).toEqual([34, 33, 33])
    expect(out.get('x')).toBeNull()
  })
  test('a district with no postcodes splits evenly', () => {
    const out = apportionPopulation(
      [
        { code: 'a', district: 'D', postcodes: 0 },
        { code: 'b', district: 'D', postcodes: 0 },
      ],
      new Map([['D', 10]]),
    )
    expect([out.get('a'), out.get('b')]).toEqual([5, 5])
  })
})

test('names say where the hexagon is in both languages', () => {
  expect(hexNames('87195da49ffffff', 'Leeds', null)).toEqual({
    name: 'Hexagon 87195da49ffffff near Leeds',
    nameCy: 'Hecsagon 87195da49ffffff ger Leeds',
  })
})
