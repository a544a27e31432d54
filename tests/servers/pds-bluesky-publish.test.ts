/** Publishing parts to a real PDS and reading the records back. */
import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toPublishError } from '../../lib/networks/bluesky/engine/errors.ts';
import { findUnresolvedMentions } from '../../lib/networks/bluesky/engine/facets.ts';
import { publishBlueskyPart, writePostRecord } from '../../lib/networks/bluesky/engine/publish.ts';
import { newRecordKey, resolveReplyTarget } from '../../lib/networks/bluesky/engine/refs.ts';
import { loginBluesky, resumeBluesky } from '../../lib/networks/bluesky/engine/session.ts';
import type { LinkCard } from '../../lib/networks/shared/link-card.ts';
import { type PostRef, PublishError } from '../../lib/networks/types.ts';
import { byteRange, makeImage, makePart } from '../unit/bluesky/fixtures.ts';
import { makePng } from '../unit/bluesky/png.ts';
import { tinyMp4 } from '../support/mp4.ts';
import { startTestPds, type TestPds, type TestUser } from './pds.ts';

const POST = 'app.bsky.feed.post';
const NO_CARDS = { linkCardFetch: null };

let pds: TestPds;
let alice: TestUser;
let bob: TestUser;
let agent: AtpAgent;

async function agentFor(user: TestUser, fetchImpl?: typeof fetch): Promise<AtpAgent> {
  const login = await loginBluesky({ identifier: user.handle, password: user.appPassword, service: pds.url });
  if (!login.ok) throw new Error(login.detail);
  return resumeBluesky(login.session, () => undefined, { fetch: fetchImpl });
}

beforeAll(async () => {
  pds = await startTestPds();
  alice = await pds.createUser('alice');
  bob = await pds.createUser('bob');
  agent = await agentFor(alice);
});

afterAll(async () => {
  await pds?.close();
});

function rkeyOf(ref: PostRef): string {
  return ref.id.split('/').pop() ?? '';
}

async function readPost(ref: PostRef) {
  const res = await agent.com.atproto.repo.getRecord({ repo: alice.did, collection: POST, rkey: rkeyOf(ref) });
  return { cid: res.data.cid, value: res.data.value as Record<string, any> };
}

async function countPosts(repo = alice.did): Promise<number> {
  const res = await agent.com.atproto.repo.listRecords({ repo, collection: POST, limit: 100 });
  return res.data.records.length;
}

describe('text and facets', () => {
  it('posts text with a link, a mention, a hashtag, emoji and accents at the right byte ranges', async () => {
    const text = 'Café déjà vu 🎉👩‍👩‍👧 salut @bob.test — voir https://example.com/page?x=1 #sortie ñ';
    const ref = await publishBlueskyPart(agent, makePart(text), NO_CARDS);
    const rkey = rkeyOf(ref);
    expect(ref.id).toBe(`at://${alice.did}/${POST}/${rkey}`);
    expect(ref.url).toBe(`https://bsky.app/profile/alice.test/post/${rkey}`);

    const { cid, value } = await readPost(ref);
    expect(ref.cid).toBe(cid);
    expect(value['text']).toBe(text);
    const facets = value['facets'] as { index: object; features: Record<string, unknown>[] }[];
    expect(facets).toEqual([
      {
        $type: 'app.bsky.richtext.facet',
        index: byteRange(text, '@bob.test'),
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: bob.did }],
      },
      {
        index: byteRange(text, 'https://example.com/page?x=1'),
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/page?x=1' }],
      },
      {
        index: byteRange(text, '#sortie'),
        features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'sortie' }],
      },
    ]);
    // The emoji and accents really are multi-byte: UTF-16 offsets would be wrong.
    expect(byteRange(text, '@bob.test').byteStart).toBeGreaterThan(text.indexOf('@bob.test'));
  });

  it('leaves a mention of an unknown handle as plain text and lists it for the composer', async () => {
    const text = 'hi @bob.test and @nobody.test';
    expect(await findUnresolvedMentions(agent, text)).toEqual(['nobody.test']);
    const { value } = await readPost(await publishBlueskyPart(agent, makePart(text), NO_CARDS));
    expect(value['text']).toBe(text);
    const facets = value['facets'] as { features: { did?: string }[] }[];
    expect(facets).toHaveLength(1);
    expect(facets[0]?.features[0]?.did).toBe(bob.did);
  });

  it('caps languages at three and writes self-labels', async () => {
    const part = makePart('labelled', { langs: ['fr', 'en', 'fr', 'de', 'es'], labels: ['porn', 'graphic-media'] });
    const { value } = await readPost(await publishBlueskyPart(agent, part, NO_CARDS));
    expect(value['langs']).toEqual(['fr', 'en', 'de']);
    expect(value['labels']).toEqual({
      $type: 'com.atproto.label.defs#selfLabels',
      values: [{ val: 'porn' }, { val: 'graphic-media' }],
    });
  });

  it('turns a text the server refuses into a validation error with its words', async () => {
    const error = await publishBlueskyPart(agent, makePart('x'.repeat(3001)), NO_CARDS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ kind: 'validation', messageKey: 'error.bluesky.validation' });
    expect((error as PublishError).detail).toMatch(/text/i);
  });
});

describe('images', () => {
  it('uploads four images with alt text and aspect ratios', async () => {
    const sizes: [number, number][] = [
      [40, 30],
      [30, 40],
      [20, 20],
      [64, 16],
    ];
    const images = sizes.map(([w, h], i) => makeImage(w, h, `picture ${i + 1} — é`));
    const cardLookup = vi.fn(async () => null);
    const part = makePart('four pictures https://example.com', { images });
    const { value } = await readPost(await publishBlueskyPart(agent, part, { fetchLinkCard: cardLookup }));
    const embed = value['embed'] as { $type: string; images: any[] };
    expect(embed.$type).toBe('app.bsky.embed.images');
    expect(embed.images).toHaveLength(4);
    embed.images.forEach((img, i) => {
      const [width, height] = sizes[i] ?? [0, 0];
      expect(img.alt).toBe(`picture ${i + 1} — é`);
      expect(img.aspectRatio).toEqual({ width, height });
      expect(img.image).toMatchObject({ mimeType: 'image/png', size: images[i]?.blob.size });
    });
    // Images take the embed slot: no link card is even looked up.
    expect(cardLookup).not.toHaveBeenCalled();
  });

  it('reports an image the PDS finds too big as error.blobTooLarge and writes nothing', async () => {
    const big = makeImage(830, 830, 'noise', makePng(830, 830, { noise: true }));
    expect(big.blob.size).toBeGreaterThan(2_000_000);
    const part = makePart('too big', { images: [big] });
    const error = await publishBlueskyPart(agent, part, NO_CARDS).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'validation', messageKey: 'error.blobTooLarge' });
    const lookup = agent.com.atproto.repo.getRecord({ repo: alice.did, collection: POST, rkey: part.idempotencyKey });
    await expect(lookup).rejects.toMatchObject({ error: 'RecordNotFound' });
  });

  it('classifies an upload over the PDS limit as error.blobTooLarge', async () => {
    const huge = makePng(1350, 1350, { noise: true });
    const error = await agent.com.atproto.repo
      .uploadBlob(huge, { encoding: 'image/png' })
      .catch((e: unknown) => toPublishError(e));
    expect(error).toMatchObject({ kind: 'validation', messageKey: 'error.blobTooLarge' });
  });
});

describe('videos', () => {
  const video = (bytes: Uint8Array<ArrayBuffer>, alt: string) => {
    const blob = new Blob([bytes], { type: 'video/mp4' });
    return { mediaId: 'v', alt, mime: 'video/mp4', width: 9, height: 16, size: blob.size, blob };
  };

  it('posts an mp4 as app.bsky.embed.video with its alt text and aspect ratio, the blob readable back', async () => {
    const bytes = tinyMp4(4096);
    const ref = await publishBlueskyPart(agent, makePart('a clip', { images: [video(bytes, 'GIF')] }), NO_CARDS);
    const { value } = await readPost(ref);
    expect(value['embed']).toMatchObject({
      $type: 'app.bsky.embed.video',
      alt: 'GIF',
      aspectRatio: { width: 9, height: 16 },
      video: { mimeType: 'video/mp4', size: bytes.length },
    });
    const cid = (value['embed'] as { video: { ref: { toString(): string } } }).video.ref.toString();
    const blob = await agent.com.atproto.sync.getBlob({ did: alice.did, cid });
    expect(new Uint8Array(blob.data)).toEqual(bytes);
  });

  it('a video over the PDS blob limit is error.blobTooLarge, told by describeServer', async () => {
    const { data } = await agent.com.atproto.server.describeServer();
    const limit = data['blobUploadLimit'] as number;
    expect(limit).toBeGreaterThan(0);
    const part = makePart('too long a clip', { images: [video(tinyMp4(limit + 1024), '')] });
    const error = await publishBlueskyPart(agent, part, NO_CARDS).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'validation', messageKey: 'error.blobTooLarge' });
  });
});

describe('link cards', () => {
  it('adds an external embed with the card and its thumbnail', async () => {
    const card: LinkCard = {
      uri: 'https://example.com/article',
      title: 'An <article> & more',
      description: 'Its description',
      image: 'https://example.com/pic.png',
      thumb: { bytes: makePng(12, 8), mime: 'image/png' },
    };
    const part = makePart('read https://example.com/article please');
    const lookup = vi.fn(async () => card);
    const { value } = await readPost(await publishBlueskyPart(agent, part, { fetchLinkCard: lookup }));
    expect(lookup).toHaveBeenCalledWith('https://example.com/article');
    const embed = value['embed'] as { $type: string; external: any };
    expect(embed.$type).toBe('app.bsky.embed.external');
    expect(embed.external).toMatchObject({ uri: card.uri, title: card.title, description: card.description });
    expect(embed.external.thumb).toMatchObject({ mimeType: 'image/png', size: card.thumb?.bytes.byteLength });
  });

  it('builds the card from the page through the given fetch', async () => {
    const html =
      '<html><head><meta property="og:title" content="Page &amp; title"><meta name="description" content="Desc"></head></html>';
    const fakeFetch = vi.fn(
      async () => new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
    );
    const part = makePart('see https://example.org/x');
    const { value } = await readPost(
      await publishBlueskyPart(agent, part, { linkCardFetch: fakeFetch as typeof fetch }),
    );
    expect((value['embed'] as { external: unknown }).external).toEqual({
      uri: 'https://example.org/x',
      title: 'Page & title',
      description: 'Desc',
    });
  });

  it('still posts when the card cannot be fetched', async () => {
    const failing = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    const part = makePart('see https://example.net/y');
    const { value } = await readPost(await publishBlueskyPart(agent, part, { linkCardFetch: failing as typeof fetch }));
    expect(failing).toHaveBeenCalled();
    expect(value['embed']).toBeUndefined();
    expect(value['text']).toBe('see https://example.net/y');
  });
});

describe('threads and replies', () => {
  it('links a three-part thread with root and parent refs', async () => {
    const first = await publishBlueskyPart(agent, makePart('thread 1/3'), NO_CARDS);
    const second = await publishBlueskyPart(agent, makePart('thread 2/3', { parent: first, root: first }), NO_CARDS);
    const third = await publishBlueskyPart(agent, makePart('thread 3/3', { parent: second, root: first }), NO_CARDS);
    const strong = (ref: PostRef) => ({ uri: ref.id, cid: ref.cid });
    expect((await readPost(first)).value['reply']).toBeUndefined();
    expect((await readPost(second)).value['reply']).toEqual({ root: strong(first), parent: strong(first) });
    expect((await readPost(third)).value['reply']).toEqual({ root: strong(first), parent: strong(second) });
  });

  it("keeps the real root when the thread answers someone else's reply", async () => {
    const bobAgent = await agentFor(bob);
    const bobRoot = await publishBlueskyPart(bobAgent, makePart('bob starts'), NO_CARDS);
    const bobReply = await publishBlueskyPart(
      bobAgent,
      makePart('bob again', { parent: bobRoot, root: bobRoot }),
      NO_CARDS,
    );
    const target = await resolveReplyTarget(agent, bobReply.url);
    expect(target).toEqual(bobReply);
    // As the outbox passes them: part 1 answers the target, part 2 answers part 1 with part 1 as "root".
    const mine = await publishBlueskyPart(agent, makePart('alice answers', { parent: target, root: target }), NO_CARDS);
    const next = await publishBlueskyPart(agent, makePart('alice goes on', { parent: mine, root: mine }), NO_CARDS);
    const root = { uri: bobRoot.id, cid: bobRoot.cid };
    expect((await readPost(mine)).value['reply']).toEqual({ root, parent: { uri: bobReply.id, cid: bobReply.cid } });
    expect((await readPost(next)).value['reply']).toEqual({ root, parent: { uri: mine.id, cid: mine.cid } });
  });

  it('resolves bsky.app links with a handle or a DID, and at-uris', async () => {
    const post = await publishBlueskyPart(agent, makePart('target'), NO_CARDS);
    const rkey = rkeyOf(post);
    for (const input of [post.url, `https://bsky.app/profile/${alice.did}/post/${rkey}`, post.id]) {
      const ref = await resolveReplyTarget(agent, input);
      expect(ref.id).toBe(post.id);
      expect(ref.cid).toBe(post.cid);
    }
  });

  it.each([
    ['not a post link', 'https://example.com/hello', 'error.bluesky.badReplyTarget'],
    ['an unknown handle', 'https://bsky.app/profile/nobody.test/post/3kabcdefghij2', 'error.handleNotFound'],
    ['a missing post', 'https://bsky.app/profile/alice.test/post/3kabcdefghij2', 'error.bluesky.postNotFound'],
  ])('refuses %s as a reply target', async (_name, input, messageKey) => {
    await expect(resolveReplyTarget(agent, input)).rejects.toMatchObject({ kind: 'validation', messageKey });
  });
});

describe('idempotency', () => {
  it('publishing the same part twice leaves exactly one record', async () => {
    const before = await countPosts();
    const part = makePart('only once');
    const first = await publishBlueskyPart(agent, part, NO_CARDS);
    const again = await publishBlueskyPart(agent, part, NO_CARDS);
    expect(again).toEqual(first);
    expect(rkeyOf(first)).toBe(part.idempotencyKey);
    expect(await countPosts()).toBe(before + 1);
  });

  it('skipping the look-up on a first attempt still cannot make a second record', async () => {
    const before = await countPosts();
    const part = makePart('first attempt twice');
    const first = await publishBlueskyPart(agent, part, { ...NO_CARDS, firstAttempt: true });
    // Wrongly believed new: putRecord with swapRecord null refuses, and the existing post is returned.
    const again = await publishBlueskyPart(agent, part, { ...NO_CARDS, firstAttempt: true });
    expect(again.id).toBe(first.id);
    expect(await countPosts()).toBe(before + 1);
  });

  it('reconciles a retry after the answer to the write was lost', async () => {
    let dropped = false;
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (!dropped && url.includes('com.atproto.repo.putRecord')) {
        dropped = true;
        throw new TypeError('fetch failed'); // the write happened, the client never heard
      }
      return res;
    };
    const lossyAgent = await agentFor(alice, lossy);
    const before = await countPosts();
    const part = makePart('lost answer');
    await expect(publishBlueskyPart(lossyAgent, part, NO_CARDS)).rejects.toMatchObject({ kind: 'transient' });
    const ref = await publishBlueskyPart(lossyAgent, part, NO_CARDS);
    expect(rkeyOf(ref)).toBe(part.idempotencyKey);
    expect(await countPosts()).toBe(before + 1);
  });

  it('a write racing an existing record returns the existing one (InvalidSwap)', async () => {
    const rkey = newRecordKey();
    const record = (text: string) => ({ $type: POST, text, createdAt: new Date().toISOString() });
    const first = await writePostRecord(agent, alice.did, rkey, record('first'));
    const second = await writePostRecord(agent, alice.did, rkey, record('second'));
    expect(second).toEqual(first);
    expect((await readPost({ id: first.uri, url: '' })).value['text']).toBe('first');
  });

  it('refuses a key that is not a TID', async () => {
    const part = makePart('bad key', { idempotencyKey: 'not-a-tid' });
    await expect(publishBlueskyPart(agent, part, NO_CARDS)).rejects.toMatchObject({
      kind: 'validation',
      messageKey: 'error.bluesky.badRecordKey',
    });
  });
});
