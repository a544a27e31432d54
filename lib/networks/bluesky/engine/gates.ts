/**
 * Who may reply to (threadgate) and quote (postgate) a Bluesky post. Both
 * records live at the same record key as the post they govern and are written
 * with putRecord, so a retried publish rewrites them instead of adding more.
 */
import type { Agent } from '@atproto/api';
import type { InteractionPolicy, ReplyPolicy } from '../../../model/draft.ts';
import { isRecordNotFound, toPublishError } from './errors.ts';
import { parsePostUri, POSTGATE_COLLECTION, THREADGATE_COLLECTION } from './refs.ts';
import { PublishError } from '../../types.ts';

type Rule = { $type: string };

const REPLY_RULES: Record<Exclude<ReplyPolicy, 'everyone'>, Rule[]> = {
  following: [{ $type: 'app.bsky.feed.threadgate#followingRule' }],
  followers: [{ $type: 'app.bsky.feed.threadgate#followerRule' }],
  mentioned: [{ $type: 'app.bsky.feed.threadgate#mentionRule' }],
  nobody: [],
};

const DISABLE_QUOTES: Rule = { $type: 'app.bsky.feed.postgate#disableRule' };

/** What the user hid or detached in the Bluesky app; edits must not lose it. */
export interface KeptGateState {
  hiddenReplies?: string[];
  detachedEmbeddingUris?: string[];
}

/** The threadgate record for a policy, or null when none is needed ('everyone', nothing hidden). */
export function threadgateRecord(
  postUri: string,
  reply: ReplyPolicy,
  createdAt: string,
  kept: KeptGateState = {},
): Record<string, unknown> | null {
  const hidden = kept.hiddenReplies ?? [];
  if (reply === 'everyone' && hidden.length === 0) return null;
  const record: Record<string, unknown> = { $type: THREADGATE_COLLECTION, post: postUri, createdAt };
  // No `allow` at all means anyone may reply; an empty array means nobody.
  if (reply !== 'everyone') record['allow'] = REPLY_RULES[reply];
  if (hidden.length > 0) record['hiddenReplies'] = hidden;
  return record;
}

/** The postgate record, or null when quotes are allowed and nothing is detached. */
export function postgateRecord(
  postUri: string,
  allowQuotes: boolean,
  createdAt: string,
  kept: KeptGateState = {},
): Record<string, unknown> | null {
  const detached = kept.detachedEmbeddingUris ?? [];
  if (allowQuotes && detached.length === 0) return null;
  const record: Record<string, unknown> = { $type: POSTGATE_COLLECTION, post: postUri, createdAt };
  if (!allowQuotes) record['embeddingRules'] = [DISABLE_QUOTES];
  if (detached.length > 0) record['detachedEmbeddingUris'] = detached;
  return record;
}

interface GateTarget {
  repo: string;
  rkey: string;
  postUri: string;
}

async function putOrDelete(
  agent: Agent,
  target: GateTarget,
  collection: string,
  record: Record<string, unknown> | null,
  deleteWhenNull: boolean,
): Promise<void> {
  const { repo, rkey } = target;
  if (record) {
    await agent.com.atproto.repo.putRecord({ repo, collection, rkey, record });
  } else if (deleteWhenNull) {
    await agent.com.atproto.repo.deleteRecord({ repo, collection, rkey });
  }
}

/**
 * Writes the gates a new post needs (nothing for 'everyone' + quotes allowed).
 * Throws PublishError.
 */
export async function writeGates(
  agent: Agent,
  target: GateTarget,
  interaction: InteractionPolicy,
  createdAt: string,
): Promise<void> {
  try {
    await putOrDelete(
      agent,
      target,
      THREADGATE_COLLECTION,
      threadgateRecord(target.postUri, interaction.reply, createdAt),
      false,
    );
    await putOrDelete(
      agent,
      target,
      POSTGATE_COLLECTION,
      postgateRecord(target.postUri, interaction.allowQuotes, createdAt),
      false,
    );
  } catch (err) {
    throw toPublishError(err);
  }
}

async function readGate(
  agent: Agent,
  repo: string,
  collection: string,
  rkey: string,
): Promise<Record<string, unknown> | null> {
  try {
    const res = await agent.com.atproto.repo.getRecord({ repo, collection, rkey });
    return res.data.value as Record<string, unknown>;
  } catch (err) {
    if (isRecordNotFound(err)) {
      return null;
    }
    throw err;
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Changes who may reply to / quote a post already published: puts or deletes
 * its threadgate and postgate, keeping replies the user hid and quotes they
 * detached elsewhere. Throws PublishError.
 */
export async function updateGates(agent: Agent, postUri: string, interaction: InteractionPolicy): Promise<void> {
  const address = parsePostUri(postUri);
  if (!address) throw new PublishError('validation', 'error.bluesky.badPostUri', postUri);
  const target = { ...address, postUri };
  const createdAt = new Date().toISOString();
  try {
    const [threadgate, postgate] = await Promise.all([
      readGate(agent, target.repo, THREADGATE_COLLECTION, target.rkey),
      readGate(agent, target.repo, POSTGATE_COLLECTION, target.rkey),
    ]);
    const kept: KeptGateState = {
      hiddenReplies: stringList(threadgate?.['hiddenReplies']),
      detachedEmbeddingUris: stringList(postgate?.['detachedEmbeddingUris']),
    };
    const nextThreadgate = threadgateRecord(postUri, interaction.reply, createdAt, kept);
    const nextPostgate = postgateRecord(postUri, interaction.allowQuotes, createdAt, kept);
    await putOrDelete(agent, target, THREADGATE_COLLECTION, nextThreadgate, threadgate !== null);
    await putOrDelete(agent, target, POSTGATE_COLLECTION, nextPostgate, postgate !== null);
  } catch (err) {
    throw toPublishError(err);
  }
}
