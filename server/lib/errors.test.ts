import express from 'express'
import pino from 'pino'
import request from 'supertest'
import { describe, expect, test } from 'vitest'
import { errorBodySchema, errorHandler, isClientFaultDatabaseError, isDatabaseUnavailable } from './errors'

/** An error as knex rethrows it from a failed query: node-postgres' message after "<sql> - ". */
function knexQueryError(sql: string, message: string, code?: string): Error {
  const err = new Error(`${sql} - ${message}`) as Error & { code?: string }
  if (code !== undefined) err.code = code
  return err
}

describe('isDatabaseUnavailable', () => {
  test.each([
    [
      'a backend that vanished mid-query, as knex rethrows it',
      knexQueryError('select pg_sleep(30)', 'Connection terminated unexpectedly'),
    ],
    ['the same from node-postgres directly', new Error('Connection terminated unexpectedly')],
    ['a client ended while a query ran', knexQueryError('select 1', 'Connection terminated')],
    [
      'a client that already saw a connection error',
      knexQueryError('select 1', 'Client has encountered a connection error and is not queryable'),
    ],
    [
      'pg_terminate_backend (57P01)',
      knexQueryError('select 1', 'terminating connection due to administrator command', '57P01'),
    ],
    [
      'the server starting up (57P03)',
      knexQueryError('select 1', 'the database system is starting up', '57P03'),
    ],
    ['a connection exception (class 08)', knexQueryError('select 1', 'connection failure', '08006')],
    ['a reset socket', knexQueryError('select 1', 'read ECONNRESET', 'ECONNRESET')],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'the pool timing out',
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }),
    ],
  ])('%s: unavailable', (_label, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true)
  })

  test.each([
    ['a query error with a SQLSTATE', knexQueryError('select x', 'column "x" does not exist', '42703')],
    [
      "a query's own error whose text ends like a connection message",
      knexQueryError(
        "select 'a' :: int",
        'invalid input syntax for type integer: " - Connection terminated"',
        '22P02',
      ),
    ],
    [
      'a message that only contains the words',
      new Error('Connection terminated unexpectedly, said the user'),
    ],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'rows')")],
    ['not an error', 'Connection terminated'],
    ['nothing', null],
  ])('%s: not unavailable', (_label, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false)
  })
})

describe('errors the client caused, whatever edge let them through', () => {
  test.each([
    [
      'NUL in text (22021)',
      knexQueryError('select ?', 'invalid byte sequence for encoding "UTF8": 0x00', '22021'),
    ],
    [
      'a lone surrogate in jsonb (22P02)',
      knexQueryError('insert', 'invalid input syntax for type json', '22P02'),
    ],
    [
      'a 3D geometry (22023)',
      knexQueryError('insert', 'Column has Z dimension but geometry does not', '22023'),
    ],
    ['\\u0000 in jsonb (22P05)', knexQueryError('insert', 'unsupported Unicode escape sequence', '22P05')],
    ['a value beyond a limit (54000)', knexQueryError('select', 'string is too long for tsvector', '54000')],
  ])('%s: a 400', (_label, err) => {
    expect(isClientFaultDatabaseError(err)).toBe(true)
  })

  test.each([
    ['a server bug (42703)', knexQueryError('select x', 'column "x" does not exist', '42703')],
    ['a lost connection', knexQueryError('select 1', 'read ECONNRESET', 'ECONNRESET')],
    ['no code', new Error('invalid input syntax')],
    ['nothing', null],
  ])('%s: not', (_label, err) => {
    expect(isClientFaultDatabaseError(err)).toBe(false)
  })

  test('the error handler answers them 400 in the one error shape, and unknown errors 500', async () => {
    const app = express()
    app.get('/db', () => {
      throw knexQueryError('select ?', 'invalid byte sequence for encoding "UTF8": 0x00', '22021')
    })
    app.get('/decode', () => {
      throw Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400 })
    })
    app.get('/bug', () => {
      throw new TypeError('boom')
    })
    app.use(errorHandler(pino({ level: 'silent' })))
    const db = await request(app).get('/db')
    expect(db.status).toBe(400)
    expect(errorBodySchema.parse(db.body).error.name).toBe('ValidationError')
    expect(db.text).not.toMatch(/UTF8|select/)
    const decode = await request(app).get('/decode')
    expect(decode.status).toBe(400)
    expect(decode.body.error.details).toEqual([
      { field: 'path', message: expect.stringMatching(/percent-encoded/) },
    ])
    const bug = await request(app).get('/bug')
    expect(bug.status).toBe(500)
  })
})
