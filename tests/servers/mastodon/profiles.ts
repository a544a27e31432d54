// Behaviours of servers that speak the Mastodon client API without being
// Mastodon, so Sortie can be tested against them without running them. Each
// profile copies what the real server does, from its documentation and source:
//
// - Hollo (single-user, Hono + Fedify): reports its own version ('0.4.4'), names
//   itself in nodeinfo 2.1; has no POST /oauth/revoke (404); ignores
//   `scheduled_at` and answers a plain Status published at once; reads status
//   bodies as JSON only (a form body is a 400); renders every post as Markdown;
//   polls up to 10 options; 10,000 characters.
// - GoToSocial: version '0.17.0 git-…', nodeinfo 2.0 'gotosocial'; no scheduled
//   statuses (the post goes out at once: Tusky #4703); no /oauth/revoke in the
//   versions this copies; 5,000 characters, 6 attachments, 6 poll options.
// - Akkoma (Pleroma fork): version '2.7.2 (compatible; Akkoma 3.13.2)', nodeinfo
//   2.1 'akkoma'; no /api/v2/instance in older releases (404), the v1 instance
//   with Pleroma's top-level limits (`max_toot_chars`, `poll_limits`,
//   `upload_limit`) and a `pleroma` block; schedules posts and revokes tokens
//   like Mastodon; 5,000 characters, 20 poll options.
//
// Idempotency-Key: Mastodon keeps it 3,600 s in Redis (PostStatusService);
// Hollo one hour on the post row; Akkoma/Pleroma 6 hours in an in-memory
// cache (IdempotencyPlug); GoToSocial's status handler never reads it.
// Sources: /work/shared/GUIDE.md ("Idempotency-Key across servers").
import type { PollLimits } from './types';

export type ServerProfileName = 'mastodon' | 'hollo' | 'gotosocial' | 'akkoma';

export interface ProfileBehaviour {
  version: string;
  title: string;
  nodeinfo: { name: string; version: string; schema: '2.0' | '2.1' };
  v2Instance: boolean;
  supportsPkce: boolean;
  /** POST /oauth/revoke exists. */
  hasRevoke: boolean;
  /** `scheduled_at` is ignored: the post is published now and a Status is the answer. */
  ignoresScheduledAt: boolean;
  /** How long an Idempotency-Key is remembered (ms), or null when the header is ignored. */
  idempotencyKeyTtlMs: number | null;
  /** POST /api/v1/statuses reads a JSON body only. */
  jsonOnlyStatuses: boolean;
  /** Post text is rendered as Markdown (Hollo does it for every post). */
  markdown: boolean;
  /** Pleroma's top-level limits and `pleroma` block in GET /api/v1/instance. */
  pleromaInstance: boolean;
  maxCharacters: number;
  maxMediaAttachments: number;
  polls: PollLimits;
}

const MASTODON_POLLS: PollLimits = {
  maxOptions: 4,
  maxCharactersPerOption: 50,
  minExpiration: 300,
  maxExpiration: 2_629_746,
};

export const PROFILES: Record<ServerProfileName, ProfileBehaviour> = {
  mastodon: {
    version: '4.5.0',
    title: 'Mastodon test server',
    nodeinfo: { name: 'mastodon', version: '4.5.0', schema: '2.0' },
    v2Instance: true,
    supportsPkce: true,
    hasRevoke: true,
    ignoresScheduledAt: false,
    idempotencyKeyTtlMs: 60 * 60_000,
    jsonOnlyStatuses: false,
    markdown: false,
    pleromaInstance: false,
    maxCharacters: 500,
    maxMediaAttachments: 4,
    polls: MASTODON_POLLS,
  },
  hollo: {
    version: '0.4.4',
    title: 'Hollo test server',
    nodeinfo: { name: 'hollo', version: '0.4.4', schema: '2.1' },
    v2Instance: true,
    supportsPkce: false,
    hasRevoke: false,
    ignoresScheduledAt: true,
    idempotencyKeyTtlMs: 60 * 60_000,
    jsonOnlyStatuses: true,
    markdown: true,
    pleromaInstance: false,
    maxCharacters: 10_000,
    maxMediaAttachments: 8,
    polls: { maxOptions: 10, maxCharactersPerOption: 100, minExpiration: 60, maxExpiration: 2_629_746 },
  },
  gotosocial: {
    version: '0.17.0 git-ccb5f2d',
    title: 'GoToSocial test server',
    nodeinfo: { name: 'gotosocial', version: '0.17.0 git-ccb5f2d', schema: '2.0' },
    v2Instance: true,
    supportsPkce: false,
    hasRevoke: false,
    ignoresScheduledAt: true,
    idempotencyKeyTtlMs: null,
    jsonOnlyStatuses: false,
    markdown: false,
    pleromaInstance: false,
    maxCharacters: 5_000,
    maxMediaAttachments: 6,
    polls: { maxOptions: 6, maxCharactersPerOption: 50, minExpiration: 300, maxExpiration: 2_629_746 },
  },
  akkoma: {
    version: '2.7.2 (compatible; Akkoma 3.13.2)',
    title: 'Akkoma test server',
    nodeinfo: { name: 'akkoma', version: '3.13.2', schema: '2.1' },
    v2Instance: false,
    supportsPkce: false,
    hasRevoke: true,
    ignoresScheduledAt: false,
    idempotencyKeyTtlMs: 6 * 60 * 60_000,
    jsonOnlyStatuses: false,
    markdown: false,
    pleromaInstance: true,
    maxCharacters: 5_000,
    maxMediaAttachments: 4,
    polls: { maxOptions: 20, maxCharactersPerOption: 200, minExpiration: 0, maxExpiration: 31_536_000 },
  },
};

/** Hollo's Markdown, reduced to what tests check: **bold**, *emphasis* and `code`. */
export function renderMarkdown(html: string): string {
  return html
    .replace(/\*\*([^*<>]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*<>]+)\*(?!\*)/g, '$1<em>$2</em>')
    .replace(/`([^`<>]+)`/g, '<code>$1</code>');
}
