import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { testConfig } from '../../test/helpers/test-config'
import { defaultManifestPath, geoManifestSchema, loadManifest } from './geo-manifest'

describe('geography manifest', () => {
  test('the repository manifest is valid and every file it names exists in GEO_DATA_DIR', () => {
    const manifest = loadManifest(defaultManifestPath)
    const files = [...manifest.layers, ...manifest.lookups, ...manifest.populations].map((e) => e.file)
    // 7 English and Welsh layers, 3 Scottish and Northern Irish (decision 0012), the lookup and the populations.
    expect(files).toHaveLength(12)
    for (const file of files) expect(fs.existsSync(path.join(testConfig().geoDataDir, file)), file).toBe(true)
  })

  const layer = {
    name: 'districts',
    file: 'lad.geojson',
    level: 'local',
    type: 'lad',
    properties: { code: 'LAD13CD', name: 'LAD13NM' },
  }

  test.each([
    [{ layers: [] }, 'layers'],
    [{ layers: [{ ...layer, level: 'regional' }] }, 'level does not match type'],
    [{ layers: [{ ...layer, type: 'parish', level: 'neighbourhood' }] }, 'type'],
    [{ layers: [{ ...layer, file: '../../etc/passwd' }] }, 'must be a file name under GEO_DATA_DIR'],
    [{ layers: [{ ...layer, properties: { name: 'LAD13NM' } }] }, 'code'],
    [{ layers: [layer, layer] }, 'duplicate entry name "districts"'],
    [{ layers: [{ ...layer, name: 'Districts' }] }, 'lower-case'],
  ])('%j is refused (%s)', (manifest, message) => {
    const parsed = geoManifestSchema.safeParse(manifest)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toContain(message)
  })
})
