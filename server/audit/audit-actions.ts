/**
 * What an audit row records was done. No imports: the admin client uses this list for its filter
 * (a new action added here appears there), without pulling the server's schemas into the bundle.
 */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'close',
  'reopen',
  'purge',
  'verify',
  'approve',
  'reject',
  'import',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
