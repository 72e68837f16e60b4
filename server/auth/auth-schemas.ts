import { z } from 'zod'
import { ROLES } from './roles'

export const roleSchema = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` })
export type Role = z.infer<typeof roleSchema>

export const emailSchema = z
  .string({ error: 'email is required' })
  .trim()
  .max(254, { error: 'email must be at most 254 characters' })
  .email({ error: 'email must be an email address' })

export const loginBodySchema = z
  .object({
    email: emailSchema,
    password: z.string({ error: 'password is required' }).min(1, { error: 'password is required' }).max(1024),
  })
  .strict()

export const passwordSchema = z
  .string({ error: 'password is required' })
  .min(12, { error: 'password must be at least 12 characters' })
  .max(1024, { error: 'password must be at most 1024 characters' })

export const createUserBodySchema = z
  .object({
    email: emailSchema,
    role: roleSchema,
    displayName: z.string().trim().min(1).max(200).optional(),
    password: passwordSchema.optional(),
  })
  .strict()

export const updateUserBodySchema = z
  .object({
    role: roleSchema.optional(),
    displayName: z.string().trim().min(1).max(200).optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { error: 'give at least one of role, displayName, disabled' })

export const userIdSchema = z.object({ id: z.uuid({ error: 'id must be a user id (UUID)' }) })

export interface PublicUser {
  id: string
  email: string
  displayName: string | null
  role: Role
  disabled: boolean
  lastLoginAt: string | null
  createdAt: string
}

declare module 'express-session' {
  interface SessionData {
    userId?: string
    role?: Role
    csrfToken?: string
    /** When the session was created (ms since epoch): the absolute timeout counts from here. */
    startedAt?: number
  }
}
