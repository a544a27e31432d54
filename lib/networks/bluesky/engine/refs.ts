/**
 * Naming Bluesky posts: record keys, at-uris, bsky.app links, and turning what
 * a user pastes (a bsky.app link or an at-uri) into a PostRef to reply to.
 */
import type { Agent } from '@atproto/api';
import { newTid, TID_PATTERN } from '../../../tid.ts';
import { isRecordNotFound, toPublishError } from './errors.ts';
import { resolveHandle } from './facets.ts';
import { type PostRef, PublishError } from '../../types.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';
export const THREADGATE_COLLECTION = 'app.bsky.feed.threadgate';
export const POSTGATE_COLLECTION = 'app.bsky.feed.postgate';

/** A fresh record key (TID) to fix as a part's idempotency key when it is queued. */
export function newRecordKey(): string {
  return newTid();
}

export function isRecordKey(value: string): boolean {
  return TID_PATTERN.test(value);
}

/** Public web address of a post; `actor` is the handle (nicer) or the DID. */
export function postWebUrl(actor: string, rkey: string): string {
  // Handles, DIDs and record keys only use URL-safe characters; DIDs keep their colons as bsky.app shows them.
  return `https://bsky.app/profile/${actor}/post/${rkey}`;
}

/** Repo and record key of a post at-uri (`at://did/app.bsky.feed.post/rkey`), or null. */
export function parsePostUri(uri: string): { repo: string; rkey: string } | null {
  const m = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/.exec(uri.trim());
  return m?.[1] && m[2] ? { repo: m[1], rkey: m[2] } : null;
}

export interface PostAddress {
  /** Handle or DID, as written. */
  actor: string;
  rkey: string;
}

const WEB_POST_PATH = /^\/profile\/([^/]+)\/post\/([^/]+)\/?$/;

/** Reads a bsky.app post link (or another client's with the same path) or a post at-uri. */
export function parsePostAddress(input: string): PostAddress | null {
  const value = input.trim();
  if (value.startsWith('at://')) {
    const uri = parsePostUri(value);
    return uri ? { actor: uri.repo, rkey: uri.rkey } : null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch (err) {
    if (err instanceof TypeError) return null; // not a URL
    throw err;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const m = WEB_POST_PATH.exec(url.pathname);
  if (!m?.[1] || !m[2]) return null;
  try {
    return { actor: decodeURIComponent(m[1]), rkey: decodeURIComponent(m[2]) };
  } catch (err) {
    if (err instanceof URIError) return null; // a broken %-escape
    throw err;
  }
}

export interface FetchedPost {
  uri: string;
  cid: string;
  value: Record<string, unknown>;
}

/**
 * One post record, or null when it does not exist. For repos on other
 * servers the PDS forwards the read to the AppView.
 */
export async function getPostRecord(agent: Agent, repo: string, rkey: string): Promise<FetchedPost | null> {
  try {
    const res = await agent.com.atproto.repo.getRecord({ repo, collection: POST_COLLECTION, rkey });
    if (!res.data.cid) throw new PublishError('transient', 'error.network', `No CID for ${res.data.uri}`);
    return { uri: res.data.uri, cid: res.data.cid, value: res.data.value as Record<string, unknown> };
  } catch (err) {
    if (isRecordNotFound(err)) {
      return null;
    }
    throw toPublishError(err);
  }
}

/** What a user pasted as "reply to", as a PostRef with the CID reply refs need. */
export async function resolveReplyTarget(agent: Agent, urlOrAtUri: string): Promise<PostRef> {
  const address = parsePostAddress(urlOrAtUri);
  if (!address) throw new PublishError('validation', 'error.bluesky.badReplyTarget', urlOrAtUri);
  let did = address.actor;
  if (!did.startsWith('did:')) {
    const resolved = await resolveHandle(agent, address.actor);
    if (!resolved) throw new PublishError('validation', 'error.handleNotFound', address.actor);
    did = resolved;
  }
  const post = await getPostRecord(agent, did, address.rkey);
  if (!post) throw new PublishError('validation', 'error.bluesky.postNotFound', urlOrAtUri);
  return { id: post.uri, cid: post.cid, url: postWebUrl(address.actor, address.rkey) };
}
