// `npm start`: build the client when its sources are newer than client/dist, then run the server
// (which migrates, seeds an empty database and listens).
import { buildClientIfStale } from '../client/build-if-stale'

await buildClientIfStale({ log: (line) => console.log(line) })
await import('../server/index')
