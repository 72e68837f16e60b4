import type { Knex } from 'knex'
import { NotFoundError } from '../lib/errors'
import { type FreshnessPolicy, freshnessCutoffs, freshnessStateOf, londonDate } from '../providers/freshness'
import {
  type AttentionRow,
  areaOf,
  attentionRows,
  linkCounts,
  recordCounts,
  type Scope,
} from './freshness-queries'
import type { Freshness, FreshnessQuery } from './freshness-schemas'

/**
 * The freshness dashboard for editors: how many records covering an area were verified recently,
 * are stale or expired (the freshness policy's own rule, server/providers/freshness.ts: the same
 * London day, cut-offs and states signposting and coverage use), have no contact route
 * (server/providers/contact-route.ts), and what the review links sent to them did.
 */

export interface FreshnessOptions extends FreshnessPolicy {
  minShare: number
}

const ATTENTION_MAX = 200

function reviewState(r: AttentionRow): Freshness['attention'][number]['review'] {
  if (r.outcome === 'confirmed' || r.outcome === 'changes-proposed') return r.outcome
  if (r.last_outcome === null) return 'none'
  if (r.revoked_at) return 'expired'
  if (r.last_outcome === 'failed') return 'sending-failed'
  return r.opened_at ? 'opened' : 'sent'
}

export function createFreshnessService(knex: Knex, options: FreshnessOptions) {
  return {
    async dashboard(q: FreshnessQuery, now = new Date()): Promise<Freshness> {
      const area = q.within ? await areaOf(knex, q.within) : undefined
      if (q.within && !area) throw new NotFoundError(`No area with code ${q.within}`)
      const cutoffs = freshnessCutoffs(londonDate(now), options)
      const scope: Scope = { within: q.within ?? null, minShare: options.minShare, ...cutoffs }
      const [counts, links, rows] = [
        await recordCounts(knex, scope),
        await linkCounts(knex, scope),
        await attentionRows(knex, scope, ATTENTION_MAX),
      ]
      return {
        area: area ?? null,
        policy: {
          staleMonths: options.staleMonths,
          expiredMonths: options.expiredMonths,
          staleBefore: scope.staleBefore,
          expiredBefore: scope.expiredBefore,
        },
        records: {
          total: counts.total ?? 0,
          fresh: counts.fresh ?? 0,
          stale: counts.stale ?? 0,
          expired: counts.expired ?? 0,
          neverVerified: counts.never_verified ?? 0,
          noContact: counts.no_contact ?? 0,
          noEmail: counts.no_email ?? 0,
        },
        reviewLinks: {
          sent: links.sent ?? 0,
          opened: links.opened ?? 0,
          confirmed: links.confirmed ?? 0,
          changesProposed: links.changes_proposed ?? 0,
          failing: links.failing ?? 0,
          failedSends: links.failed_sends ?? 0,
        },
        attention: rows.map((r) => ({
          id: r.id,
          slug: r.slug,
          name: r.name,
          lastVerifiedAt: r.last_verified_at,
          freshness: freshnessStateOf(r.last_verified_at, cutoffs),
          hasContactRoute: r.contact,
          review: reviewState(r),
          lastError: r.last_error,
        })),
      }
    },
  }
}

export type FreshnessService = ReturnType<typeof createFreshnessService>
