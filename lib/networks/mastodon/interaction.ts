/**
 * Sortie's "who may reply / may others quote" in Mastodon's terms. Mastodon
 * has no reply controls: the only lever is who can see the post. Quote
 * policies exist from 4.5 on.
 *
 * Mapping (Mastodon 4.5 semantics, docs.joinmastodon.org/methods/statuses):
 * - reply `everyone`  -> the visibility the user chose.
 * - reply `followers` -> at least `private` (followers-only): only followers see it, so only they can reply.
 * - reply `mentioned` -> `direct`: only the people mentioned see it and can reply.
 * - reply `following` -> not expressible (Mastodon cannot limit replies to people you follow),
 *   unless the post is already `direct`, where only people the author chose to mention take part.
 * - reply `nobody`    -> not expressible: anyone who can see a Mastodon post can reply.
 * - quotes allowed    -> `quote_approval_policy: public`; not allowed -> `nobody`.
 *   Mastodon ignores the policy on `private`/`direct` posts and always uses `nobody`
 *   there, so it is not sent for them. `followers` is never produced: the one reply
 *   rule that would suggest it already makes the post followers-only.
 * - before 4.5 there is no quote policy: "no quotes" is reported as not applied on
 *   public/unlisted posts (private/direct ones cannot be quoted anyway).
 */
import type { InteractionPolicy, MastodonVisibility } from '../../model/draft.ts';

export type QuoteApprovalPolicy = 'public' | 'followers' | 'nobody';

export interface MastodonInteraction {
  visibility: MastodonVisibility;
  quoteApprovalPolicy?: QuoteApprovalPolicy;
  /** i18n keys of the rules this server cannot apply, to show the user before posting. */
  notApplied: string[];
}

export const NOTICE_REPLY_POLICY_UNSUPPORTED = 'notice.mastodon.replyPolicyUnsupported';
export const NOTICE_QUOTES_UNSUPPORTED = 'notice.mastodon.quotesUnsupported';

/** Ordered from widest to narrowest audience. */
const AUDIENCE: readonly MastodonVisibility[] = ['public', 'unlisted', 'private', 'direct'];

function narrowest(a: MastodonVisibility, b: MastodonVisibility): MastodonVisibility {
  return AUDIENCE.indexOf(a) >= AUDIENCE.indexOf(b) ? a : b;
}

export function mapInteractionToMastodon(
  interaction: InteractionPolicy,
  visibility: MastodonVisibility,
  instance: { supportsQuotePolicy: boolean },
): MastodonInteraction {
  const notApplied: string[] = [];
  let finalVisibility = visibility;

  switch (interaction.reply) {
    case 'everyone':
      break;
    case 'followers':
      finalVisibility = narrowest(visibility, 'private');
      break;
    case 'mentioned':
      finalVisibility = 'direct';
      break;
    case 'following':
      if (visibility !== 'direct') notApplied.push(NOTICE_REPLY_POLICY_UNSUPPORTED);
      break;
    case 'nobody':
      notApplied.push(NOTICE_REPLY_POLICY_UNSUPPORTED);
      break;
  }

  const quotable = finalVisibility === 'public' || finalVisibility === 'unlisted';
  if (!quotable) return { visibility: finalVisibility, notApplied };
  if (instance.supportsQuotePolicy) {
    return {
      visibility: finalVisibility,
      quoteApprovalPolicy: interaction.allowQuotes ? 'public' : 'nobody',
      notApplied,
    };
  }
  if (!interaction.allowQuotes) notApplied.push(NOTICE_QUOTES_UNSUPPORTED);
  return { visibility: finalVisibility, notApplied };
}
