/**
 * The follow bridge end to end: a fixture X following page (X's
 * UserCell markup, virtualised like X's timeline) with 161 people, collected
 * by the collector the user starts from the bridge page (injected into the
 * X tab for that run only), which scrolls for them; matched with the user's own
 * accounts against accounts made on the real PDS (no AppView) and on the
 * Mastodon test server; precision and recall per confidence level measured
 * against the fixture's ground truth; every sure match followed from the
 * results page (follow records on the PDS, follows on the Mastodon server);
 * the Mastodon CSV read back the way Mastodon's import reads it.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { BridgeEntry, Confidence } from '../../lib/model/bridge.ts';
import {
  followingCases,
  SHARED_BLUESKY,
  SHARED_MASTODON,
  shuffled,
  type MastoSpec,
} from './fixtures/x-following-cases.ts';
import { followingPageHtml } from './fixtures/x-following-page.ts';
import { BRIDGE_ENTRIES, createBlueskyAccounts, uniqueBy } from './support/bridge-fixture.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, connectMastodonWithToken } from './support/ui.ts';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const LEVELS: Confidence[] = ['sure', 'likely', 'unsure'];

function readEntries(page: Page): Promise<BridgeEntry[]> {
  return page.evaluate(BRIDGE_ENTRIES) as Promise<BridgeEntry[]>;
}

test('follow bridge: 161 X accounts collected, matched, scored against the truth, sure ones followed, CSV imports', async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  pds,
  mastodon,
}, testInfo) => {
  test.setTimeout(300_000);
  const cases = followingCases();
  expect(cases.length).toBeGreaterThanOrEqual(150);

  // The user's own accounts, and everyone else's, on the real servers.
  const me = await pds.createUser(uniqueName('mover'));
  const bskySpecs = uniqueBy([...SHARED_BLUESKY, ...cases.flatMap((c) => c.bluesky)], (s) => s.local);
  expect(bskySpecs.length).toBe(SHARED_BLUESKY.length + cases.reduce((n, c) => n + c.bluesky.length, 0));
  const dids = await createBlueskyAccounts(pds.url, bskySpecs);
  const mastoUser = uniqueName('mover');
  const mastoMe = mastodon.createAccount(mastoUser);
  const mastoSpecs: MastoSpec[] = uniqueBy([...SHARED_MASTODON, ...cases.flatMap((c) => c.mastodon)], (s) => s.acct);
  for (const s of mastoSpecs)
    mastodon.addRemoteAccount(s.acct, { display_name: s.displayName, note: s.note, fetched: s.fetched });

  const options = await openPage('options.html');
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  await connectMastodonWithToken(options.page, { server: mastodon.url, token: mastoMe.token, username: mastoUser });
  // X pages must open on X to be read (the bridge page offers a 30-minute pause; here: off).
  await options.page.evaluate(() =>
    chrome.runtime.sendMessage({ sortie: 1, name: 'settings.update', body: { links: { redirect: false } } }),
  );

  // X's following page, served for x.com, its emoji images for abs-0.twimg.com.
  const people = shuffled(cases).map((c) => c.person(dids));
  allowHosts('x.com', 'abs-0.twimg.com');
  await routeHost('x.com', (route) =>
    new URL(route.request().url()).pathname === '/mover_x/following'
      ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: followingPageHtml('mover_x', people) })
      : route.fulfill({ status: 404, body: '' }),
  );
  await routeHost('abs-0.twimg.com', (route) =>
    route.fulfill({
      contentType: 'image/svg+xml',
      body: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"/>',
    }),
  );
  // The user starts the collection from Sortie's page: the background opens the list and collects it.
  const bridge = await openPage('bridge.html');
  const b = bridge.page;
  await b.getByLabel('Your X handle').fill('mover_x');
  const [x] = await Promise.all([
    context.waitForEvent('page'),
    b.getByRole('button', { name: 'Collect the accounts mover_x follows' }).click(),
  ]);
  await x.setViewportSize({ width: 1000, height: 1400 });
  await expect(b.getByTestId('bridge-collected')).toHaveText(
    `Collected: ${people.length} X accounts, from 1 list(s).`,
    { timeout: 120_000 },
  );
  await x.close();

  // Look everyone up with both accounts.
  await b.reload();
  await expect(b.getByTestId('bridge-collected')).toHaveText(`Collected: ${people.length} X accounts, from 1 list(s).`);
  await b.getByRole('button', { name: 'Find matches' }).click();
  const run = b.getByTestId('bridge-run');
  await expect(run).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await expect(run).toContainText('Your Bluesky server offers no search');
  const entries = await readEntries(b);
  expect(entries).toHaveLength(people.length);

  // Precision per level, recall at each level and above, against the fixture's truth.
  const truth = new Map(cases.map((c) => [c.person(dids).handle.toLowerCase(), new Set(c.truth)]));
  const kindOf = new Map(cases.map((c) => [c.person(dids).handle.toLowerCase(), c.kind]));
  const totalTrue = [...truth.values()].reduce((n, s) => n + s.size, 0);
  const found = entries.flatMap((e) =>
    Object.values(e.matches).flatMap((m) =>
      m.candidates.map((c) => ({ x: e.key, c, right: truth.get(e.key)!.has(`${c.network}:${c.handle}`) })),
    ),
  );
  const rows: string[] = [
    '| level | predicted | correct | precision | recall (this level and above) |',
    '|---|---|---|---|---|',
  ];
  const metrics: Record<string, { precision: number; recall: number }> = {};
  let cumulative = 0;
  for (const level of LEVELS) {
    const at = found.filter((f) => f.c.confidence === level);
    const correct = at.filter((f) => f.right).length;
    cumulative += correct;
    metrics[level] = { precision: at.length ? correct / at.length : 1, recall: cumulative / totalTrue };
    rows.push(
      `| ${level} | ${at.length} | ${correct} | ${metrics[level]!.precision.toFixed(3)} | ${metrics[level]!.recall.toFixed(3)} |`,
    );
  }
  const missed = [...truth].flatMap(([xh, set]) =>
    [...set]
      .filter((t) => !found.some((f) => f.x === xh && `${f.c.network}:${f.c.handle}` === t))
      .map((t) => `${xh} (${kindOf.get(xh)}): ${t}`),
  );
  const wrongSure = found
    .filter((f) => f.c.confidence === 'sure' && !f.right)
    .map((f) => `${f.x} (${kindOf.get(f.x)}): ${f.c.handle}`);
  const report = [
    ...rows,
    '',
    `true accounts in the fixture: ${totalTrue}`,
    `wrong "sure": ${wrongSure.join('; ') || 'none'}`,
    `never found: ${missed.join('; ') || 'none'}`,
  ].join('\n');
  console.log(report);
  await testInfo.attach('bridge-precision-recall.md', { body: report, contentType: 'text/markdown' });
  expect(metrics.sure!.precision).toBeGreaterThanOrEqual(0.95);
  expect(metrics.sure!.recall).toBeGreaterThanOrEqual(0.6);
  // Impersonators: labelled or look-alike, never sure.
  expect(
    found.filter(
      (f) =>
        f.c.confidence === 'sure' &&
        f.c.evidence.some((e) => e.kind === 'impersonation-label' || e.kind === 'look-alike'),
    ),
  ).toEqual([]);
  expect(found.filter((f) => f.c.labels.includes('impersonation')).length).toBeGreaterThanOrEqual(10);

  // Nothing on the page is out of reach for assistive technology, results included.
  const { violations } = await new AxeBuilder({ page: b }).analyze();
  expect(
    violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  // Follow one likely match by hand, then every sure match at once.
  const likelyBluesky = found.find(
    (f) => f.c.confidence === 'likely' && f.c.network === 'bluesky' && f.c.follow === 'none',
  )!;
  await b.getByRole('radio', { name: /^Likely/ }).check();
  await b.getByRole('button', { name: `Follow @${likelyBluesky.c.handle}`, exact: true }).click();
  await expect(b.locator(`[data-testid="candidate"][data-handle="${likelyBluesky.c.handle}"]`)).toHaveAttribute(
    'data-follow',
    'following',
    { timeout: 30_000 },
  );
  await b.getByRole('radio', { name: /^Sure/ }).check();
  const sure = found.filter((f) => f.c.confidence === 'sure');
  const sureBluesky = new Set(sure.filter((f) => f.c.network === 'bluesky').map((f) => f.c.id));
  const sureMastodon = new Set(sure.filter((f) => f.c.network === 'mastodon').map((f) => f.c.id));
  const toFollow = sureBluesky.size + sureMastodon.size;
  await b.getByRole('button', { name: `Follow every sure match (${toFollow})` }).click();
  await expect(run).toContainText(`Follows: ${toFollow} of ${toFollow} done, ${toFollow} new. Finished.`, {
    timeout: 120_000,
  });
  await expect(run).toHaveAttribute('data-state', 'done');
  const agent = await pds.agentFor(me.did);
  const records = await agent.com.atproto.repo.listRecords({
    repo: me.did,
    collection: 'app.bsky.graph.follow',
    limit: 100,
  });
  const more = records.data.cursor
    ? (
        await agent.com.atproto.repo.listRecords({
          repo: me.did,
          collection: 'app.bsky.graph.follow',
          limit: 100,
          cursor: records.data.cursor,
        })
      ).data.records
    : [];
  expect(new Set([...records.data.records, ...more].map((r) => (r.value as { subject: string }).subject))).toEqual(
    new Set([...sureBluesky, likelyBluesky.c.id]),
  );
  expect(new Set(mastodon.state.follows.filter((f) => f.followerId === mastoMe.id).map((f) => f.targetId))).toEqual(
    sureMastodon,
  );
  await expect(b.locator('[data-testid="candidate"][data-confidence="sure"][data-follow="none"]')).toHaveCount(0);
  await expect(b.getByRole('button', { name: 'Follow every sure match (0)' })).toBeDisabled();

  // The Mastodon CSV, read as Mastodon's import reads it: a header naming known columns, then one resolvable address per row.
  const [csvDownload] = await Promise.all([
    b.waitForEvent('download'),
    b.getByRole('button', { name: 'Download Mastodon import (CSV)' }).click(),
  ]);
  const csv = await readFile((await csvDownload.path())!, 'utf8');
  const [header, ...lines] = csv.trimEnd().split('\n');
  expect(header!.split(',')).toEqual(['Account address', 'Show boosts']);
  const sureAccts = sure.filter((f) => f.c.network === 'mastodon').map((f) => f.c.handle);
  expect(lines.map((l) => l.split(','))).toEqual(uniqueBy(sureAccts, (a) => a).map((a) => [a, 'true']));
  const importer = mastodon.createAccount(uniqueName('importer'));
  for (const [acct] of lines.map((l) => l.split(','))) {
    const res = await fetch(
      `${mastodon.url}/api/v2/search?${new URLSearchParams({ q: acct!, resolve: 'true', type: 'accounts' })}`,
      { headers: { authorization: `Bearer ${importer.token}` } },
    );
    expect((await res.json()).accounts.map((a: { acct: string }) => a.acct)).toEqual([acct]);
  }
  const [txtDownload] = await Promise.all([
    b.waitForEvent('download'),
    b.getByRole('button', { name: 'Download Bluesky handles' }).click(),
  ]);
  expect((await readFile((await txtDownload.path())!, 'utf8')).trimEnd().split('\n').sort()).toEqual(
    uniqueBy(
      sure.filter((f) => f.c.network === 'bluesky').map((f) => f.c.handle),
      (h) => h,
    ).sort(),
  );

  // The dashboard counted them; the moved notice names the new accounts.
  const stats = b.getByTestId('bridge-stats');
  await expect(stats.locator('tr[data-stat="follows.followed"] td').last()).toHaveText(
    String(sureBluesky.size + sureMastodon.size + 1),
  );
  await expect(stats.locator('tr[data-stat="follows.found"] td').last()).not.toHaveText('0');
  await b.getByLabel('Language', { exact: true }).selectOption('fr');
  await b.getByLabel('To paste into', { exact: true }).selectOption('post');
  await expect(b.getByTestId('bridge-notice')).toHaveValue(
    new RegExp(`J’ai quitté X[\\s\\S]*@${me.handle.replace(/\./g, '\\.')}`),
  );
  expect(bridge.errors).toEqual([]);
});
