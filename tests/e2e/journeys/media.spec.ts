/**
 * Media in both browsers: four images, one a 6 MB phone photo, go to Bluesky
 * and Mastodon with their alt text, a content warning, a content label and a
 * language. The photo is shrunk under Bluesky's blob limit and its GPS
 * position dropped by the browser's own image code, which is what differs
 * between the two browsers; Mastodon's server processes the media in the
 * background (202, then 206 until ready), as a real one does.
 */
import { AtpAgent } from '@atproto/api';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BLUESKY_LIMITS } from '../../../lib/networks/bluesky/meta.ts';
import { flatPng, hasExif, photoWithGps } from '../support/images.ts';
import { expect, test } from '../support/journey.ts';
import { ALL_SENT, connectBlueskyAccount, connectMastodonWithToken, statusesOf } from './steps.ts';

interface BlueskyImagePost {
  text: string;
  langs?: string[];
  labels?: { values: { val: string }[] };
  embed?: {
    images?: {
      alt: string;
      aspectRatio?: { width: number; height: number };
      image: { size: number; ref: { toString(): string } };
    }[];
  };
}

test('four images (a 6 MB photo shrunk, its GPS position dropped) with alt text, a warning, a content label and a language go to both networks', async ({
  journey,
  pds,
  mastodon,
}) => {
  test.setTimeout(120_000);
  const bluesky = await connectBlueskyAccount(journey, pds, 'md');
  const masto = await connectMastodonWithToken(journey, mastodon, 'md');
  mastodon.faults.mediaProcessingMs = 1_000;
  try {
    const photo = await photoWithGps(6);
    expect(photo.length).toBeGreaterThan(5_000_000);
    expect(hasExif(photo)).toBe(true);
    const files = ['marche.jpg', 'a.png', 'b.png', 'c.png'].map((name) => test.info().outputPath(name));
    await mkdir(dirname(files[0]!), { recursive: true });
    await writeFile(files[0]!, photo);
    await writeFile(files[1]!, await flatPng(400, 300, 10));
    await writeFile(files[2]!, await flatPng(300, 600, 90));
    await writeFile(files[3]!, await flatPng(500, 500, 170));
    const alts = [1, 2, 3, 4].map((n) => `Image ${n} de la marche (${journey.kind})`);

    const compose = await journey.openPage('compose.html');
    await compose.upload('Add images (up to 4)', files);
    for (const [i, alt] of alts.entries()) await compose.fill(`Alt text for image ${i + 1}`, alt);
    await compose.click(/^Warning\b/);
    await compose.fill('Content warning', 'Violences policières');
    await compose.select('Bluesky content label', 'graphic-media');
    await compose.click(/^Language\b/);
    await compose.select('Language', 'fr');
    const text = `Photos de la marche 📸 (${journey.kind})`;
    await compose.fill('What do you want to say?', text);
    await compose.click('Post to 2 accounts');
    await compose.waitFor(ALL_SENT, 60_000);

    const agent = new AtpAgent({ service: pds.url });
    const { data } = await agent.com.atproto.repo.listRecords({ repo: bluesky.did, collection: 'app.bsky.feed.post' });
    expect(data.records).toHaveLength(1);
    const post = data.records[0]!.value as unknown as BlueskyImagePost;
    expect(post.text).toContain(text);
    expect(post.langs).toEqual(['fr']);
    expect(post.labels?.values).toEqual([{ val: 'graphic-media' }]);
    const images = post.embed?.images ?? [];
    expect(images.map((i) => i.alt)).toEqual(alts);
    expect(images.slice(1).map((i) => i.aspectRatio)).toEqual([
      { width: 400, height: 300 },
      { width: 300, height: 600 },
      { width: 500, height: 500 },
    ]);
    expect(images[0]!.image.size).toBeLessThanOrEqual(BLUESKY_LIMITS.imageSizeLimit);
    const blob = await agent.com.atproto.sync.getBlob({ did: bluesky.did, cid: images[0]!.image.ref.toString() });
    expect(blob.data.length).toBe(images[0]!.image.size);
    expect(hasExif(blob.data)).toBe(false);

    const statuses = statusesOf(mastodon, masto.id);
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({ spoilerText: 'Violences policières', sensitive: true, language: 'fr' });
    expect(statuses[0]!.text).toContain(text);
    const media = statuses[0]!.mediaIds.map((id) => mastodon.state.media.find((m) => m.id === id));
    expect(media.map((m) => m?.description)).toEqual(alts);
    expect(hasExif(media[0]!.data)).toBe(false);
  } finally {
    mastodon.faults.mediaProcessingMs = 0;
  }
});
