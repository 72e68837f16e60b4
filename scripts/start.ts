// `npm start`: build the client when its sources are newer than client/dist, then run the server
// (which migrates, seeds an empty database and listens). package.json runs this as
// `exec node --import tsx scripts/start.ts`: one Node process that replaces npm's shell, so the
// SIGTERM/SIGINT npm forwards reaches the server itself (through `sh` and the `tsx` launcher it
// stopped only those two, and the server kept running and holding the DATA_DIR lock).
import { buildClientIfStale } from '../client/build-if-stale'

await buildClientIfStale({ log: (line) => console.log(line) })
await import('./serve')
