import { acctOf, findFollow, versionAtLeast, type Core } from './core';
import type { AccountRecord } from './types';

// REST::AccountSerializer, REST::CredentialAccountSerializer and
// REST::RelationshipSerializer over the server's account and follow records.

function midnight(date: Date): string {
  // Mastodon rounds account creation to the day so it cannot fingerprint sign-ups.
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())).toISOString();
}

function counts(core: Core, account: AccountRecord) {
  const accepted = core.state.follows.filter((f) => f.state === 'accepted');
  const statuses = core.state.statuses.filter((s) => s.accountId === account.id && !s.deleted);
  const last = statuses.reduce<Date | null>((acc, s) => (acc === null || s.createdAt > acc ? s.createdAt : acc), null);
  return {
    followers_count: accepted.filter((f) => f.targetId === account.id).length,
    following_count: accepted.filter((f) => f.followerId === account.id).length,
    statuses_count: statuses.length,
    last_status_at: last ? last.toISOString().slice(0, 10) : null,
  };
}

export function serializeAccount(core: Core, account: AccountRecord): Record<string, unknown> {
  const avatar = `${core.baseUrl}/avatars/original/missing.png`;
  const header = `${core.baseUrl}/headers/original/missing.png`;
  return {
    id: account.id,
    username: account.username,
    acct: acctOf(account),
    display_name: account.displayName,
    locked: account.locked,
    bot: account.bot,
    discoverable: true,
    indexable: false,
    group: false,
    created_at: midnight(account.createdAt),
    note: account.note,
    url: account.url,
    uri: account.uri,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    ...counts(core, account),
    hide_collections: false,
    ...(account.domain === null ? { noindex: false } : {}),
    emojis: [],
    roles: [],
    fields: account.fields.map((f) => ({ name: f.name, value: f.value, verified_at: f.verifiedAt })),
  };
}

function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/p><p>/g, '\n\n')
    .replace(/<[^>]+>/g, '');
}

export function serializeCredentialAccount(core: Core, account: AccountRecord): Record<string, unknown> {
  return {
    ...serializeAccount(core, account),
    source: {
      privacy: 'public',
      sensitive: false,
      language: null,
      note: plainText(account.note),
      fields: account.fields.map((f) => ({ name: f.name, value: f.value, verified_at: f.verifiedAt })),
      follow_requests_count: 0,
      hide_collections: false,
      discoverable: true,
      indexable: false,
      attribution_domains: [],
      ...(versionAtLeast(core.opts.version, 4, 5) ? { quote_policy: 'public' } : {}),
    },
    role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false },
  };
}

export function serializeRelationship(core: Core, viewerId: string, target: AccountRecord): Record<string, unknown> {
  const outgoing = findFollow(core, viewerId, target.id);
  const incoming = findFollow(core, target.id, viewerId);
  return {
    id: target.id,
    following: outgoing?.state === 'accepted',
    showing_reblogs: outgoing?.state === 'accepted' ? outgoing.showingReblogs : false,
    notifying: outgoing?.state === 'accepted' ? outgoing.notifying : false,
    languages: outgoing?.state === 'accepted' ? outgoing.languages : null,
    followed_by: incoming?.state === 'accepted',
    blocking: false,
    blocked_by: false,
    muting: false,
    muting_notifications: false,
    requested: outgoing?.state === 'requested',
    requested_by: incoming?.state === 'requested',
    domain_blocking: false,
    endorsed: false,
    note: '',
  };
}
