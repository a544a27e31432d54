/**
 * The queue bench's baseline, run in its own Node process (as the browser
 * is its own process): the same posts sent straight through masto and
 * @atproto/api, six requests at a time per server (Chromium's connection
 * limit per host), with the same idempotency keys and record keys Sortie
 * uses. Logs in before the clock starts, as Sortie's session already exists.
 *
 * Input: one JSON argument; output: one JSON line { ms, peakRssBytes }.
 */
import { AtpAgent } from '@atproto/api';
import { createRestAPIClient } from 'masto';
import { newTid } from '../../lib/tid.ts';

interface Input {
  posts: number;
  mastodon: { url: string; token: string } | null;
  bluesky: { service: string; identifier: string; password: string } | null;
  text: string;
}

const CONCURRENCY = 6;

async function pool(count: number, send: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await send(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
}

const input = JSON.parse(process.argv[2] ?? '{}') as Input;
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 500);

const lanes: Array<() => Promise<void>> = [];
if (input.mastodon) {
  const api = createRestAPIClient({ url: input.mastodon.url, accessToken: input.mastodon.token });
  lanes.push(() =>
    pool(input.posts, async (i) => {
      const meta = { requestInit: { headers: { 'Idempotency-Key': crypto.randomUUID() } } };
      await api.v1.statuses.create({ status: `${input.text} ${i}`, visibility: 'public', language: 'fr' }, meta);
    }),
  );
}
if (input.bluesky) {
  const agent = new AtpAgent({ service: input.bluesky.service });
  await agent.login({ identifier: input.bluesky.identifier, password: input.bluesky.password });
  const repo = agent.assertDid;
  lanes.push(() =>
    pool(input.posts, async (i) => {
      const record = {
        $type: 'app.bsky.feed.post',
        text: `${input.text} ${i}`,
        langs: ['fr'],
        createdAt: new Date().toISOString(),
      };
      await agent.com.atproto.repo.putRecord({
        repo,
        collection: 'app.bsky.feed.post',
        rkey: newTid(),
        record,
        swapRecord: null,
      });
    }),
  );
}
const start = performance.now();
await Promise.all(lanes.map((lane) => lane()));
const ms = performance.now() - start;
clearInterval(sampler);
console.log(JSON.stringify({ ms, peakRssBytes: Math.max(peakRss, process.memoryUsage.rss()) }));
