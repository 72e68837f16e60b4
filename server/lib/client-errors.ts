import type http from 'node:http'
import type { Duplex } from 'node:stream'

/**
 * Requests Node refuses before Express sees them — headers or URL over `maxHeaderSize` (16 KB by
 * default), a malformed request line, a header timeout — get Node's bare status line with no body.
 * This answers them in the one error shape instead, with the status Node would have chosen.
 */

const statusFor = (code: string | undefined): [number, string, string] => {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [
        431,
        'RequestHeaderFieldsTooLarge',
        'The request line and headers are larger than the server accepts (16 KB); send a shorter address or fewer headers',
      ]
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'PayloadTooLarge', 'The chunk extensions of the request are too large']
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'RequestTimeout', 'The request was not received in time']
    default:
      return [400, 'BadRequest', 'The request is not valid HTTP']
  }
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
}

/** The raw HTTP/1.1 answer for a refused request: JSON error body, connection closed. */
export function clientErrorResponse(code: string | undefined): string {
  const [status, name, message] = statusFor(code)
  const body = JSON.stringify({ error: { name, message } })
  return [
    `HTTP/1.1 ${status} ${reasons[status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n')
}

/** Installs the JSON answer for requests the HTTP parser refuses (replacing Node's bare one). */
export function answerClientErrors(server: http.Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }) => {
    // As Node's own handler: nothing to say on a reset socket, or once an answer has started.
    if (err.code === 'ECONNRESET' || !socket.writable || (socket.bytesWritten ?? 0) > 0) {
      socket.destroy()
      return
    }
    socket.end(clientErrorResponse(err.code))
  })
}
