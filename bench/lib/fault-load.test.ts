import { describe, expect, test } from 'vitest'
import { refusalProblem } from './fault-load'

const shaped = JSON.stringify({ error: { name: 'ServiceUnavailable', message: 'The server is busy' } })

describe('refusalProblem: what the resilience bench accepts instead of a 200', () => {
  test.each([
    [503, '1', shaped],
    [503, '2', shaped],
    [429, '60', JSON.stringify({ error: { name: 'TooManyRequests', message: 'Slow down' } })],
  ])('%s with Retry-After %s in the error shape is a refusal', (status, retryAfter, body) => {
    expect(refusalProblem(status, retryAfter, body)).toBeUndefined()
  })

  test.each([
    [500, '1', shaped, 'HTTP 500'],
    [502, '1', shaped, 'HTTP 502'],
    [503, undefined, shaped, 'without Retry-After'],
    [503, 'soon', shaped, 'without Retry-After'],
    [503, '1', JSON.stringify({ message: 'busy' }), 'not in the error shape'],
    [503, '1', '<html>Service Unavailable</html>', 'not JSON'],
  ])('%s, Retry-After %s, %s: not a proper refusal (%s)', (status, retryAfter, body, why) => {
    expect(refusalProblem(status, retryAfter, body)).toContain(why)
  })
})
