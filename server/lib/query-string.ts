import { z } from 'zod'

/**
 * The pieces every query-string schema is made of. Express gives a value as a string, or as an
 * array when the key is repeated (?a=1&a=2); these say which they accept and answer bad input
 * with a message naming the field and what is allowed.
 */

/** A query-string value that may appear once. */
export function single(field: string) {
  return z.union([z.string(), z.array(z.string())]).transform((value, ctx) => {
    if (Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: `give ${field} once` })
      return z.NEVER
    }
    return value
  })
}

/** A value given once, one of `allowed`. */
export function oneOf(field: string, allowed: readonly string[]) {
  return single(field).transform((value, ctx) => {
    if (!allowed.includes(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown ${field} "${value}"; allowed: ${allowed.join(', ')}`,
      })
      return z.NEVER
    }
    return value
  })
}

/** ?strand=a&strand=b: distinct codes, each one of `allowed`. */
export function repeatable(field: string, allowed: readonly string[]) {
  return z.union([z.string(), z.array(z.string())]).transform((value, ctx) => {
    const list = [...new Set(Array.isArray(value) ? value : [value])]
    const unknown = list.filter((v) => !allowed.includes(v))
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown ${field} ${unknown.map((u) => `"${u}"`).join(', ')}; allowed codes: ${allowed.join(', ')}`,
      })
      return z.NEVER
    }
    return list
  })
}

type Check<T> = (raw: string, ctx: z.RefinementCtx<string>) => T
type Given<T> = ReturnType<typeof givenOnce<T>>
type Text<T> = ReturnType<typeof stringOnly<T>>
const givenOnce = <T>(field: string, check: Check<T>) => single(field).transform(check)
const stringOnly = <T>(check: Check<T>) => z.string().transform(check)

/** `stringOnly`: a string only (a path parameter, or a value taken as a string): a repeated key is zod's type error. */
interface Options {
  stringOnly?: boolean
}

function wholeNumberCheck(field: string, min: number, max: number, echoChars?: number): Check<number> {
  return (raw, ctx) => {
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
      ctx.addIssue({
        code: 'custom',
        message: `${field} must be a whole number from ${min} to ${max} (got "${echoChars === undefined ? raw : raw.slice(0, echoChars)}")`,
      })
      return z.NEVER
    }
    return Number(raw)
  }
}

/**
 * A whole number from `min` to `max`, given once. `echoChars`: how much of a bad value the
 * message repeats (all of it unless given).
 */
export function wholeNumber(
  field: string,
  min: number,
  max: number,
  options?: { echoChars?: number; stringOnly?: false },
): Given<number>
export function wholeNumber(
  field: string,
  min: number,
  max: number,
  options: { echoChars?: number; stringOnly: true },
): Text<number>
export function wholeNumber(
  field: string,
  min: number,
  max: number,
  options: Options & { echoChars?: number } = {},
): Given<number> | Text<number> {
  const check = wholeNumberCheck(field, min, max, options.echoChars)
  return options.stringOnly ? stringOnly(check) : givenOnce(field, check)
}

const DECIMAL = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/
const SCIENTIFIC = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/

function coordinateCheck(field: string, min: number, max: number, scientific: boolean): Check<number> {
  return (raw, ctx) => {
    const text = raw.trim()
    const value = Number(text)
    const number = text !== '' && (scientific ? SCIENTIFIC : DECIMAL).test(text) && Number.isFinite(value)
    if (!number || (!scientific && (value < min || value > max))) {
      ctx.addIssue({
        code: 'custom',
        message: `${field} must be a number from ${min} to ${max} (got "${raw}")`,
      })
      return z.NEVER
    }
    if (value < min || value > max) {
      ctx.addIssue({ code: 'custom', message: `${field} must be from ${min} to ${max} (got ${value})` })
      return z.NEVER
    }
    return value
  }
}

/**
 * A latitude or longitude from `min` to `max` in plain decimal notation, given once. With
 * `scientific`, 5.3e1 is read too, and a number out of range is told so on its own
 * ("lat must be from -90 to 90 (got 91)").
 */
export function coordinate(
  field: string,
  min: number,
  max: number,
  options?: { scientific?: boolean; stringOnly?: false },
): Given<number>
export function coordinate(
  field: string,
  min: number,
  max: number,
  options: { scientific?: boolean; stringOnly: true },
): Text<number>
export function coordinate(
  field: string,
  min: number,
  max: number,
  options: Options & { scientific?: boolean } = {},
): Given<number> | Text<number> {
  const check = coordinateCheck(field, min, max, options.scientific ?? false)
  return options.stringOnly ? stringOnly(check) : givenOnce(field, check)
}

/**
 * The place parameters of a query — a postcode, or lat and lng, or an area code: both coordinates
 * or neither, and at most one place (exactly one when `required`). Search and signposting share it.
 */
export function checkPlace(
  q: { postcode?: unknown; lat?: unknown; lng?: unknown; area?: unknown },
  ctx: z.RefinementCtx,
  required: boolean,
): void {
  if ((q.lat === undefined) !== (q.lng === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [q.lat === undefined ? 'lat' : 'lng'],
      message: 'give both lat and lng',
    })
  }
  const given = [
    q.postcode !== undefined,
    q.lat !== undefined || q.lng !== undefined,
    q.area !== undefined,
  ].filter(Boolean).length
  if (given > 1 || (required && given === 0)) {
    ctx.addIssue({
      code: 'custom',
      path: ['postcode'],
      message:
        given === 0
          ? 'give a place: a postcode, or lat and lng, or an area code'
          : 'give one place: a postcode, or lat and lng, or an area code',
    })
  }
}
