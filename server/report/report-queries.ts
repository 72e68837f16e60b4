import type { Knex } from 'knex'

/** The newest verification date of any published provider record (YYYY-MM-DD), or null. */
export async function selectDirectoryVerifiedDate(knex: Knex): Promise<string | null> {
  const { rows } = await knex.raw<{ rows: Array<{ verified: string | null }> }>(
    `SELECT to_char(max(last_verified_at), 'YYYY-MM-DD') AS verified FROM providers WHERE status <> 'draft'`,
  )
  return rows[0]?.verified ?? null
}

/**
 * The first and last month (YYYY-MM-01) in which an enquiry from the area (a district, or the
 * districts inside a larger area) was logged; nulls when none was. Months, not days: the report is
 * public, and the day of the only call from a small place could point at the caller.
 */
export async function selectEnquiryMonths(
  knex: Knex,
  areaCode: string,
): Promise<{ first: string | null; last: string | null }> {
  const { rows } = await knex.raw<{ rows: Array<{ first: string | null; last: string | null }> }>(
    `SELECT to_char(date_trunc('month', min(e.recorded_on)), 'YYYY-MM-DD') AS first,
            to_char(date_trunc('month', max(e.recorded_on)), 'YYYY-MM-DD') AS last
       FROM enquiries e
      WHERE e.district_code = ?
         OR EXISTS (SELECT 1 FROM area_closure c WHERE c.ancestor_code = ? AND c.descendant_code = e.district_code)`,
    [areaCode, areaCode],
  )
  return { first: rows[0]?.first ?? null, last: rows[0]?.last ?? null }
}

export interface AreaShapeRow {
  /** GeoJSON of the simplified boundary. */
  shape: string
  west: number
  south: number
  east: number
  north: number
}

/**
 * An area's boundary simplified for a printed map about 500 points across: the tolerance is a
 * five-hundredth of the area's larger side, so a ward and a nation print with the same detail.
 */
export async function selectAreaShape(knex: Knex, code: string): Promise<AreaShapeRow | undefined> {
  const { rows } = await knex.raw<{ rows: AreaShapeRow[] }>(
    `SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(a.geom_mid,
              GREATEST(a.bbox_east - a.bbox_west, a.bbox_north - a.bbox_south) / 500.0), 5) AS shape,
            a.bbox_west AS west, a.bbox_south AS south, a.bbox_east AS east, a.bbox_north AS north
       FROM areas a WHERE a.code = ?`,
    [code],
  )
  return rows[0]
}

/** Office points of the given providers that lie inside the area's bounding box. */
export async function selectOfficesWithin(
  knex: Knex,
  ids: string[],
  box: { west: number; south: number; east: number; north: number },
): Promise<Array<{ id: string; lng: number; lat: number }>> {
  if (ids.length === 0) return []
  const { rows } = await knex.raw<{ rows: Array<{ id: string; lng: number; lat: number }> }>(
    `SELECT p.id::text AS id, ST_X(p.office) AS lng, ST_Y(p.office) AS lat
       FROM providers p
      WHERE p.id = ANY(?::uuid[]) AND p.office IS NOT NULL
        AND p.office && ST_MakeEnvelope(?, ?, ?, ?, 4326)
      ORDER BY p.id`,
    [ids, box.west, box.south, box.east, box.north],
  )
  return rows
}
