/**
 * Publishes one thread part as an app.bsky.feed.post record.
 *
 * Idempotent by construction: the record key is the part's idempotency key
 * (a TID fixed when the job was queued) and the record is written with
 * putRecord + swapRecord: null ("only if absent"). A retry after a lost
 * response finds the record already there and returns it as a success.
 */
import type { Agent, AtpAgent } from '@atproto/api';
import { isXrpcError, toPublishError } from './errors.ts';
import { type Embed, isVideo, linkCardEmbed, uploadImagesEmbed, uploadVideoEmbed } from './embed.ts';
import { buildRichText } from './facets.ts';
import { writeGates } from './gates.ts';
import { getPostRecord, isRecordKey, parsePostUri, POST_COLLECTION, postWebUrl } from './refs.ts';
import { fetchLinkCard, type LinkCard } from '../../shared/link-card.ts';
import { uncappedFetch } from '../../shared/response-cap.ts';
import { type PartToSend, type PostRef, PublishError } from '../../types.ts';
import { BLUESKY_LIMITS } from '../meta.ts';

export interface BlueskyPublishHooks {
  /**
   * fetch for link card pages and pictures (defaults to the global fetch);
   * null turns link cards off.
   */
  linkCardFetch?: typeof globalThis.fetch | null;
  /** Replaces the whole card lookup (tests, or a cache). */
  fetchLinkCard?: (url: string) => Promise<LinkCard | null>;
  /** Clock for `createdAt`. */
  now?: () => Date;
  /**
   * Nothing can exist yet under this key (the outbox's first attempt at the
   * job): skip the look-up for an earlier write. putRecord with swapRecord
   * null still refuses a duplicate if that belief were ever wrong.
   */
  firstAttempt?: boolean;
}

interface StrongRef {
  uri: string;
  cid: string;
}

interface Author {
  did: string;
  /** For the web URL; the DID when the handle is unknown or invalid. */
  actor: string;
}

function authorOf(agent: AtpAgent): Author {
  const session = agent.session;
  if (!session) throw new PublishError('auth', 'error.bluesky.auth', 'No session');
  const handleOk = session.handle && session.handle !== 'handle.invalid';
  return { did: session.did, actor: handleOk ? session.handle : session.did };
}

function refOf(post: StrongRef, author: Author, rkey: string): PostRef {
  return { id: post.uri, cid: post.cid, url: postWebUrl(author.actor, rkey) };
}

function asStrongRef(value: unknown): StrongRef | null {
  if (typeof value !== 'object' || value === null) return null;
  const { uri, cid } = value as { uri?: unknown; cid?: unknown };
  return typeof uri === 'string' && typeof cid === 'string' ? { uri, cid } : null;
}

/**
 * Reply refs from the parent's own record: its root is the thread's root
 * (or the parent itself when it starts the thread). Reading it rather than
 * trusting part.root keeps threads that answer someone else's reply whole.
 */
async function replyRefs(agent: Agent, parent: PostRef): Promise<{ root: StrongRef; parent: StrongRef }> {
  const address = parsePostUri(parent.id);
  if (!address) throw new PublishError('validation', 'error.bluesky.badReplyTarget', parent.id);
  const { repo, rkey } = address;
  const post = await getPostRecord(agent, repo, rkey);
  if (!post) throw new PublishError('validation', 'error.bluesky.postNotFound', parent.id);
  const parentRef = { uri: post.uri, cid: post.cid };
  const reply = post.value['reply'] as { root?: unknown } | undefined;
  return { root: asStrongRef(reply?.root) ?? parentRef, parent: parentRef };
}

async function cardEmbed(agent: Agent, link: string, hooks: BlueskyPublishHooks): Promise<Embed | undefined> {
  const lookup =
    hooks.fetchLinkCard ??
    (hooks.linkCardFetch === null ? null : (url: string) => fetchLinkCard(url, hooks.linkCardFetch ?? uncappedFetch()));
  if (!lookup) return undefined;
  let card: LinkCard | null;
  try {
    card = await lookup(link);
  } catch (err) {
    // fetchLinkCard never throws, but a replacement might: the post goes out without a card.
    console.warn('Sortie: link card lookup failed', link, err);
    return undefined;
  }
  return card ? linkCardEmbed(agent, card) : undefined;
}

function uniqueNonEmpty(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}

/** Builds the post record (uploading images, fetching the link card). Throws PublishError. */
export async function buildPostRecord(
  agent: Agent,
  part: PartToSend,
  hooks: BlueskyPublishHooks = {},
): Promise<Record<string, unknown>> {
  const rich = await buildRichText(agent, part.text);
  const record: Record<string, unknown> = {
    $type: POST_COLLECTION,
    text: rich.text,
    // A post brought from an archive keeps its own date; Bluesky's app shows it as archived.
    createdAt: (part.originalDate !== undefined
      ? new Date(part.originalDate)
      : (hooks.now?.() ?? new Date())
    ).toISOString(),
  };
  if (rich.facets) record['facets'] = rich.facets;
  const langs = uniqueNonEmpty(part.langs).slice(0, BLUESKY_LIMITS.maxLangs);
  if (langs.length > 0) record['langs'] = langs;
  const labels = uniqueNonEmpty(part.labels);
  if (labels.length > 0) {
    record['labels'] = { $type: 'com.atproto.label.defs#selfLabels', values: labels.map((val) => ({ val })) };
  }
  if (part.parent) record['reply'] = await replyRefs(agent, part.parent);
  const firstLink = rich.links[0];
  const [video] = part.images;
  const embed =
    video && isVideo(video)
      ? await uploadVideoEmbed(agent, video)
      : part.images.length > 0
        ? await uploadImagesEmbed(agent, part.images)
        : firstLink
          ? await cardEmbed(agent, firstLink, hooks)
          : undefined;
  if (embed) record['embed'] = embed;
  return record;
}

/**
 * Writes the record only if its key is free. When it is taken (our own earlier
 * attempt got through but its answer was lost), returns the record that is
 * there. Throws PublishError.
 */
export async function writePostRecord(
  agent: Agent,
  repo: string,
  rkey: string,
  record: Record<string, unknown>,
): Promise<StrongRef> {
  try {
    const res = await agent.com.atproto.repo.putRecord({
      repo,
      collection: POST_COLLECTION,
      rkey,
      record,
      swapRecord: null,
    });
    return { uri: res.data.uri, cid: res.data.cid };
  } catch (err) {
    if (!isXrpcError(err, 'InvalidSwap')) throw toPublishError(err);
    const existing = await getPostRecord(agent, repo, rkey);
    if (!existing) throw toPublishError(err);
    return { uri: existing.uri, cid: existing.cid };
  }
}

/**
 * Publishes one part; safe to call again with the same part after any
 * failure. Gates (who may reply / quote) go on thread roots only: replies
 * cannot carry a threadgate. Throws PublishError.
 */
export async function publishBlueskyPart(
  agent: AtpAgent,
  part: PartToSend,
  hooks: BlueskyPublishHooks = {},
): Promise<PostRef> {
  const author = authorOf(agent);
  const rkey = part.idempotencyKey;
  if (!isRecordKey(rkey)) throw new PublishError('validation', 'error.bluesky.badRecordKey', rkey);

  // A retry may find its post already written: skip uploads and the card fetch.
  const already = hooks.firstAttempt ? null : await getPostRecord(agent, author.did, rkey);
  const written =
    already ?? (await writePostRecord(agent, author.did, rkey, await buildPostRecord(agent, part, hooks)));

  if (part.parent === null) {
    const createdAt = (hooks.now?.() ?? new Date()).toISOString();
    // Rewritten on every attempt: an earlier one may have stopped between the post and its gates.
    await writeGates(agent, { repo: author.did, rkey, postUri: written.uri }, part.interaction, createdAt);
  }
  return refOf(written, author, rkey);
}
