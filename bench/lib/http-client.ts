import http from 'node:http'

/**
 * A lean keep-alive HTTP client for timing endpoints of a server in this process: undici's fetch
 * adds one to three milliseconds of its own per request, which would be measured as the server's.
 */
export function createHttpClient(baseUrl: string) {
  const url = new URL(baseUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  return {
    /** GETs a path and returns status and parsed JSON body. */
    get(path: string): Promise<{ status: number; body: unknown }> {
      return new Promise((resolve, reject) => {
        const req = http.get({ host: url.hostname, port: url.port, path, agent }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            try {
              resolve({
                status: res.statusCode ?? 0,
                body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
              })
            } catch (err) {
              reject(err)
            }
          })
          res.on('error', reject)
        })
        req.on('error', reject)
      })
    },
    close() {
      agent.destroy()
    },
  }
}
