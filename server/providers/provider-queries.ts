import type { Knex } from 'knex'
import {
  codeTables,
  columnTypes,
  type ProviderColumns,
  type ProviderReadRow,
  type ProviderRow,
  providerSelect,
  recordOf,
  writtenColumns,
} from './provider-row'
import type { CodeField } from './provider-schema'

/**
 * SQL for the provider record itself: its row and its codes, written and read set-based in the
 * caller's transaction. Only server/providers/ calls these; features go through the write
 * functions (provider-writes.ts) or the reads exported there.
 */

export const INSERT_CHUNK_ROWS = 1000

export async function insertChunked(trx: Knex.Transaction, table: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
    await trx(table).insert(rows.slice(i, i + INSERT_CHUNK_ROWS))
  }
}

// ---------- writes ----------

export async function insertProviders(trx: Knex.Transaction, rows: ProviderRow[]): Promise<void> {
  const prepared = rows.map(({ office, opening_hours, ...row }) => ({
    ...row,
    opening_hours: opening_hours === null ? null : JSON.stringify(opening_hours),
    office: office ? trx.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [office.lng, office.lat]) : null,
  }))
  await insertChunked(trx, 'providers', prepared)
}

export async function insertProviderCodes(
  trx: Knex.Transaction,
  field: CodeField,
  rows: Array<{ providerId: string; code: string }>,
): Promise<void> {
  const { join, column } = codeTables[field]
  await insertChunked(
    trx,
    join,
    rows.map((r) => ({ provider_id: r.providerId, [column]: r.code })),
  )
}

export async function deleteProviderCodes(trx: Knex.Transaction, ids: string[]): Promise<void> {
  for (const { join } of Object.values(codeTables)) {
    await trx.raw('DELETE FROM ?? WHERE provider_id = ANY(?::uuid[])', [join, ids])
  }
}

const assignment = (column: string) => {
  if (column === 'quality_marks')
    return 'quality_marks = ARRAY(SELECT jsonb_array_elements_text(r.quality_marks))'
  if (column === 'last_verified_at') return 'last_verified_at = r.last_verified_at::date'
  return `${column} = r.${column}`
}

const updateSql = `
  UPDATE providers p SET
    ${writtenColumns.map(assignment).join(',\n    ')},
    office = CASE WHEN r.office_lng IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(r.office_lng, r.office_lat), 4326) END,
    status = coalesce(r.status, p.status), version = p.version + 1, updated_at = now()
  FROM jsonb_to_recordset(?::jsonb) AS r(
    id uuid, ${writtenColumns.map((c) => `${c} ${columnTypes[c] ?? 'text'}`).join(', ')},
    office_lng double precision, office_lat double precision, status text)
  WHERE p.id = r.id
  RETURNING p.id, p.version`

/** Rewrites the listed providers' own columns set-based and bumps each version; returns id -> new version. */
export async function updateProviderRows(
  trx: Knex.Transaction,
  rows: Array<{ id: string; columns: ProviderColumns }>,
): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map()
  const payload = JSON.stringify(
    rows.map(({ id, columns: { office, ...c } }) => ({
      ...c,
      id,
      office_lng: office?.lng ?? null,
      office_lat: office?.lat ?? null,
    })),
  )
  const result = await trx.raw<{ rows: Array<{ id: string; version: number }> }>(updateSql, [payload])
  return new Map(result.rows.map((r) => [r.id, Number(r.version)]))
}

/** Status, verification date or a coverage change: bump the version, return the new one. */
export async function touchProvider(
  trx: Knex.Transaction,
  id: string,
  change: { status?: string; verifiedToday?: boolean },
): Promise<number> {
  const result = await trx.raw<{ rows: Array<{ version: number }> }>(
    `UPDATE providers SET version = version + 1, updated_at = now(),
       status = coalesce(?, status),
       last_verified_at = CASE WHEN ? THEN current_date ELSE last_verified_at END
     WHERE id = ? RETURNING version`,
    [change.status ?? null, change.verifiedToday === true, id],
  )
  return Number(result.rows[0]?.version)
}

export async function deleteProvider(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('providers').where({ id }).delete()
}

export async function deleteProvidersWhereSource(
  trx: Knex.Transaction,
  sources: { only?: string[]; except?: string[] },
): Promise<number> {
  const query = trx('providers')
  if (sources.only) query.whereIn('source', sources.only)
  if (sources.except) query.whereNotIn('source', sources.except)
  return query.delete()
}

/**
 * Fresh statistics after a bulk load; with `vacuum`, also the visibility map, so the coverage
 * index is read index-only (VACUUM cannot run inside a transaction: call it after commit).
 */
export async function analyzeDirectory(knex: Knex, { vacuum = false } = {}): Promise<void> {
  await knex.raw(
    `${vacuum ? 'VACUUM ' : ''}ANALYZE providers, provider_search, provider_functions, provider_topics, provider_strands,
             provider_languages, provider_formats, provider_coverage_areas, provider_coverage_index`,
  )
}

// ---------- reads ----------

export interface ProviderRef {
  id: string
  slug: string
  version: number
  status: string
}

export async function findProviderRef(
  knex: Knex,
  idOrSlug: string,
  isId: boolean,
  { lock = false } = {},
): Promise<ProviderRef | undefined> {
  const [where, value] = isId ? ['id = ?::uuid', idOrSlug.toLowerCase()] : ['slug = ?', idOrSlug]
  const result = await knex.raw<{ rows: ProviderRef[] }>(
    `SELECT id, slug, version, status FROM providers WHERE ${where}${lock ? ' FOR UPDATE' : ''}`,
    [value],
  )
  return result.rows[0]
}

export async function providerIdsBySlug(knex: Knex, slugs: string[]): Promise<Map<string, string>> {
  const rows = await knex('providers').select('id', 'slug').whereIn('slug', slugs)
  return new Map(rows.map((r: { id: string; slug: string }) => [r.slug, r.id]))
}

/** The whole row of one provider (for the API's record view), with whether it has a drawn area. */
export async function findProviderRow(
  knex: Knex,
  by: { id: string } | { slug: string },
): Promise<(ProviderReadRow & { has_polygon: boolean }) | undefined> {
  const result = await knex.raw<{ rows: Array<ProviderReadRow & { has_polygon: boolean }> }>(
    `SELECT ${providerSelect('p')},
            EXISTS (SELECT 1 FROM provider_coverage_polygons pp WHERE pp.provider_id = p.id) AS has_polygon
     FROM providers p
     WHERE ${'id' in by ? 'p.id = ?::uuid' : 'p.slug = ?'}`,
    ['id' in by ? by.id : by.slug],
  )
  return result.rows[0]
}

/** The stored record in the write API's shape (see recordOf), with its version. */
export interface StoredProvider {
  id: string
  version: number
  status: string
  record: Record<string, unknown>
}

/** Set-based: every listed provider's record, one round trip. */
export async function loadProviders(knex: Knex, ids: string[]): Promise<Map<string, StoredProvider>> {
  if (ids.length === 0) return new Map()
  const result = await knex.raw<{
    rows: Array<ProviderReadRow & { coverage_areas: string[]; coverage_polygon: string | null }>
  }>(
    `SELECT ${providerSelect('p')},
            ARRAY(SELECT a.area_code FROM provider_coverage_areas a
                  WHERE a.provider_id = p.id ORDER BY a.area_code) AS coverage_areas,
            (SELECT ST_AsGeoJSON(pp.geom, 6) FROM provider_coverage_polygons pp
             WHERE pp.provider_id = p.id) AS coverage_polygon
     FROM providers p WHERE p.id = ANY(?::uuid[])`,
    [ids],
  )
  return new Map(
    result.rows.map((r) => [
      r.id,
      {
        id: r.id,
        version: Number(r.version),
        status: r.status,
        record: recordOf(r, { areas: r.coverage_areas, polygon: r.coverage_polygon }),
      },
    ]),
  )
}

/** id and version of existing providers with these slugs. */
export async function providersBySlug(
  knex: Knex,
  slugs: string[],
): Promise<Map<string, { id: string; version: number }>> {
  if (slugs.length === 0) return new Map()
  const result = await knex.raw<{ rows: Array<{ slug: string; id: string; version: number }> }>(
    'SELECT slug, id, version FROM providers WHERE slug = ANY(?::text[])',
    [slugs],
  )
  return new Map(result.rows.map((r) => [r.slug, { id: r.id, version: Number(r.version) }]))
}
