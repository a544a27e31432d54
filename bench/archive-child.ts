/**
 * The archive bench's two halves, each in its own Node process so that the
 * peak memory measured is the reader's alone:
 *   generate <zip> <bytes>  writes a 20,000-tweet X archive with 2,000 media
 *                   files of <bytes> each to disk;
 *   measure <zip>   reads it in place (fs.openAsBlob: a file-backed Blob,
 *                   as a picked File is) and plans it, printing one JSON line.
 */
import { createWriteStream, openAsBlob } from 'node:fs';
import { Writable } from 'node:stream';
import { ZipWriter } from '@zip.js/zip.js/index-native.js';
import { generateTweets, writeXArchive } from '../tests/support/x-archive.ts';
import { applyFilters } from '../lib/archive/filters.ts';
import { importCost, mapTweets, type MapContext } from '../lib/archive/map.ts';
import { DEFAULT_IMPORT_FILTERS } from '../lib/archive/model.ts';
import { readArchive } from '../lib/archive/read.ts';
import { planImport } from '../lib/archive/schedule.ts';
import { mapTargetFor, originalTweetLink } from '../lib/archive/targets.ts';
import { openArchiveZip } from '../lib/archive/zip.ts';

export const TWEETS = 20_000;
export const MEDIA = 2_000;
const OWNER = { accountId: '1234567', username: 'bench_owner', displayName: 'Bench' };

async function generate(path: string, mediaBytes: number): Promise<void> {
  const filler = new Uint8Array(mediaBytes);
  for (let i = 0; i < filler.length; i++) filler[i] = (i * 2654435761) >>> 24;
  const writer = new ZipWriter(Writable.toWeb(createWriteStream(path)) as WritableStream);
  await writeXArchive(
    {
      account: OWNER,
      tweets: generateTweets(TWEETS, MEDIA, OWNER, 42),
      parts: 2,
      following: Array.from({ length: 500 }, (_, i) => String(5000 + i)),
    },
    writer,
    () => filler,
  );
  await writer.close();
}

async function measure(path: string): Promise<void> {
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const file = await openAsBlob(path);
  const zip = await openArchiveZip(file);
  const reading = await readArchive(zip, sample);
  const t1 = performance.now();
  const chosen = applyFilters(reading.tweets, DEFAULT_IMPORT_FILTERS);
  const ctx = (network: 'bluesky' | 'mastodon'): MapContext => ({
    target: mapTargetFor({ network }),
    tweetLink: (id) => originalTweetLink(OWNER.username, id, null),
    replyLink: (user, id) => originalTweetLink(user, id, null),
    sizeOf: zip.sizeOf,
    lang: 'en',
    timeZone: 'UTC',
  });
  const costs = (network: 'bluesky' | 'mastodon') => mapTweets(chosen, ctx(network)).map(importCost);
  const bluesky = planImport([{ accountId: 'b', network: 'bluesky', costs: costs('bluesky') }], 0);
  sample();
  const mastodon = planImport([{ accountId: 'm', network: 'mastodon', costs: costs('mastodon') }], 0);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  sample();
  clearInterval(timer);
  await zip.close();
  console.log(
    JSON.stringify({
      readSeconds: (t1 - t0) / 1000,
      planSeconds: (t2 - t1) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      tweets: reading.tweets.length,
      media: reading.tweets.reduce((n, t) => n + t.media.length, 0),
      chosen: chosen.length,
      zipBytes: file.size,
      baseRss: base.rss,
      peakRss,
      peakHeap,
      maxRssKb: process.resourceUsage().maxRSS,
      blueskyHours: bluesky.hours,
      mastodonHours: mastodon.hours,
    }),
  );
}

const [mode, path, bytes] = process.argv.slice(2);
if (mode === 'generate' && path) await generate(path, Number(bytes));
else if (mode === 'measure' && path) await measure(path);
