/**
 * GIFs and videos from an X archive, in both browsers: the file is read by the
 * browser's own ZIP and stream code, then a GIF (an MP4 in the archive) within
 * the PDS's blob limit lands as a Bluesky video whose blob reads back byte for
 * byte, and a video over it becomes a link to the tweet, never a broken upload.
 */
import { AtpAgent } from '@atproto/api';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tinyMp4 } from '../../support/mp4.ts';
import { buildXArchive, snowflake, type GenTweet } from '../../support/x-archive.ts';
import { blueskyPosts, DAY, mark, OWNER, type BskyPost } from '../support/archive-fixture.ts';
import { expect, test } from '../support/journey.ts';
import { connectBlueskyAccount } from './steps.ts';

test('a GIF within the PDS blob limit lands as app.bsky.embed.video (blob readable back); a video over it as a link to the tweet', async ({
  journey,
  pds,
  allowHosts,
}) => {
  test.setTimeout(180_000);
  const me = await connectBlueskyAccount(journey, pds, 'av');
  const agent = new AtpAgent({ service: pds.url });
  const { data: server } = await agent.com.atproto.server.describeServer();
  const limit = server['blobUploadLimit'] as number;
  expect(limit).toBeGreaterThan(0);

  const at = (i: number) => new Date(Date.UTC(2016, 4, 1, 12) + i * DAY);
  const gifBytes = tinyMp4(8192);
  const gif: GenTweet = {
    id: snowflake(at(0), 1),
    text: `Looping ${mark(1)}`,
    createdAt: at(0),
    lang: 'en',
    media: [{ type: 'animated_gif', name: 'GiFfIlE', bytes: gifBytes }],
  };
  const big: GenTweet = {
    id: snowflake(at(1), 2),
    text: `Long clip ${mark(2)}`,
    createdAt: at(1),
    lang: 'en',
    media: [{ type: 'video', name: 'BiGvIdEo', bytes: tinyMp4(limit + 4096) }],
  };
  const built = await buildXArchive({ account: OWNER, tweets: [gif, big], parts: 1 });
  const path = test.info().outputPath('videos.zip');
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, built.zip);
  const archive = await journey.openPage('archive.html');
  await archive.upload('Your X archive (the ZIP file from X)', path);
  await archive.waitFor(
    `[...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Start the import' && !b.disabled)`,
    60_000,
  );
  await archive.click('Start the import');

  await expect.poll(async () => (await blueskyPosts(agent, me.did)).length, { timeout: 120_000 }).toBe(2);
  const posts = await blueskyPosts(agent, me.did);
  const byMark = (n: number) => posts.find((p) => p.value.text.includes(mark(n)))!;

  const looping = byMark(1).value as BskyPost['value'] & {
    embed: { $type: string; alt?: string; video: { ref: { toString(): string }; mimeType: string; size: number } };
  };
  expect(looping.text).toBe(`Looping ${mark(1)}`);
  expect(looping.embed).toMatchObject({ $type: 'app.bsky.embed.video', alt: 'GIF', video: { mimeType: 'video/mp4' } });
  expect(looping.embed.video.size).toBe(gifBytes.length);
  const blob = await agent.com.atproto.sync.getBlob({ did: me.did, cid: looping.embed.video.ref.toString() });
  expect(new Uint8Array(blob.data)).toEqual(gifBytes);

  // Over the PDS's limit: the tweet's own address instead (on the user's mirror, else x.com).
  const linked = byMark(2).value;
  const link = /\n\n(https:\/\/\S+)$/.exec(linked.text)?.[1] ?? '';
  expect(link).toMatch(new RegExp(`/${OWNER.username}/status/${big.id}$`));
  expect(linked.embed?.images).toBeUndefined();
  expect((linked.embed as { $type?: string } | undefined)?.$type).not.toBe('app.bsky.embed.video');
  // Bluesky looks the link's card up (checked once the test is over).
  allowHosts(new URL(link).hostname);
});
