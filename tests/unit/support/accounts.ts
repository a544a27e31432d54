/** A connected account with placeholder credentials, for tests that only need it stored. */
import type { Account } from '../../../lib/model/account.ts';

export function testAccount(id: string, network: 'mastodon' | 'bluesky'): Account {
  return {
    id,
    network,
    handle: id,
    displayName: id,
    server: 'http://127.0.0.1',
    profileUrl: '',
    status: 'ok',
    credentials:
      network === 'mastodon'
        ? { network, server: 'http://127.0.0.1', accessToken: 't', clientId: '', clientSecret: '' }
        : { network, server: 'http://localhost', did: 'did:plc:x', handle: 'x.test', accessJwt: 'a', refreshJwt: 'r' },
    defaultInteraction: { reply: 'everyone', allowQuotes: true },
    createdAt: 0,
  };
}
