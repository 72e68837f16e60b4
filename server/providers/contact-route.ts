/**
 * A record has a contact route when someone reading it can reach the body: an e-mail address, a
 * phone number or a website. A postal address alone is not one (a helpline caller cannot use it
 * today), and neither is a blank value. The freshness policy leaves records without one out of
 * signposting and coverage; the freshness dashboard counts them. One definition, in TypeScript
 * for records in hand and in SQL for queries, so the two cannot drift apart.
 */

export interface ContactFields {
  email?: string | null
  phone?: string | null
  website?: string | null
}

const present = (value: string | null | undefined) => typeof value === 'string' && value.trim() !== ''

export function hasContactRoute(record: ContactFields): boolean {
  return present(record.email) || present(record.phone) || present(record.website)
}

/**
 * The same rule as an SQL condition on the providers table under `alias` (a fixed identifier
 * chosen by the caller, never user input): `WHERE ${contactRouteSql('p')}`.
 */
export function contactRouteSql(alias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`contactRouteSql: bad alias "${alias}"`)
  return `(btrim(coalesce(${alias}.email, '')) <> '' OR btrim(coalesce(${alias}.phone, '')) <> '' OR btrim(coalesce(${alias}.website, '')) <> '')`
}
