import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

/**
 * The server's structure, measured from its own imports (docs/decisions/0014): who may import whom.
 * A room is a feature folder (`server/geo/`) or a file at the top of server/ (`server/app.ts`); a
 * floor is a room's height in the import graph (a room that imports no other room is floor 1).
 * Test files are not rooms: they may reach anywhere.
 */

const serverDir = fileURLToPath(new URL('./', import.meta.url))
const repoRoot = path.resolve(serverDir, '..')
const MAX_FLOORS = 9

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

/** Relative specifiers of every static import and re-export (type-only ones too: they still tie). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8')
  const found: string[] = []
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms))
    found.push(m[1] as string)
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push(m[1] as string)
  return found.filter((s) => s.startsWith('.'))
}

function resolveImport(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return base
}

const rel = (file: string) => path.relative(repoRoot, file).split(path.sep).join('/')

const roomOf = (file: string): string => {
  const parts = path.relative(serverDir, file).split(path.sep)
  return parts.length > 1 ? `server/${parts[0]}/` : `server/${parts[0]}`
}

const files = sourceFiles(serverDir)
const edges = files.flatMap((from) => importsOf(from).map((s) => ({ from, to: resolveImport(from, s) })))
const inServer = (file: string) => file.startsWith(serverDir)

/** The import graph between rooms (arrows inside a room are not counted). */
function roomGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>()
  for (const file of files) graph.set(roomOf(file), graph.get(roomOf(file)) ?? new Set())
  for (const { from, to } of edges) {
    if (!inServer(to) || roomOf(from) === roomOf(to)) continue
    graph.get(roomOf(from))?.add(roomOf(to))
  }
  return graph
}

/** Each room's floor, or the first circle met (a circle has no floors). */
function floors(graph: Map<string, Set<string>>): { floors: Map<string, number>; circle?: string[] } {
  const floor = new Map<string, number>()
  const onPath: string[] = []
  let circle: string[] | undefined
  const visit = (room: string): number => {
    const known = floor.get(room)
    if (known !== undefined) return known
    if (onPath.includes(room)) {
      circle ??= [...onPath.slice(onPath.indexOf(room)), room]
      return 0
    }
    onPath.push(room)
    const below = [...(graph.get(room) ?? [])].map(visit)
    onPath.pop()
    const mine = 1 + Math.max(0, ...below)
    floor.set(room, mine)
    return mine
  }
  for (const room of graph.keys()) visit(room)
  return { floors: floor, circle }
}

describe('server structure', () => {
  test('no server source file imports seeds/ or db/migrations/ (the seed and migrations import the server, not the reverse)', () => {
    const outward = edges
      .filter(({ to }) => /^(seeds|db\/migrations)\//.test(rel(to)))
      .map(({ from, to }) => `${rel(from)} -> ${rel(to)}`)
    expect(outward).toEqual([])
  })

  test('no feature imports another feature’s *-queries.ts: services call services or the providers core', () => {
    const crossing = edges
      .filter(({ to }) => inServer(to) && /-queries\.ts$/.test(to))
      // app.ts is the composition root: it may hand a feature's queries to that feature's service.
      .filter(({ from }) => roomOf(from).endsWith('/'))
      .filter(({ from, to }) => roomOf(from) !== roomOf(to) && roomOf(to) !== 'server/providers/')
      .map(({ from, to }) => `${rel(from)} -> ${rel(to)}`)
    expect(crossing).toEqual([])
  })

  test(`the rooms form no circle, and stand at most ${MAX_FLOORS} floors high`, () => {
    const graph = roomGraph()
    const { floors: floor, circle } = floors(graph)
    expect(circle).toBeUndefined()
    const tallest = Math.max(...floor.values())
    const top = [...floor].filter(([, f]) => f === tallest).map(([room]) => room)
    expect(tallest, `top floor: ${top.join(', ')}`).toBeLessThanOrEqual(MAX_FLOORS)
    // The structure the decision note describes: the shared pieces at the bottom, the app on top.
    expect(floor.get('server/lib/')).toBe(1)
    expect(floor.get('server/lifecycle.ts')).toBe(tallest)
  })

  test('no file-level import circle anywhere in server/', () => {
    const graph = new Map<string, string[]>()
    for (const { from, to } of edges) if (inServer(to)) graph.set(from, [...(graph.get(from) ?? []), to])
    const state = new Map<string, 'open' | 'done'>()
    const circles: string[] = []
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' -> '))
        return
      }
      state.set(file, 'open')
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file])
      state.set(file, 'done')
    }
    for (const file of files) visit(file, [])
    expect(circles).toEqual([])
  })

  test('the measure sees the imports: app.ts reaches the shared pieces and the features', () => {
    const graph = roomGraph()
    expect(graph.get('server/app.ts')).toContain('server/lib/')
    expect(graph.get('server/app.ts')).toContain('server/geo/')
    expect(graph.size).toBeGreaterThan(15)
  })
})
