/** Records for backup tests: one Mastodon and one Bluesky account, drafts, jobs and an image. */
import type { Account } from '../../../lib/model/account';
import type { BridgeEntry } from '../../../lib/model/bridge';
import { emptyDraft, type Draft } from '../../../lib/model/draft';
import type { Job } from '../../../lib/model/job';

export const MASTODON_TOKEN = 'mastodon-secret-token-1234567890';
export const BLUESKY_REFRESH = 'bluesky-refresh-jwt-abcdefghij';
export const BLUESKY_ACCESS = 'bluesky-access-jwt-abcdefghij';

export function mastodonAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: 'mastodon:https://piaille.fr:42',
    network: 'mastodon',
    handle: '@ana@piaille.fr',
    displayName: 'Ana',
    server: 'https://piaille.fr',
    profileUrl: 'https://piaille.fr/@ana',
    status: 'ok',
    credentials: {
      network: 'mastodon',
      server: 'https://piaille.fr',
      accessToken: MASTODON_TOKEN,
      clientId: 'cid',
      clientSecret: 'csecret',
    },
    defaultInteraction: { reply: 'everyone', allowQuotes: true },
    createdAt: 1_000,
    ...overrides,
  };
}

export function blueskyAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: 'bluesky:https://pds.example:did:plc:abc123',
    network: 'bluesky',
    handle: 'ana.bsky.social',
    displayName: 'Ana 🦋',
    server: 'https://pds.example',
    profileUrl: 'https://bsky.app/profile/ana.bsky.social',
    status: 'ok',
    credentials: {
      network: 'bluesky',
      server: 'https://pds.example',
      did: 'did:plc:abc123',
      handle: 'ana.bsky.social',
      accessJwt: BLUESKY_ACCESS,
      refreshJwt: BLUESKY_REFRESH,
    },
    defaultInteraction: { reply: 'following', allowQuotes: false },
    createdAt: 2_000,
    ...overrides,
  };
}

export function draft(id: string, updatedAt: number, text = `Brouillon ${id} — été 🌍`): Draft {
  return { ...emptyDraft(id, 100, ['fr']), text, updatedAt, targets: [mastodonAccount().id] };
}

export function job(id: string, overrides: Partial<Job> = {}): Job {
  return {
    id,
    postId: `post-${id}`,
    draftId: 'd0',
    accountId: mastodonAccount().id,
    network: 'mastodon',
    partIndex: 0,
    partCount: 1,
    text: `Message ${id}`,
    images: [],
    contentWarning: '',
    sensitive: false,
    labels: [],
    langs: ['fr'],
    visibility: 'public',
    poll: null,
    interaction: { reply: 'everyone', allowQuotes: true },
    replyTo: null,
    idempotencyKey: `key-${id}`,
    sendAt: null,
    serverScheduled: false,
    state: 'sent',
    attempts: 1,
    nextAttemptAt: 0,
    lastError: null,
    result: { id: '1', url: 'https://piaille.fr/@ana/1' },
    createdAt: 500,
    updatedAt: 600,
    ...overrides,
  };
}

/** A small PNG-looking blob (bytes only matter, not pixels). */
export function imageBlob(size = 1_000, seed = 7): Blob {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * seed) & 0xff;
  return new Blob([bytes], { type: 'image/png' });
}

/** A follow-bridge result: an X account and a sure match found with the Mastodon account. */
export function follow(key: string, updatedAt: number): BridgeEntry {
  return {
    key,
    x: { handle: key, displayName: `Ana ${key}`, bio: 'moved to @ana@piaille.fr', links: [], website: null },
    sources: ['following:me'],
    collectedAt: 10,
    updatedAt,
    matches: {
      [mastodonAccount().id]: {
        checkedAt: 20,
        notes: [],
        candidates: [
          {
            network: 'mastodon',
            id: '42',
            handle: 'ana@piaille.fr',
            displayName: 'Ana',
            bio: '',
            links: [],
            verifiedLinks: [],
            labels: [],
            url: 'https://piaille.fr/@ana',
            found: 'hint',
            hints: [
              {
                network: 'mastodon',
                kind: 'acct',
                value: 'ana@piaille.fr',
                source: 'bio',
                cue: true,
                confusable: false,
              },
            ],
            confidence: 'sure',
            evidence: [{ kind: 'x-names', detail: 'ana@piaille.fr' }],
            follow: 'following',
          },
        ],
      },
    },
  };
}
