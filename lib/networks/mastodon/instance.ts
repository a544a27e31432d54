/**
 * What a Mastodon server allows: text length, media, polls, and which newer
 * features (PKCE sign-in, quote policies) it understands. Probed once when an
 * account is connected and refreshed now and then by the caller.
 */
import { MastodonConnectError } from './connect-error.ts';
import { defaultFetch, isRecord, requestJson, type FetchLike, type JsonResponse } from './fetch.ts';
import { buildServerProfile } from './server-profile.ts';
import type { MastodonLimits, ServerProfile } from '../network.ts';

export interface MastodonInstanceInfo {
  origin: string;
  version: string;
  title: string;
  limits: MastodonLimits;
  /** `quote_approval_policy` on statuses arrived in Mastodon 4.5 (copied from `profile`). */
  supportsQuotePolicy: boolean;
  /** OAuth PKCE (S256) arrived in Mastodon 4.3 (copied from `profile`). */
  supportsPkce: boolean;
  /** Which server family this is and what it supports (mastodon-server-profile.ts). */
  profile: ServerProfile;
}

/**
 * Used for any field a server leaves out. These are vanilla Mastodon's
 * built-in values (docs.joinmastodon.org/entities/Instance, and the constants
 * its REST::InstanceSerializer reads), so an old or minimal server is treated
 * like a stock Mastodon rather than as having no limits at all.
 */
export const MASTODON_DEFAULT_LIMITS: Readonly<Required<MastodonLimits>> = Object.freeze({
  maxCharacters: 500, // StatusLengthValidator::MAX_CHARS
  charactersReservedPerUrl: 23, // StatusLengthValidator::URL_PLACEHOLDER_CHARS
  maxMediaAttachments: 4, // Status::MEDIA_ATTACHMENTS_LIMIT
  descriptionLimit: 1_500, // MediaAttachment::MAX_DESCRIPTION_LENGTH
  supportedMimeTypes: [
    'image/jpeg',
    'image/png',
    'image/gif',
    'image/webp',
    'video/mp4',
    'video/webm',
    'video/quicktime',
  ],
  imageSizeLimit: 16 * 1024 * 1024, // MediaAttachment::IMAGE_LIMIT (16 MB)
  videoSizeLimit: 99 * 1024 * 1024, // MediaAttachment::VIDEO_LIMIT (99 MB)
  pollMaxOptions: 4, // PollOptionsValidator::MAX_OPTIONS
  pollMaxCharactersPerOption: 50, // PollOptionsValidator::MAX_OPTION_CHARS
  pollMinExpiration: 300, // PollExpirationValidator::MIN_EXPIRATION (5 minutes)
  pollMaxExpiration: 2_629_746, // PollExpirationValidator::MAX_EXPIRATION (1 month)
});

type Probe = { kind: 'found'; body: Record<string, unknown> } | { kind: 'absent' } | { kind: 'failed'; detail: string };

/**
 * Tries `/api/v2/instance` (Mastodon 4.0+), then `/api/v1/instance` (older
 * Mastodon, Pleroma, Akkoma...). Throws `notMastodon` when neither answers like
 * Mastodon, `unreachable` when the network or the server is failing.
 */
export async function fetchInstance(
  origin: string,
  fetchImpl: FetchLike = defaultFetch,
): Promise<MastodonInstanceInfo> {
  const v2 = await probe(fetchImpl, `${origin}/api/v2/instance`);
  if (v2.kind === 'found') return parseInstance(origin, v2.body, await fetchNodeinfo(origin, fetchImpl));
  const v1 = await probe(fetchImpl, `${origin}/api/v1/instance`);
  if (v1.kind === 'found') return parseInstance(origin, v1.body, await fetchNodeinfo(origin, fetchImpl));
  const failure = [v2, v1].find((p) => p.kind === 'failed');
  if (failure?.kind === 'failed') throw new MastodonConnectError('unreachable', failure.detail);
  throw new MastodonConnectError('notMastodon', origin);
}

async function probe(fetchImpl: FetchLike, url: string): Promise<Probe> {
  let response: JsonResponse;
  try {
    response = await requestJson(fetchImpl, url);
  } catch (error) {
    if (error instanceof MastodonConnectError) return { kind: 'failed', detail: error.detail };
    throw error;
  }
  const { status, body } = response;
  if (status >= 200 && status < 300) {
    // Anything else answering 200 there (a blog, a parked domain) has no version field.
    return isRecord(body) && typeof body['version'] === 'string' ? { kind: 'found', body } : { kind: 'absent' };
  }
  if (status >= 500 || status === 408 || status === 429) return { kind: 'failed', detail: `HTTP ${status}` };
  return { kind: 'absent' };
}

export interface NodeinfoSoftware {
  name?: string;
  version?: string;
}

const NODEINFO_SCHEMA = /^https?:\/\/nodeinfo\.diaspora\.software\/ns\/schema\/2\.[01]$/;

/**
 * `software.name` from nodeinfo (/.well-known/nodeinfo, then the 2.x document
 * it links to), the only reliable way to tell Hollo's '0.4.4' from an old
 * Mastodon. Best effort: any failure gives undefined and the version string
 * decides alone. The linked document is fetched only on the same origin: a
 * server must not make Sortie call a third party.
 */
export async function fetchNodeinfo(
  origin: string,
  fetchImpl: FetchLike = defaultFetch,
): Promise<NodeinfoSoftware | undefined> {
  try {
    const index = await requestJson(fetchImpl, `${origin}/.well-known/nodeinfo`);
    const links = isRecord(index.body) && Array.isArray(index.body['links']) ? index.body['links'] : [];
    const href = links
      .filter(isRecord)
      .filter((l) => typeof l['rel'] === 'string' && NODEINFO_SCHEMA.test(l['rel']))
      .map((l) => l['href'])
      .find((h): h is string => typeof h === 'string');
    if (!href) return undefined;
    const url = new URL(href, origin);
    if (url.origin !== origin) return undefined;
    const document = await requestJson(fetchImpl, url.href);
    const software = isRecord(document.body) ? record(document.body['software']) : {};
    const name = typeof software['name'] === 'string' ? software['name'].slice(0, 100) : undefined;
    const version = typeof software['version'] === 'string' ? software['version'].slice(0, 100) : undefined;
    return name ? { name, ...(version ? { version } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** Reads either instance shape (v2, or v1 with the Pleroma-style extras). */
export function parseInstance(
  origin: string,
  body: Record<string, unknown>,
  nodeinfo?: NodeinfoSoftware,
): MastodonInstanceInfo {
  const version = typeof body['version'] === 'string' ? body['version'] : '';
  const config = record(body['configuration']);
  const statuses = record(config['statuses']);
  const media = record(config['media_attachments']);
  const polls = record(config['polls']);
  // Pre-3.4 Mastodon forks and Pleroma/Akkoma put some limits at the top level of v1.
  const pleromaPolls = record(body['poll_limits']);
  const d = MASTODON_DEFAULT_LIMITS;

  const limits: MastodonLimits = {
    maxCharacters: count(statuses['max_characters'], body['max_toot_chars'], d.maxCharacters),
    charactersReservedPerUrl: count(statuses['characters_reserved_per_url'], undefined, d.charactersReservedPerUrl),
    maxMediaAttachments: count(statuses['max_media_attachments'], body['max_media_attachments'], d.maxMediaAttachments),
    descriptionLimit: count(media['description_limit'], body['description_limit'], d.descriptionLimit),
    supportedMimeTypes: strings(media['supported_mime_types']) ?? [...d.supportedMimeTypes],
    imageSizeLimit: count(media['image_size_limit'], body['upload_limit'], d.imageSizeLimit),
    videoSizeLimit: count(media['video_size_limit'], body['upload_limit'], d.videoSizeLimit),
    pollMaxOptions: count(polls['max_options'], pleromaPolls['max_options'], d.pollMaxOptions),
    pollMaxCharactersPerOption: count(
      polls['max_characters_per_option'],
      pleromaPolls['max_option_chars'],
      d.pollMaxCharactersPerOption,
    ),
    pollMinExpiration: count(polls['min_expiration'], pleromaPolls['min_expiration'], d.pollMinExpiration, true),
    pollMaxExpiration: count(polls['max_expiration'], pleromaPolls['max_expiration'], d.pollMaxExpiration),
  };

  const profile = buildServerProfile(origin, version, nodeinfo);
  const title = firstString(body['title'], body['domain'], body['uri']) || new URL(origin).host;
  return {
    origin,
    version,
    title,
    limits,
    supportsQuotePolicy: profile.capabilities.quotePolicy,
    supportsPkce: profile.capabilities.pkce,
    profile,
  };
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/**
 * The first usable number (some servers send numbers as strings), else the
 * documented default. Zero is only meaningful for a minimum; a zero maximum
 * is a misconfiguration we should not let block every post.
 */
function count(value: unknown, fallback: unknown, defaultValue: number, allowZero = false): number {
  for (const candidate of [value, fallback]) {
    const n = typeof candidate === 'string' && candidate.trim() !== '' ? Number(candidate) : candidate;
    if (typeof n === 'number' && Number.isFinite(n) && (n > 0 || (allowZero && n === 0))) return n;
  }
  return defaultValue;
}

function strings(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const list = value.filter((v): v is string => typeof v === 'string');
  return list.length ? list : null;
}

function firstString(...values: unknown[]): string {
  for (const value of values) if (typeof value === 'string' && value.trim()) return value.trim();
  return '';
}
