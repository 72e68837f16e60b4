import http from 'node:http'
import type { AddressInfo } from 'node:net'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { answerClientErrors } from './client-errors'
import { errorBodySchema } from './errors'

let server: http.Server
let port: number

beforeAll(async () => {
  server = http.createServer((_req, res) => res.end('ok'))
  answerClientErrors(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

/** Sends raw bytes and reads everything the server writes until it closes the connection. */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text))
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk) => {
      answer += chunk
    })
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  const [statusLine, ...headers] = head.split('\r\n')
  return { status: Number(statusLine?.split(' ')[1]), headers, body: JSON.parse(body) }
}

describe('requests the HTTP parser refuses get the one error shape', () => {
  test('a URL over 16 KB: 431 with a JSON body', async () => {
    const res = parse(await raw(`GET /api/providers?q=${'a'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\n\r\n`))
    expect(res.status).toBe(431)
    expect(res.headers).toContain('Content-Type: application/json; charset=utf-8')
    expect(errorBodySchema.parse(res.body).error.name).toBe('RequestHeaderFieldsTooLarge')
  })

  test('a header over 16 KB: 431 with a JSON body', async () => {
    const res = parse(await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(17_000)}\r\n\r\n`))
    expect(res.status).toBe(431)
    expect(res.body.error.message).toMatch(/16 KB/)
  })

  test('a malformed request line: 400 with a JSON body', async () => {
    const res = parse(await raw('NOT HTTP AT ALL\r\n\r\n'))
    expect(res.status).toBe(400)
    expect(errorBodySchema.parse(res.body).error.name).toBe('BadRequest')
  })

  test('an ordinary request still reaches the handler', async () => {
    const answer = await raw('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    expect(answer.startsWith('HTTP/1.1 200 OK')).toBe(true)
    expect(answer.endsWith('ok')).toBe(true)
  })
})
