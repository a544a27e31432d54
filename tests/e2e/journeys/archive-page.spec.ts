/**
 * The "Import my X archive" page, in both browsers: a generated archive in
 * X's exact shape is picked, read in the page (nothing leaves the browser:
 * the fixture fails the test on any request to an unlisted host), counted,
 * filtered, and shown as each network would receive it; Start stays off
 * until an account is chosen. The imports list says where an import stands
 * and stops it; the archive's X follows are looked up on the user's own
 * Nitter mirror (on the user's network, over http://), one at a time; the
 * lookup stops when told, and stops by itself, saying so, when the mirror
 * does not answer (X itself is never asked).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DEFAULT_IMPORT_FILTERS } from '../../../lib/archive/model.ts';
import { buildXArchive, snowflake, type GenArchive } from '../../support/x-archive.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { expect, test, type Tab } from '../support/journey.ts';
import { mirrorHtml } from '../support/links.ts';
import { sortieMessage } from './steps.ts';

const OWN = { accountId: '1111', username: 'me_on_x', displayName: 'Me' };
const at = (iso: string) => new Date(iso);

function archive(): GenArchive {
  const root = snowflake(at('2016-03-01T12:00:00Z'));
  return {
    account: OWN,
    parts: 2,
    tweets: [
      {
        id: root,
        createdAt: at('2016-03-01T12:00:00Z'),
        text: 'Thread start & more <3 @alice',
        media: [{ type: 'photo', name: 'P1' }],
      },
      {
        id: snowflake(at('2016-03-01T12:01:00Z')),
        createdAt: at('2016-03-01T12:01:00Z'),
        text: 'Thread end https://example.com/a',
        replyTo: { id: root, userId: OWN.accountId, screenName: OWN.username },
      },
      {
        id: snowflake(at('2017-05-05T08:00:00Z')),
        createdAt: at('2017-05-05T08:00:00Z'),
        text: 'a reply',
        replyTo: { id: '5', userId: '77', screenName: 'other' },
      },
      {
        id: snowflake(at('2018-01-01T00:00:00Z')),
        createdAt: at('2018-01-01T00:00:00Z'),
        text: 'retweeted text',
        retweetOf: 'famous',
      },
      {
        id: snowflake(at('2019-07-14T09:00:00Z')),
        createdAt: at('2019-07-14T09:00:00Z'),
        text: 'Un post tout seul 🇫🇷',
        lang: 'fr',
      },
    ],
  };
}

/** Whether the checkbox labelled exactly this is ticked (null: no such box). */
const ticked = (tab: Tab, label: string) =>
  tab.evaluate<boolean | null>(
    `[...document.querySelectorAll('input[type="checkbox"]')].find((b) => b.labels?.[0]?.textContent.trim() === ${JSON.stringify(label)})?.checked ?? null`,
  );
const textOf = (tab: Tab, selector: string) =>
  tab.evaluate<string>(`document.querySelector(${JSON.stringify(selector)})?.textContent.trim() ?? ''`);
const selected = (tab: Tab) => textOf(tab, '[data-testid="archive-selected"]');

test('pick an X archive, see what would be imported and how, with nothing sent', async ({ journey }) => {
  const zipPath = test.info().outputPath('twitter-archive.zip');
  const junkPath = test.info().outputPath('not-a-zip.zip');
  await mkdir(dirname(zipPath), { recursive: true });
  await writeFile(zipPath, (await buildXArchive(archive())).zip);
  await writeFile(junkPath, 'hello');

  const page = await journey.openPage('archive.html');
  expect(await textOf(page, 'h1')).toBe('Import my X archive');
  const PICKER = 'Your X archive (the ZIP file from X)';
  await page.upload(PICKER, junkPath);
  await expect.poll(() => textOf(page, '[role="alert"]')).toBe('This file is not a ZIP file Sortie can read.');

  await page.upload(PICKER, zipPath);
  await page.waitFor(`document.body.textContent.includes('5 tweets by @me_on_x')`);
  // Replies to others and retweets are off by default.
  expect(await ticked(page, 'Your posts (1)')).toBe(true);
  expect(await ticked(page, 'Your threads (2 posts)')).toBe(true);
  expect(await ticked(page, 'Your replies to others (1)')).toBe(false);
  expect(await ticked(page, 'Retweets (1)')).toBe(false);
  expect(await selected(page)).toBe('3 tweets will be imported (1 photos, 0 videos, 0 GIFs).');

  await page.check('Retweets (1)');
  await expect.poll(() => selected(page)).toContain('4 tweets will be imported');
  await page.check('2016 (2)', false);
  await expect.poll(() => selected(page)).toContain('2 tweets will be imported');
  await page.check('All years');
  await expect.poll(() => selected(page)).toContain('4 tweets will be imported');

  // Samples on both networks (no account chosen): entities decoded, the link expanded, the mention kept plain.
  const part = (network: string, n: number) =>
    textOf(
      page,
      `article[aria-label="A thread"] [role="group"][aria-label="On ${network}"] li[aria-label="Post ${n} of 2"]`,
    );
  expect(await part('Bluesky', 1)).toContain('Thread start & more <3 @\u2060alice');
  expect(await part('Bluesky', 2)).toBe('Thread end https://example.com/a');
  expect(await part('Mastodon', 1)).toContain('Posted on X on March 1, 2016');

  expect(await page.evaluate<string>('document.body.textContent')).toContain(
    'Connect a Bluesky or Mastodon account in the options first.',
  );
  expect(
    await page.evaluate<boolean>(
      `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Start the import')?.disabled`,
    ),
  ).toBe(true);
  await expectNoAxeViolations(page, 'an archive read, no account');
});

/** A paused import of twitter-2026.zip (10 tweets: 3 posted, 1 failed) written straight into IndexedDB. */
async function seedImport(page: Tab, followIds: string[]): Promise<void> {
  // The background opens (and migrates) the database before the row is written.
  await sortieMessage(page, 'settings.get', {});
  const row = {
    id: '00000000-0000-4000-8000-000000000001',
    fileName: 'twitter-2026.zip',
    fileSize: 1000,
    xUsername: 'me_on_x',
    accountIds: [],
    filters: DEFAULT_IMPORT_FILTERS,
    state: 'paused',
    counts: { total: 10, planned: 6, queued: 0, posted: 3, failed: 1, skipped: 0, undone: 0 },
    pace: {},
    work: {},
    followIds,
    followsRun: null,
    error: null,
  };
  await page.evaluate(`new Promise((resolve, reject) => {
    const row = { ...${JSON.stringify(row)}, finishesAt: Date.now() + 5 * 3600000, createdAt: Date.now(), updatedAt: Date.now() };
    const open = indexedDB.open('sortie');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('imports', 'readwrite');
      tx.objectStore('imports').put(row);
      tx.oncomplete = () => { open.result.close(); resolve(true); };
      tx.onerror = () => reject(tx.error);
    };
  })`);
}

const RUN = 'li[aria-label="twitter-2026.zip"]';

test('the imports list shows where an import stands and stops it', async ({ journey }) => {
  const page = await journey.openPage('archive.html');
  await seedImport(page, ['2001', '2002', '2003']);
  await page.goto(`${journey.extensionOrigin}/archive.html`);
  await page.waitFor(`document.querySelector('${RUN}') !== null`);
  expect(await textOf(page, RUN)).toContain('twitter-2026.zip · paused');
  expect(
    await page.evaluate<number>(
      `document.querySelector('${RUN} progress[aria-label="Progress of twitter-2026.zip"]')?.value`,
    ),
  ).toBe(4);
  expect(await textOf(page, `${RUN} > [role="status"]`)).toBe('3 of 10 posted, 1 failed. About 5 hours left.');
  expect(await textOf(page, `${RUN} [role="group"][aria-label="Your X follows"]`)).toContain(
    'The archive lists 3 accounts you follow on X, by number only.',
  );
  await page.click('Stop');
  await page.waitFor(`document.querySelector('${RUN}')?.textContent.includes('twitter-2026.zip · stopped')`);
  expect(
    await page.evaluate<string[]>(
      `[...document.querySelectorAll('${RUN} button')].map((b) => b.textContent.trim()).filter((t) => t === 'Resume' || t === 'Stop')`,
    ),
  ).toEqual([]);
});

/** A Nitter profile page as the mirror shows it for /i/user/<id> (after its redirect to the handle). */
function nitterProfile(handle: string, name: string, bio: string): string {
  return `<!doctype html><html><head><title>${name} (@${handle})</title></head><body><div class="profile-card">
<a class="profile-card-fullname">${name}</a><a class="profile-card-username">@${handle}</a>
<div class="profile-bio"><p>${bio}</p></div></div></body></html>`;
}

test("the archive's X follows are looked up on the user's own mirror, one at a time, and the lookup stops when told", async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  const MIRROR_HOST = 'nitter.test';
  const lookups: string[] = [];
  let mirrorDown = true;
  allowHosts(MIRROR_HOST);
  recordingProxy.serve(MIRROR_HOST, (path) => {
    const id = /^\/i\/user\/(\d+)$/.exec(path)?.[1];
    if (id === undefined) return { status: 200, type: 'text/html', body: mirrorHtml(MIRROR_HOST, path) };
    if (mirrorDown) return { status: 503, type: 'text/html', body: '<!doctype html><title>Down</title>' };
    lookups.push(id);
    // 2002 is suspended: the mirror answers with an error page, which is no profile.
    if (id === '2002')
      return {
        status: 404,
        type: 'text/html',
        body: '<!doctype html><title>Error</title><div class="error-panel">User not found</div>',
      };
    return {
      status: 200,
      type: 'text/html',
      body: nitterProfile(`friend${id}`, `Friend ${id}`, `Also at @friend${id}@mastodon.example`),
    };
  });
  const options = await journey.openPage('options.html');
  await sortieMessage(options, 'links.addMirror', { origin: `http://${MIRROR_HOST}`, scheme: 'nitter' });
  await sortieMessage(options, 'settings.update', { links: { pinnedMirror: `http://${MIRROR_HOST}` } });

  const page = await journey.openPage('archive.html');
  await seedImport(page, ['2001', '2002', '2003', '2004', '2005', '2006']);
  await page.goto(`${journey.extensionOrigin}/archive.html`);
  const FOLLOWS = `${RUN} [role="group"][aria-label="Your X follows"]`;
  // The mirror is down at first: the lookup stops on the first account and says so, counting none as not found.
  await page.click(/nitter\.test/);
  await page.waitFor(`document.querySelector('${FOLLOWS} [role="alert"]') !== null`);
  expect(await textOf(page, `${FOLLOWS} [role="alert"]`)).toBe(
    `The mirror did not answer (http://${MIRROR_HOST}: HTTP 503). The lookup stopped there and counted no account as not found: try again later, or choose another mirror in the options.`,
  );
  expect(await textOf(page, `${FOLLOWS} [role="status"]`)).toBe('0 of 6 looked up: 0 found, 0 not found.');
  // Back up: started again, from the same account.
  mirrorDown = false;
  await page.click(/nitter\.test/);
  // At least 2 s apart: the third lookup cannot have happened before the page shows the second.
  await expect.poll(() => lookups.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  await page.click('Stop looking them up');
  await page.waitFor(
    `[...document.querySelectorAll('${FOLLOWS} button')].some((b) => /nitter\\.test/.test(b.textContent))`,
  );
  const stoppedAt = lookups.length;
  expect(stoppedAt).toBeLessThan(6);
  expect(lookups).toEqual(['2001', '2002', '2003', '2004', '2005', '2006'].slice(0, stoppedAt));
  expect(await page.evaluate<number>(`document.querySelector('${FOLLOWS} progress')?.value`)).toBe(stoppedAt);
  expect(await textOf(page, `${FOLLOWS} [role="status"]`)).toBe(
    `${stoppedAt} of 6 looked up: ${stoppedAt - 1} found, 1 not found.`,
  );
  // Stopped means stopped: no lookup after the click.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  expect(lookups).toHaveLength(stoppedAt);
  // The found accounts are in the follow bridge, as if the Following page had shown them.
  const link = await textOf(page, `${FOLLOWS} a`);
  await page.click(link);
  await page.waitFor(
    `document.body.textContent.includes(${JSON.stringify(`Collected: ${stoppedAt - 1} X accounts, from 1 list(s).`)})`,
  );
});
