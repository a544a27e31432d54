/** Threadgates and postgates written with posts, and edited afterwards, on a real PDS. */
import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionPolicy, ReplyPolicy } from '../../lib/model/draft.ts';
import { updateGates } from '../../lib/networks/bluesky/engine/gates.ts';
import { publishBlueskyPart } from '../../lib/networks/bluesky/engine/publish.ts';
import { loginBluesky, resumeBluesky } from '../../lib/networks/bluesky/engine/session.ts';
import type { PostRef } from '../../lib/networks/types.ts';
import { makePart } from '../unit/bluesky/fixtures.ts';
import { startTestPds, type TestPds, type TestUser } from './pds.ts';

const THREADGATE = 'app.bsky.feed.threadgate';
const POSTGATE = 'app.bsky.feed.postgate';
const NO_CARDS = { linkCardFetch: null };

let pds: TestPds;
let alice: TestUser;
let agent: AtpAgent;

beforeAll(async () => {
  pds = await startTestPds();
  alice = await pds.createUser('alice');
  const login = await loginBluesky({ identifier: alice.handle, password: alice.appPassword, service: pds.url });
  if (!login.ok) throw new Error(login.detail);
  agent = await resumeBluesky(login.session, () => undefined);
});

afterAll(async () => {
  await pds?.close();
});

function rkeyOf(ref: PostRef): string {
  return ref.id.split('/').pop() ?? '';
}

/** The gate record at the post's own key, or null when there is none. */
async function gate(collection: string, post: PostRef): Promise<Record<string, any> | null> {
  try {
    const res = await agent.com.atproto.repo.getRecord({ repo: alice.did, collection, rkey: rkeyOf(post) });
    expect(res.data.uri).toBe(`at://${alice.did}/${collection}/${rkeyOf(post)}`);
    return res.data.value as Record<string, any>;
  } catch (err) {
    if ((err as { error?: string }).error === 'RecordNotFound') return null;
    throw err;
  }
}

async function count(collection: string): Promise<number> {
  const res = await agent.com.atproto.repo.listRecords({ repo: alice.did, collection, limit: 100 });
  return res.data.records.length;
}

const RULES: Record<ReplyPolicy, string[] | null> = {
  everyone: null,
  following: ['app.bsky.feed.threadgate#followingRule'],
  followers: ['app.bsky.feed.threadgate#followerRule'],
  mentioned: ['app.bsky.feed.threadgate#mentionRule'],
  nobody: [],
};

async function publishWith(interaction: InteractionPolicy): Promise<PostRef> {
  return publishBlueskyPart(agent, makePart(`gated ${interaction.reply}`, { interaction }), NO_CARDS);
}

async function expectGates(post: PostRef, interaction: InteractionPolicy): Promise<void> {
  const threadgate = await gate(THREADGATE, post);
  const rules = RULES[interaction.reply];
  if (rules === null) {
    expect(threadgate).toBeNull();
  } else {
    expect(threadgate?.['post']).toBe(post.id);
    expect((threadgate?.['allow'] as { $type: string }[]).map((r) => r.$type)).toEqual(rules);
  }
  const postgate = await gate(POSTGATE, post);
  if (interaction.allowQuotes) {
    expect(postgate).toBeNull();
  } else {
    expect(postgate?.['post']).toBe(post.id);
    expect(postgate?.['embeddingRules']).toEqual([{ $type: 'app.bsky.feed.postgate#disableRule' }]);
  }
}

describe('gates written with a new post', () => {
  const policies = Object.keys(RULES) as ReplyPolicy[];
  const cases = policies.flatMap((reply) => [true, false].map((allowQuotes) => ({ reply, allowQuotes })));

  it.each(cases)('reply: $reply, quotes allowed: $allowQuotes', async (interaction) => {
    await expectGates(await publishWith(interaction), interaction);
  });

  it('a retry rewrites the gates instead of adding more', async () => {
    const [threadgates, postgates] = [await count(THREADGATE), await count(POSTGATE)];
    const part = makePart('retried', { interaction: { reply: 'nobody', allowQuotes: false } });
    const first = await publishBlueskyPart(agent, part, NO_CARDS);
    await publishBlueskyPart(agent, part, NO_CARDS);
    expect(await count(THREADGATE)).toBe(threadgates + 1);
    expect(await count(POSTGATE)).toBe(postgates + 1);
    await expectGates(first, part.interaction);
  });

  it('replies get no gates (a threadgate only works on a thread root)', async () => {
    const root = await publishWith({ reply: 'everyone', allowQuotes: true });
    const interaction = { reply: 'nobody', allowQuotes: false } as const;
    const reply = await publishBlueskyPart(agent, makePart('reply', { parent: root, root, interaction }), NO_CARDS);
    expect(await gate(THREADGATE, reply)).toBeNull();
    expect(await gate(POSTGATE, reply)).toBeNull();
  });
});

describe('updateGates', () => {
  it('adds, changes and removes gates on a published post', async () => {
    const post = await publishWith({ reply: 'everyone', allowQuotes: true });
    const steps: InteractionPolicy[] = [
      { reply: 'nobody', allowQuotes: false },
      { reply: 'followers', allowQuotes: true },
      { reply: 'mentioned', allowQuotes: false },
      { reply: 'everyone', allowQuotes: true },
    ];
    for (const step of steps) {
      await updateGates(agent, post.id, step);
      await expectGates(post, step);
    }
  });

  it('keeps replies hidden and quotes detached in the Bluesky app', async () => {
    const post = await publishWith({ reply: 'following', allowQuotes: false });
    const hidden = `at://${alice.did}/app.bsky.feed.post/3kabcdefghij2`;
    const detached = `at://${alice.did}/app.bsky.feed.post/3kabcdefghij3`;
    const rkey = rkeyOf(post);
    const existingThreadgate = await gate(THREADGATE, post);
    const existingPostgate = await gate(POSTGATE, post);
    await agent.com.atproto.repo.putRecord({
      repo: alice.did,
      collection: THREADGATE,
      rkey,
      record: { ...existingThreadgate, hiddenReplies: [hidden] },
    });
    await agent.com.atproto.repo.putRecord({
      repo: alice.did,
      collection: POSTGATE,
      rkey,
      record: { ...existingPostgate, detachedEmbeddingUris: [detached] },
    });

    await updateGates(agent, post.id, { reply: 'everyone', allowQuotes: true });
    const threadgate = await gate(THREADGATE, post);
    expect(threadgate?.['hiddenReplies']).toEqual([hidden]);
    expect(threadgate?.['allow']).toBeUndefined();
    const postgate = await gate(POSTGATE, post);
    expect(postgate?.['detachedEmbeddingUris']).toEqual([detached]);
    expect(postgate?.['embeddingRules']).toBeUndefined();
  });

  it('refuses something that is not an at-uri', async () => {
    await expect(
      updateGates(agent, 'https://example.com', { reply: 'nobody', allowQuotes: true }),
    ).rejects.toMatchObject({
      kind: 'validation',
      messageKey: 'error.bluesky.badPostUri',
    });
  });
});
