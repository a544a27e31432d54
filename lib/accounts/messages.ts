/** The accounts' messages (options page, composer, popup). */
import type { PublicAccount } from '../model/account.ts';
import { interactionSchema } from '../model/post-schema.ts';
import { spec } from '../messaging/spec.ts';
import * as v from '../validate.ts';
import type { DisconnectResult } from './disconnect.ts';
import { blueskyMeta } from '../networks/bluesky/meta.ts';

/** What connecting answers, for every network: the account, or (Bluesky) a request for the code the server emailed. */
export type AccountConnectResult = { status: 'connected'; account: PublicAccount } | { status: 'code-required' };

export const ACCOUNT_MESSAGES = {
  'accounts.list': spec<PublicAccount[]>()('extension', v.empty()),
  /** Forget the account; revoke its access on the server where possible, and say when it was not. */
  'accounts.remove': spec<DisconnectResult>()('extension', v.object({ id: v.string({ max: 500 }) })),
  /** Who may reply/quote by default on posts from this account. */
  'accounts.setDefaultInteraction': spec<null>()(
    'extension',
    v.object({ id: v.string({ max: 500 }), interaction: interactionSchema }),
  ),
  'accounts.connectBluesky': spec<AccountConnectResult>()('extension', blueskyMeta.connectInputSchema),
  'accounts.connectMastodon': spec<PublicAccount>()('extension', v.object({ server: v.string({ min: 1, max: 500 }) })),
  'accounts.connectMastodonToken': spec<PublicAccount>()(
    'extension',
    v.object({ server: v.string({ min: 1, max: 500 }), token: v.string({ min: 8, max: 500 }) }),
  ),
};

export type AccountMessage = keyof typeof ACCOUNT_MESSAGES;
