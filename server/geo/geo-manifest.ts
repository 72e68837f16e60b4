import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { fromZodError } from '../lib/errors'
import { areaLevels, areaTypes, levelOfType } from './geo-schemas'

export const defaultManifestPath = fileURLToPath(new URL('../../db/geo-manifest.json', import.meta.url))

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be lower-case letters, digits and dashes' })
const file = z
  .string()
  .min(1)
  .refine((f) => !f.includes('..'), { message: 'must be a file name under GEO_DATA_DIR' })
const property = z.string().min(1)

export const manifestLayerSchema = z
  .object({
    name,
    file,
    level: z.enum(areaLevels),
    type: z.enum(areaTypes),
    properties: z
      .object({
        code: property,
        name: property,
        nameCy: property.optional(),
        /** A property holding the feature's parent code (a ward's district). */
        parentCode: property.optional(),
      })
      .strict(),
    /**
     * Simplify the source geometry on import (degrees, Douglas–Peucker preserving each feature's
     * topology) for files drawn far more finely than the others: Northern Ireland's districts come
     * at ~48 vertices per km of boundary, England and Wales's at ~5. At most 0.001° (~100 m).
     */
    simplifyDegrees: z.number().positive().max(0.001).optional(),
  })
  .strict()
  .refine((layer) => levelOfType[layer.type] === layer.level, {
    message:
      'level does not match type (ward: neighbourhood, lad: local, county/upper-tier/combined-authority: subregional, region: regional, nation: national)',
    path: ['level'],
  })

export const manifestLookupSchema = z
  .object({
    name,
    file,
    /** Column pairs: each row links the child column's code to the parent column's code. */
    links: z.array(z.object({ child: property, parent: property }).strict()).min(1),
  })
  .strict()

export const manifestPopulationSchema = z
  .object({ name, file, code: property, population: property })
  .strict()

export const geoManifestSchema = z
  .object({
    description: z.string().optional(),
    layers: z.array(manifestLayerSchema).min(1),
    lookups: z.array(manifestLookupSchema).default([]),
    populations: z.array(manifestPopulationSchema).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Set<string>()
    for (const entry of [...m.layers, ...m.lookups, ...m.populations]) {
      if (seen.has(entry.name))
        ctx.addIssue({ code: 'custom', message: `duplicate entry name "${entry.name}"` })
      seen.add(entry.name)
    }
  })

export type GeoManifest = z.infer<typeof geoManifestSchema>
export type ManifestLayer = z.infer<typeof manifestLayerSchema>
export type ManifestLookup = z.infer<typeof manifestLookupSchema>
export type ManifestPopulation = z.infer<typeof manifestPopulationSchema>

export function loadManifest(manifestPath = defaultManifestPath): GeoManifest {
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(manifestPath, 'utf8'))
  } catch (err) {
    throw new Error(`Cannot read the geography manifest ${manifestPath}: ${(err as Error).message}`)
  }
  const parsed = geoManifestSchema.safeParse(raw)
  if (!parsed.success) throw new Error(`${manifestPath}: ${fromZodError(parsed.error, 'manifest').message}`)
  return parsed.data
}
