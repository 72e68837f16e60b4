import fc from 'fast-check'

/**
 * Generators of hostile input for the property-based tests over every route
 * (server/openapi/routes-fuzz.db.test.ts): NUL, lone surrogates, invalid percent-encoding, huge
 * strings, deep nesting, 3D/4D coordinates and wrong types, mixed with near-valid values so some
 * requests get past validation and reach the SQL.
 */

/** Text a client can send: any code unit (lone surrogates included), plus the known troublemakers. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\ud800',
      'a\udfffb',
      '\ud83d\ude00',
      '\uFEFF',
      '%',
      '%00',
      '%E0%A4%A',
      '-1',
      '0',
      '1e309',
      'NaN',
      'Infinity',
      '999999999999999999999',
      'true',
      'null',
      '[]',
      '{}',
      "' OR 1=1 --",
      '<script>alert(1)</script>',
      '../../etc/passwd',
      '=HYPERLINK("http://evil.example","x")',
      'x'.repeat(5_000),
    ),
  },
)

/** Values the routes' own schemas would accept, so a share of requests reach the services. */
export const plausible: Record<string, string[]> = {
  q: ['bradford', 'leeds cvs', 'bid writing'],
  search: ['bradford'],
  text: ['leeds'],
  postcode: ['BD1 1HY', 'LS1 4DY', 'ZZ99 9ZZ'],
  lat: ['53.79232', '91', '-0'],
  lng: ['-1.75329', '181'],
  level: ['local', 'neighbourhood', 'region', 'lad', 'ward'],
  area: ['E08000032', 'E05001347'],
  within: ['E12000003', 'E08000032'],
  function: ['information-advice', 'funding'],
  strand: ['race', 'sexual-orientation'],
  topic: ['governance'],
  page: ['1', '2', '0', '100001'],
  perPage: ['1', '5', '101'],
  per_page: ['1', '101'],
  bbox: ['-1.8,53.7,-1.7,53.8', '-180,-90,180,90', '1,2,3'],
  zoom: ['10', '5', '25'],
  format: ['json', 'csv', 'geojson'],
  status: ['active', 'draft', 'closed'],
  months: ['12', '-1'],
}

export const queryKeysOrukExtra = [
  'search',
  'text',
  'taxonomy_term_id',
  'taxonomy_id',
  'organization_id',
  'modified_after',
  'full',
  'minimal',
  'page',
  'per_page',
  'format',
  'postcode',
  'proximity',
  'full_service',
  'parent_id',
  'top_only',
]

/** A query value for `key`: plausible, hostile, or repeated (`?a=1&a=2`). */
export function queryValue(key: string, huge: boolean): fc.Arbitrary<string | string[]> {
  const one = fc.oneof(
    fc.constantFrom(...(Object.hasOwn(plausible, key) ? (plausible[key] as string[]) : ['x'])),
    nastyString,
    ...(huge ? [fc.constant('q'.repeat(20_000))] : []),
  )
  return fc.oneof(
    { weight: 5, arbitrary: one },
    { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }) },
  )
}

/**
 * Percent-encodes every UTF-16 code unit as its WTF-8 bytes, so a lone surrogate reaches the server
 * as the (invalid UTF-8) bytes a careless client would send, and NUL as %00.
 */
export function percentEncode(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    const next = text.charCodeAt(i + 1)
    let cp = unit
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      cp = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00)
      i++
    }
    if (cp < 0x80) {
      out += /[A-Za-z0-9_.~-]/.test(String.fromCharCode(cp)) ? String.fromCharCode(cp) : hex(cp)
    } else if (cp < 0x800) {
      out += hex(0xc0 | (cp >> 6)) + hex(0x80 | (cp & 0x3f))
    } else if (cp < 0x10000) {
      out += hex(0xe0 | (cp >> 12)) + hex(0x80 | ((cp >> 6) & 0x3f)) + hex(0x80 | (cp & 0x3f))
    } else {
      out +=
        hex(0xf0 | (cp >> 18)) +
        hex(0x80 | ((cp >> 12) & 0x3f)) +
        hex(0x80 | ((cp >> 6) & 0x3f)) +
        hex(0x80 | (cp & 0x3f))
    }
  }
  return out
}
const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`

export function queryString(query: Record<string, string | string[]>): string {
  const parts = Object.entries(query).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((x) => `${percentEncode(k)}=${percentEncode(x)}`),
  )
  return parts.length === 0 ? '' : `?${parts.join('&')}`
}

/** A position of 1 to 4 numbers (2 is right), sometimes not numbers at all. */
const position = fc.oneof(
  fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: 52, max: 55, noNaN: true })),
  fc.tuple(fc.double({ min: -2, max: 2 }), fc.double({ min: 52, max: 55 }), fc.double()),
  fc.tuple(fc.double(), fc.double(), fc.double(), fc.double()),
  fc.array(fc.oneof(fc.double(), nastyString), { maxLength: 3 }),
)
const square3d = [
  [-1.78, 53.78, 10],
  [-1.737, 53.78, 10],
  [-1.737, 53.805, 10],
  [-1.78, 53.78, 10],
]

/** Polygon-ish values: right, 3D/4D, malformed. */
export const polygonish = fc.oneof(
  fc.constant({ type: 'Polygon', coordinates: [square3d] }),
  fc.constant({ type: 'MultiPolygon', coordinates: [[square3d.map((p) => [...p, 1])]] }),
  fc.record({
    type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point', 'LineString', 'x'),
    coordinates: fc.oneof(
      fc.array(fc.array(position, { minLength: 4, maxLength: 6 }), { maxLength: 2 }),
      fc.array(fc.array(fc.array(position, { minLength: 4, maxLength: 5 }), { maxLength: 1 }), {
        maxLength: 2,
      }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  }),
)

/** A field value of any type, hostile text and coordinates included. */
export const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  polygonish,
  fc.jsonValue({ maxDepth: 2 }),
)

/** JSON text nested `depth` levels deep, with `leaf` inside, built without recursion. */
export function nestedJson(depth: number, leaf: string): string {
  return `${'['.repeat(depth)}${JSON.stringify(leaf)}${']'.repeat(depth)}`
}

/**
 * A request body as sent: JSON text (objects with the route's own field names, scalars, arrays),
 * JSON nested far too deep, JSON over the size limit, or not JSON at all; with a content type.
 */
export function requestBody(fields: string[]): fc.Arbitrary<{ text: string; type: string }> {
  const names = fc.constantFrom(
    ...fields,
    'version',
    'polygon',
    'areas',
    'proposed',
    'formToken',
    '__proto__',
    'x',
  )
  const object = fc.dictionary(names, fieldValue, { maxKeys: 6 })
  const json = fc.oneof(
    { weight: 6, arbitrary: object.map((o) => JSON.stringify(o)) },
    {
      weight: 1,
      arbitrary: fc
        .record({ areas: fieldValue, polygon: polygonish, version: fc.integer({ min: 1, max: 3 }) })
        .map((o) => JSON.stringify({ ...o, coverage: { areas: o.areas, polygon: o.polygon } })),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(names, fc.constantFrom(65, 1_000, 20_000), nastyString)
        .map(([name, depth, leaf]) => `{${JSON.stringify(name)}:${nestedJson(depth, leaf)}}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":}', 'nul', '"\\ud800"', '{"a":"\\u0000"}') },
    { weight: 1, arbitrary: fc.constant(JSON.stringify({ name: 'x'.repeat(1_100_000) })) },
  )
  return fc.record({
    text: json,
    type: fc.constantFrom(
      'application/json',
      'application/json',
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
    ),
  })
}
