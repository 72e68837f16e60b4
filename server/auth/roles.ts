/**
 * The account roles, defined here and nowhere else in running code. The accounts migration keeps
 * its own frozen copy for its check constraint (a landed migration is history and must not follow
 * later changes): changing a role means a new migration that rewrites the constraint, and this list.
 */
export const ROLES = ['admin', 'editor', 'helpline', 'provider'] as const
