/**
 * The "Import my X archive" page in the built extension: a generated archive
 * in X's exact shape is picked, read in the page (zip.js, no worker, nothing
 * leaves the browser: the fixture fails the test on any request), counted,
 * filtered, and shown as each network would receive it; Start stays off until
 * an account is chosen. The imports list, and the archive's X follows looked
 * up on the user's own Nitter mirror (a stand-in served by the test proxy;
 * X itself is never asked: the fixture fails the test on any other host).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { buildXArchive, snowflake, type GenArchive } from '../support/x-archive.ts';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { linksReady, mirrorHtml, sendMessage, updateSettings } from './support/links.ts';

/** The user's own Nitter mirror, answered by the test proxy (plain HTTP). */
const MIRROR_HOST = 'nitter.test';

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

test('pick an X archive, see what would be imported and how, with nothing sent', async ({ openPage }) => {
  const dir = await mkdtemp(join(tmpdir(), 'sortie-archive-'));
  try {
    const zipPath = join(dir, 'twitter-archive.zip');
    await writeFile(zipPath, (await buildXArchive(archive())).zip);
    const junkPath = join(dir, 'not-a-zip.zip');
    await writeFile(junkPath, 'hello');

    const { page, errors } = await openPage('archive.html');
    await expect(page.getByRole('heading', { name: 'Import my X archive' })).toBeVisible();
    const picker = page.getByLabel('Your X archive (the ZIP file from X)');

    await picker.setInputFiles(junkPath);
    await expect(page.getByRole('alert')).toHaveText('This file is not a ZIP file Sortie can read.');

    await picker.setInputFiles(zipPath);
    await expect(page.getByText('5 tweets by @me_on_x')).toBeVisible();
    // Replies to others and retweets are off by default.
    await expect(page.getByRole('checkbox', { name: 'Your posts (1)' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Your threads (2 posts)' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Your replies to others (1)' })).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Retweets (1)' })).not.toBeChecked();
    await expect(page.getByTestId('archive-selected')).toHaveText(
      '3 tweets will be imported (1 photos, 0 videos, 0 GIFs).',
    );

    await page.getByRole('checkbox', { name: 'Retweets (1)' }).check();
    await expect(page.getByTestId('archive-selected')).toContainText('4 tweets will be imported');
    await page.getByRole('checkbox', { name: '2016 (2)' }).uncheck();
    await expect(page.getByTestId('archive-selected')).toContainText('2 tweets will be imported');
    await page.getByRole('checkbox', { name: 'All years' }).check();

    // Samples on both networks (no account chosen): entities decoded, the link expanded, the mention kept plain.
    const thread = page.getByRole('article', { name: 'A thread' });
    const bluesky = thread.getByRole('group', { name: 'On Bluesky' });
    await expect(bluesky.getByRole('listitem', { name: 'Post 1 of 2' })).toContainText(
      'Thread start & more <3 @\u2060alice',
    );
    await expect(bluesky.getByRole('listitem', { name: 'Post 2 of 2' })).toHaveText('Thread end https://example.com/a');
    const mastodon = thread.getByRole('group', { name: 'On Mastodon' });
    await expect(mastodon.getByRole('listitem', { name: 'Post 1 of 2' })).toContainText('Posted on X on March 1, 2016');

    await expect(page.getByText('Connect a Bluesky or Mastodon account in the options first.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start the import' })).toBeDisabled();

    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** A paused import of twitter-2026.zip (10 tweets: 3 posted, 1 failed) written straight into IndexedDB. */
async function seedImport(page: Page, followIds: string[]): Promise<void> {
  // The background opens (and migrates) the database before the row is written.
  await page.evaluate(() => chrome.runtime.sendMessage({ sortie: 1, name: 'settings.get', body: {} }));
  await page.evaluate(
    (followIds) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('sortie');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('imports', 'readwrite');
          tx.objectStore('imports').put({
            id: '00000000-0000-4000-8000-000000000001',
            fileName: 'twitter-2026.zip',
            fileSize: 1000,
            xUsername: 'me_on_x',
            accountIds: [],
            filters: {
              years: 'all',
              ownPosts: true,
              ownThreads: true,
              repliesToOthers: false,
              retweets: false,
              withMedia: true,
              withoutMedia: true,
            },
            state: 'paused',
            counts: { total: 10, planned: 6, queued: 0, posted: 3, failed: 1, skipped: 0, undone: 0 },
            pace: {},
            work: {},
            finishesAt: Date.now() + 5 * 3_600_000,
            followIds,
            followsRun: null,
            error: null,
            createdAt: Date.now(),
            updatedAt: Date.now(),
          });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    followIds,
  );
}

test('the imports list shows where an import stands and stops it', async ({ openPage }) => {
  const { page, errors } = await openPage('archive.html');
  await seedImport(page, ['2001', '2002', '2003']);
  await page.reload();
  const run = page.getByRole('listitem', { name: 'twitter-2026.zip' });
  await expect(run).toContainText('twitter-2026.zip · paused');
  await expect(run.getByRole('progressbar', { name: 'Progress of twitter-2026.zip' })).toHaveAttribute('value', '4');
  await expect(run.getByRole('status')).toHaveText('3 of 10 posted, 1 failed. About 5 hours left.');
  await expect(run.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(run.getByRole('group', { name: 'Your X follows' })).toContainText(
    'The archive lists 3 accounts you follow on X, by number only.',
  );
  await run.getByRole('button', { name: 'Stop' }).click();
  await expect(run).toContainText('twitter-2026.zip · stopped');
  await expect(run.getByRole('button', { name: 'Resume' })).toHaveCount(0);
  await expect(run.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

/** A Nitter profile page as the mirror shows it for /i/user/<id> (after its redirect to the handle). */
function nitterProfile(handle: string, name: string, bio: string): string {
  return `<!doctype html><html><head><title>${name} (@${handle})</title></head><body><div class="profile-card">
<a class="profile-card-fullname">${name}</a><a class="profile-card-username">@${handle}</a>
<div class="profile-bio"><p>${bio}</p></div></div></body></html>`;
}

test('the archive X follows are looked up on the user mirror, one at a time, and can be stopped', async ({
  openPage,
  recordingProxy,
  allowHosts,
}) => {
  const lookups: string[] = [];
  allowHosts(MIRROR_HOST);
  recordingProxy.serve(MIRROR_HOST, (path) => {
    const id = /^\/i\/user\/(\d+)$/.exec(path)?.[1];
    if (id === undefined) return { status: 200, type: 'text/html', body: mirrorHtml(MIRROR_HOST, path) };
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
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await sendMessage(options, 'links.addMirror', { origin: `http://${MIRROR_HOST}`, scheme: 'nitter' });
  await updateSettings(options, { links: { pinnedMirror: `http://${MIRROR_HOST}` } });

  const { page, errors } = await openPage('archive.html');
  await seedImport(page, ['2001', '2002', '2003', '2004', '2005', '2006']);
  await page.reload();
  const follows = page
    .getByRole('listitem', { name: 'twitter-2026.zip' })
    .getByRole('group', { name: 'Your X follows' });
  await follows.getByRole('button', { name: /nitter\.test/ }).click();
  const progress = follows.getByRole('progressbar');
  // At least 2 s apart: the third lookup cannot have happened before the page shows the second.
  await expect.poll(() => lookups.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  await follows.getByRole('button', { name: 'Stop looking them up' }).click();
  await expect(follows.getByRole('button', { name: /nitter\.test/ })).toBeVisible();
  const stoppedAt = lookups.length;
  expect(stoppedAt).toBeLessThan(6);
  expect(lookups).toEqual(['2001', '2002', '2003', '2004', '2005', '2006'].slice(0, stoppedAt));
  await expect(progress).toHaveAttribute('value', String(stoppedAt));
  await expect(follows.getByRole('status')).toHaveText(
    `${stoppedAt} of 6 looked up: ${stoppedAt - 1} found, 1 not found.`,
  );
  // Stopped means stopped: no lookup after the click.
  await page.waitForTimeout(2_500);
  expect(lookups).toHaveLength(stoppedAt);
  // The found accounts are in the follow bridge, as if the Following page had shown them.
  await follows.getByRole('link').click();
  await expect(page.getByText(`Collected: ${stoppedAt - 1} X accounts, from 1 list(s).`)).toBeVisible();
  expect(errors).toEqual([]);
});
