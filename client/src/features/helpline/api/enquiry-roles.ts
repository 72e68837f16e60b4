import type { Role } from '../../../lib/session'

/** Roles that may log an enquiry (POST /api/enquiries). */
export const ENQUIRY_ROLES: readonly Role[] = ['helpline', 'editor', 'admin']
