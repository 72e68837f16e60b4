import type { Knex } from 'knex'
import type { DirectoryService } from '../directory/directory-service'
import type { EditingService } from '../editing/editing-service'
import { HttpError, NotFoundError } from '../lib/errors'
import { changeProviderState } from '../providers/provider-writes'
import {
  attachSuggestion,
  hashToken,
  type LinkRow,
  linkByTokenHash,
  markOpened,
  markUsed,
  unmarkUsed,
} from './review-queries'

/**
 * What a provider does with a review link, without an account: open it (recorded), confirm the
 * record (stamps it verified today, audited as confirmed through a review link) or propose changes
 * (into the moderation queue, never applied directly). A link is used once.
 */

/** How the provider appears in the audit trail and the moderation queue. */
export const REVIEW_ACTOR_LABEL = 'provider, through a review link'

const gone = (name: string, message: string) => new HttpError(410, name, message)

/** 404 for a token no delivered mail carried; 410 for a link that expired, was used or replaced. */
function usable(link: LinkRow | undefined, now: Date): LinkRow {
  if (!link) {
    throw new NotFoundError(
      'This review link is not known: check that the whole address from the e-mail was copied',
    )
  }
  if (link.used_at) {
    throw gone(
      'ReviewLinkUsed',
      link.outcome === 'confirmed'
        ? 'This review link has been used: the record was confirmed'
        : 'This review link has been used: the proposed changes are with an editor',
    )
  }
  if (
    link.revoked_at ||
    new Date(link.expires_at).getTime() <= now.getTime() ||
    link.provider_status !== 'active'
  ) {
    throw gone(
      'ReviewLinkExpired',
      'This review link has expired; a new one is sent when the record is next due',
    )
  }
  return link
}

export function createReviewService(deps: {
  knex: Knex
  directory: Pick<DirectoryService, 'getProvider'>
  editing: Pick<EditingService, 'suggest'>
}) {
  const { knex, directory, editing } = deps

  return {
    async open(token: string) {
      const now = new Date()
      const link = usable(await linkByTokenHash(knex, hashToken(token)), now)
      const openedAt = await markOpened(knex, link.id, now)
      return {
        expiresAt: new Date(link.expires_at).toISOString(),
        openedAt: new Date(openedAt).toISOString(),
        record: await directory.getProvider(link.provider_id),
      }
    },

    async confirm(token: string) {
      return knex.transaction(async (trx) => {
        const now = new Date()
        const link = usable(await linkByTokenHash(trx, hashToken(token), { lock: true }), now)
        const after = await changeProviderState(
          trx,
          link.provider_id,
          { verifiedToday: true, action: 'verify' },
          {
            actor: { userId: null, label: REVIEW_ACTOR_LABEL },
            note: 'confirmed by the provider through a review link',
          },
        )
        await markUsed(trx, link.id, 'confirmed', now)
        return { providerId: link.provider_id, lastVerifiedAt: after.record.lastVerifiedAt as string }
      })
    },

    async proposeChanges(token: string, body: { proposed: Record<string, unknown>; message?: string }) {
      const now = new Date()
      const link = usable(await linkByTokenHash(knex, hashToken(token)), now)
      // Taken first, so two tabs cannot both propose; given back if the proposal is refused.
      if (!(await markUsed(knex, link.id, 'changes-proposed', now))) {
        usable(await linkByTokenHash(knex, hashToken(token)), now)
        throw gone('ReviewLinkUsed', 'This review link has been used')
      }
      try {
        const suggestion = await editing.suggest(link.provider_id, body, null, {
          origin: 'review-link',
          label: REVIEW_ACTOR_LABEL,
        })
        await attachSuggestion(knex, link.id, suggestion.id)
        return { suggestion }
      } catch (err) {
        await unmarkUsed(knex, link.id)
        throw err
      }
    },
  }
}

export type ReviewService = ReturnType<typeof createReviewService>
