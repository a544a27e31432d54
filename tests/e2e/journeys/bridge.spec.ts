/**
 * The follow bridge in both browsers. The whole way: 161 people collected
 * from X's stand-in following page by the collector the user starts,
 * matched against accounts on the real PDS and the Mastodon test server,
 * precision and recall per confidence level measured against the fixture's
 * truth (reported, and held to floors), a likely match followed by hand and
 * every sure one at once, the Mastodon CSV and the Bluesky handles saved,
 * the dashboard's counts and the moved notice. And the attacks on its
 * discretion: X's own page scripts looking for Sortie's elements on a follow
 * list, and having Sortie collect without the user, or more than a
 * collection may hold; each fails if the attack works.
 */
import { AtpAgent } from '@atproto/api';
import type { BridgeEntry, Confidence } from '../../../lib/model/bridge.ts';
import {
  followingCases,
  SHARED_BLUESKY,
  SHARED_MASTODON,
  shuffled,
  type MastoSpec,
} from '../fixtures/x-following-cases.ts';
import { followingPageHtml, type XPerson } from '../fixtures/x-following-page.ts';
import { BRIDGE_ENTRIES, createBlueskyAccounts, uniqueBy } from '../support/bridge-fixture.ts';
import { allRecords } from '../support/pds-records.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { startMastodonServer } from '../../servers/mastodon/index.ts';
import type { MastodonTestServer } from '../../servers/mastodon/types.ts';
import { startTestPds, type TestPds } from '../../servers/pds.ts';
import { expect, test, type JourneyBrowser, type Tab } from '../support/journey.ts';
import { uniqueName } from '../support/servers.ts';
import { connectBlueskyAccount, connectMastodonWithToken } from './steps.ts';

const PEOPLE: XPerson[] = Array.from({ length: 30 }, (_, i) => ({
  handle: `person_${i}`,
  name: `Person ${i}`,
  bio: `Bio ${i}`,
}));

/** The follow bridge's stored accounts: how many, their characters, the biggest one's. */
const STORED = `new Promise((resolve, reject) => {
  const open = indexedDB.open('sortie');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const req = open.result.transaction('follows').objectStore('follows').getAll();
    req.onsuccess = () => {
      const sizes = req.result.map((e) => JSON.stringify(e.x).length);
      resolve({ count: sizes.length, chars: sizes.reduce((a, b) => a + b, 0), biggest: Math.max(0, ...sizes) });
      open.result.close();
    };
    req.onerror = () => reject(req.error);
  };
})`;
type Stored = { count: number; chars: number; biggest: number };

/** X's stand-in serves follow lists; the link rules are off, so x.com opens as itself. */
async function serveFollowLists(
  journey: JourneyBrowser,
  allowHosts: (...hosts: string[]) => void,
  people: XPerson[] = PEOPLE,
): Promise<Tab> {
  allowHosts('x.com', 'abs-0.twimg.com');
  const options = await journey.openPage('options.html');
  await options.evaluate(
    `chrome.runtime.sendMessage({ sortie: 1, name: 'settings.update', body: { links: { redirect: false } } })`,
  );
  await journey.serveHttps('x.com', ({ path }) =>
    /^\/\w+\/following$/.test(path)
      ? { status: 200, type: 'text/html; charset=utf-8', body: followingPageHtml(path.split('/')[1]!, people) }
      : { status: 404, type: 'text/plain', body: '' },
  );
  await journey.serveHttps('abs-0.twimg.com', () => ({
    status: 200,
    type: 'image/svg+xml',
    body: '<svg xmlns="http://www.w3.org/2000/svg"/>',
  }));
  return options;
}

/**
 * Waits, with X's tab in front, until Sortie's collector there says it reached the end of the
 * list (its panel, in a closed shadow root, read as Sortie's content script can). Leaving the tab
 * as soon as the page is scrolled to the bottom left the collector waiting for it on a loaded machine.
 */
async function collectorAtEnd(x: Tab): Promise<void> {
  const panel = `(() => {
    const host = document.querySelector('sortie-bridge');
    const root = host && (globalThis.chrome?.dom?.openOrClosedShadowRoot ? chrome.dom.openOrClosedShadowRoot(host) : host.openOrClosedShadowRoot);
    return root?.querySelector('[data-testid="sortie-bridge-count"]')?.textContent ?? '';
  })()`;
  await expect
    .poll(() => x.asContentScript<string>(panel), { timeout: 120_000, intervals: [500] })
    .toContain('End of the list.');
}

test("X's page finds no Sortie element on a follow list, and nothing is collected without the user's start", async ({
  journey,
  allowHosts,
}) => {
  const options = await serveFollowLists(journey, allowHosts);
  const x = await journey.newTab('https://x.com/mover_x/following');
  await x.waitFor(`document.querySelectorAll('[data-testid="UserCell"]').length > 0`);
  // X's own script, in the page's main world: it looks for Sortie for a while, scrolling as a reader would.
  const found = await x.evaluate<string[]>(`(async () => {
    const seen = new Set();
    for (let i = 0; i < 20; i++) {
      for (const el of document.querySelectorAll('*'))
        if (el.tagName.toLowerCase().startsWith('sortie') || el.id.startsWith('sortie')) seen.add(el.tagName);
      window.scrollBy(0, 400);
      await new Promise((r) => setTimeout(r, 150));
    }
    return [...seen];
  })()`);
  expect(found).toEqual([]);
  expect((await options.evaluate<Stored>(STORED)).count).toBe(0);
});

test('a collection the user started is bounded: X cannot fill storage with endless or fat profiles, nor feed it from another tab', async ({
  journey,
  allowHosts,
}) => {
  test.setTimeout(180_000);
  await serveFollowLists(journey, allowHosts);
  // Another X tab, never started: whatever its page makes the extension world say is refused.
  const other = await journey.newTab('https://x.com/someone_else/following');

  const bridge = await journey.openPage('bridge.html');
  await bridge.fill('Your X handle', 'mover_x');
  await bridge.click('Collect the accounts mover_x follows');
  const x = await journey.waitForTab(/^https:\/\/x\.com\/mover_x\/following/);
  // With its tab in front (a browser draws no list in a background tab), the collector reads the whole list.
  await collectorAtEnd(x);
  await bridge.waitFor(
    `document.querySelector('[data-testid="bridge-collected"]')?.textContent === 'Collected: ${PEOPLE.length} X accounts, from 1 list(s).'`,
    30_000,
  );
  // The panel lives in a closed shadow root: X's script sees an empty host at most.
  expect(
    await x.evaluate<number>(
      `[...document.querySelectorAll('*')].filter((e) => e.shadowRoot !== null && e.tagName.toLowerCase().startsWith('sortie')).length`,
    ),
  ).toBe(0);

  // Now X's page makes the started collector hand over fat profiles (the message shape's maxima), then endless ones.
  const fat = (i: number) => ({
    handle: `fat_${i}`,
    displayName: 'N'.repeat(200),
    bio: 'B'.repeat(2_000),
    links: Array.from({ length: 20 }, (_, j) => `https://e.example/${j}/${'l'.repeat(1_900)}`),
    website: `https://w.example/${'w'.repeat(1_900)}`,
  });
  const thin = (i: number) => ({ handle: `thin_${i}`, displayName: 'T', bio: '', links: [], website: null });
  const sendBatches = (tab: Tab, from: number, to: number, make: (i: number) => object) =>
    tab.asContentScript<number>(`(async () => {
      let refused = 0;
      const make = ${make.toString()};
      for (let start = ${from}; start < ${to}; start += 100) {
        const profiles = Array.from({ length: 100 }, (_, k) => make(start + k));
        const reply = await chrome.runtime.sendMessage({ sortie: 1, name: 'bridge.collect', body: { source: 'following:mover_x', mode: 'collect', profiles } });
        if (!reply || !reply.ok) refused++;
      }
      return refused;
    })()`);
  await sendBatches(x, 0, 200, fat);
  await sendBatches(x, 0, 6_000, thin);
  const stored = await bridge.evaluate<Stored>(STORED);
  expect(stored.count).toBeLessThanOrEqual(5_000);
  expect(stored.biggest).toBeLessThanOrEqual(4_000);
  expect(stored.chars).toBeLessThanOrEqual(4_000_000);

  // The other tab was never started: all it sends is refused (no Sortie world there at all is the strongest refusal).
  const refused = await sendBatches(other, 10_000, 10_200, thin).catch((error: Error) =>
    /world not found|no content script/.test(error.message) ? 2 : Promise.reject(error),
  );
  expect(refused).toBe(2);
  expect((await bridge.evaluate<Stored>(STORED)).count).toBe(stored.count);
});

test('161 X accounts collected, matched on the real PDS and the Mastodon server, precision and recall measured, a likely match and every sure one followed, the exports saved, the moved notice written', async ({
  journey,
  allowHosts,
}) => {
  test.setTimeout(360_000);
  // Servers of its own: the people's handles are fixed, and the other project's run makes the same ones.
  const pds = await startTestPds();
  const mastodon = await startMastodonServer();
  try {
    await followBridgeWholeWay(journey, allowHosts, pds, mastodon);
  } finally {
    await mastodon.close();
    await pds.close();
  }
});

async function followBridgeWholeWay(
  journey: JourneyBrowser,
  allowHosts: (...hosts: string[]) => void,
  pds: TestPds,
  mastodon: MastodonTestServer,
): Promise<void> {
  const cases = followingCases();
  // Everyone's accounts on the real servers, then the user's own.
  const bskySpecs = uniqueBy([...SHARED_BLUESKY, ...cases.flatMap((c) => c.bluesky)], (s) => s.local);
  const dids = await createBlueskyAccounts(pds.url, bskySpecs);
  const mastoSpecs: MastoSpec[] = uniqueBy([...SHARED_MASTODON, ...cases.flatMap((c) => c.mastodon)], (s) => s.acct);
  for (const s of mastoSpecs)
    mastodon.addRemoteAccount(s.acct, { display_name: s.displayName, note: s.note, fetched: s.fetched });
  const me = await connectBlueskyAccount(journey, pds, 'mover');
  const mastoMe = await connectMastodonWithToken(journey, mastodon, 'mover');
  const people = shuffled(cases).map((c) => c.person(dids));
  await serveFollowLists(journey, allowHosts, people);

  // The user starts the collection from Sortie's page: the background opens the list and collects it.
  const bridge = await journey.openPage('bridge.html');
  await bridge.fill('Your X handle', 'mover_x');
  await bridge.click('Collect the accounts mover_x follows');
  const x = await journey.waitForTab(/^https:\/\/x\.com\/mover_x\/following/);
  // The user looks at Sortie's page for a while mid-list: X draws no rows in a background tab, and
  // the collector waits for its tab to be in front again instead of taking the list as read.
  await x.waitFor(`scrollY > 2000`, 60_000);
  await bridge.waitFor(`document.querySelector('[data-testid="bridge-collected"]') !== null`);
  await new Promise((r) => setTimeout(r, 35_000));
  await collectorAtEnd(x);
  const collected = `Collected: ${people.length} X accounts, from 1 list(s).`;
  await bridge.waitFor(
    `document.querySelector('[data-testid="bridge-collected"]')?.textContent.trim() === ${JSON.stringify(collected)}`,
    30_000,
  );
  await x.close();

  // Look everyone up with both accounts.
  await bridge.goto(`${journey.extensionOrigin}/bridge.html`);
  await bridge.click('Find matches');
  const run = `document.querySelector('[data-testid="bridge-run"]')`;
  await bridge.waitFor(`${run}?.dataset.state === 'done'`, 240_000);
  expect(await bridge.evaluate<string>(`${run}?.textContent`)).toContain('Your Bluesky server offers no search');
  const entries = await bridge.evaluate<BridgeEntry[]>(BRIDGE_ENTRIES);
  expect(entries).toHaveLength(people.length);

  // Precision per level, recall at each level and above, against the fixture's truth.
  const truth = new Map(cases.map((c) => [c.person(dids).handle.toLowerCase(), new Set(c.truth)]));
  const kindOf = new Map(cases.map((c) => [c.person(dids).handle.toLowerCase(), c.kind]));
  const totalTrue = [...truth.values()].reduce((n, set) => n + set.size, 0);
  const found = entries.flatMap((e) =>
    Object.values(e.matches).flatMap((m) =>
      m.candidates.map((c) => ({ x: e.key, c, right: truth.get(e.key)!.has(`${c.network}:${c.handle}`) })),
    ),
  );
  const rows = ['| level | predicted | correct | precision | recall (this level and above) |', '|---|---|---|---|---|'];
  const metrics: Partial<Record<Confidence, { precision: number; recall: number }>> = {};
  let cumulative = 0;
  for (const level of ['sure', 'likely', 'unsure'] as const) {
    const at = found.filter((f) => f.c.confidence === level);
    const correct = at.filter((f) => f.right).length;
    cumulative += correct;
    const m = { precision: at.length ? correct / at.length : 1, recall: cumulative / totalTrue };
    metrics[level] = m;
    rows.push(`| ${level} | ${at.length} | ${correct} | ${m.precision.toFixed(3)} | ${m.recall.toFixed(3)} |`);
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
  console.log(`follow bridge (${journey.kind}):\n${report}`);
  await test
    .info()
    .attach(`bridge-precision-recall-${journey.kind}.md`, { body: report, contentType: 'text/markdown' });
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
  const sure = found.filter((f) => f.c.confidence === 'sure');
  await expectNoAxeViolations(bridge, 'the results of 161 people');

  // One likely match followed by hand, then every sure match at once.
  const likely = found.find((f) => f.c.confidence === 'likely' && f.c.network === 'bluesky' && f.c.follow === 'none')!;
  const candidate = (handle: string) => `document.querySelector('[data-testid="candidate"][data-handle="${handle}"]')`;
  await bridge.check('Likely');
  await bridge.click(`Follow @${likely.c.handle}`);
  await bridge.waitFor(`${candidate(likely.c.handle)}?.dataset.follow === 'following'`, 30_000);
  const sureBluesky = new Set(sure.filter((f) => f.c.network === 'bluesky').map((f) => f.c.id));
  const sureMastodon = new Set(sure.filter((f) => f.c.network === 'mastodon').map((f) => f.c.id));
  const toFollow = sureBluesky.size + sureMastodon.size;
  expect(toFollow).toBeGreaterThan(0);
  await bridge.check('Sure');
  await bridge.click(`Follow every sure match (${toFollow})`);
  await bridge.waitFor(
    `${run}?.textContent.includes(${JSON.stringify(`Follows: ${toFollow} of ${toFollow} done, ${toFollow} new. Finished.`)})`,
    120_000,
  );
  const agent = await pds.agentFor(me.did);
  const follows = (await allRecords<{ value: { subject: string } }>(agent, me.did, 'app.bsky.graph.follow')).map(
    (r) => r.value.subject,
  );
  expect(new Set(follows)).toEqual(new Set([...sureBluesky, likely.c.id]));
  expect(new Set(mastodon.state.follows.filter((f) => f.followerId === mastoMe.id).map((f) => f.targetId))).toEqual(
    sureMastodon,
  );
  expect(
    await bridge.evaluate<number>(
      `document.querySelectorAll('[data-testid="candidate"][data-confidence="sure"][data-follow="none"]').length`,
    ),
  ).toBe(0);
  expect(
    await bridge.evaluate<boolean>(
      `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Follow every sure match (0)')?.disabled`,
    ),
  ).toBe(true);

  // The Mastodon CSV, saved by the browser and read as Mastodon's import reads it: a header naming
  // known columns, then one address per row, each resolvable on the server.
  await bridge.click('Download Mastodon import (CSV)');
  let csv: string | undefined;
  await expect
    .poll(async () => (csv = (await journey.downloads()).find((d) => d.name.endsWith('.csv'))?.text), {
      timeout: 15_000,
    })
    .toBeTruthy();
  const [header, ...lines] = csv!.trimEnd().split('\n');
  expect(header!.split(',')).toEqual(['Account address', 'Show boosts']);
  const sureAccts = uniqueBy(
    sure.filter((f) => f.c.network === 'mastodon').map((f) => f.c.handle),
    (h) => h,
  );
  expect(lines.map((l) => l.split(','))).toEqual(sureAccts.map((a) => [a, 'true']));
  const importer = mastodon.createAccount(uniqueName('importer'));
  for (const [acct] of lines.map((l) => l.split(','))) {
    const res = await fetch(
      `${mastodon.url}/api/v2/search?${new URLSearchParams({ q: acct!, resolve: 'true', type: 'accounts' })}`,
      { headers: { authorization: `Bearer ${importer.token}` } },
    );
    expect(((await res.json()) as { accounts: { acct: string }[] }).accounts.map((a) => a.acct)).toEqual([acct]);
  }
  await bridge.click('Download Bluesky handles');
  let handles: string | undefined;
  await expect
    .poll(async () => (handles = (await journey.downloads()).find((d) => d.name.endsWith('.txt'))?.text), {
      timeout: 15_000,
    })
    .toBeTruthy();
  expect(handles!.trimEnd().split('\n').sort()).toEqual(
    uniqueBy(
      sure.filter((f) => f.c.network === 'bluesky').map((f) => f.c.handle),
      (h) => h,
    ).sort(),
  );

  // The dashboard counted them; the moved notice, in French for a post, names the new account.
  const stat = (name: string) =>
    bridge.evaluate<string>(
      `[...document.querySelectorAll('[data-testid="bridge-stats"] tr[data-stat="${name}"] td')].at(-1)?.textContent.trim()`,
    );
  expect(await stat('follows.followed')).toBe(String(toFollow + 1));
  expect(await stat('follows.found')).not.toBe('0');
  await bridge.select('Language', 'fr');
  await bridge.select('To paste into', 'post');
  await expect
    .poll(() => bridge.evaluate<string>(`document.querySelector('[data-testid="bridge-notice"]')?.value`))
    .toMatch(new RegExp(`J’ai quitté X[\\s\\S]*@${me.handle.replace(/\./g, '\\.')}`));
}

/** A Bluesky account on the PDS with this profile; its DID. */
async function makeAccount(service: string, local: string, displayName: string, description: string): Promise<string> {
  const agent = new AtpAgent({ service });
  const { data } = await agent.createAccount({
    handle: `${local}.test`,
    password: `${local}-pw`,
    email: `${local}@example.com`,
  });
  await agent.com.atproto.repo.putRecord({
    repo: data.did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: { $type: 'app.bsky.actor.profile', displayName, description },
  });
  return data.did;
}

/**
 * X profile text (anyone's on x.com) and accounts anyone can make on Bluesky try to have Sortie
 * follow the wrong people in the user's name, or drop what the person wrote: an X bio naming an
 * organisation as an employer with a Bluesky cue must not make it "sure"; a parody with the same
 * handle and name must be unsure, its bio and the evidence against it shown; a fediverse address
 * written in a bio must be listed, not verified, never "Nothing found". The X profiles are put in
 * the bridge's store as the collector stores what x.com shows.
 */
test('hostile X bios and look-alike accounts: no employer or parody followed, written addresses listed', async ({
  journey,
  pds,
}) => {
  test.setTimeout(120_000);
  const u = uniqueName('h');
  const orgLocal = `orga${u}`;
  const orgDid = await makeAccount(pds.url, orgLocal, 'Orga Climat', 'Association pour le climat. Compte officiel.');
  // The same handle as the X account below (X's `_` is `-` on Bluesky), the same name.
  const parodyDid = await makeAccount(pds.url, `cam-${u}`, 'Camille Roux', 'Compte parodique — pas la vraie 😉');
  const me = await connectBlueskyAccount(journey, pds, 'mover');

  const people: XPerson[] = [
    { handle: `comms_${u}`, name: 'Camille Martin', bio: `Chargée de com' pour 🦋 ${orgLocal}.test` },
    { handle: `cam_${u}`, name: 'Camille Roux', bio: 'Militante, Lyon' },
    { handle: `fedi_${u}`, name: 'Noa Fedi', bio: '🐘 @noa@tiny.example' },
  ];
  const now = Date.now();
  const entries: BridgeEntry[] = people.map((p, i) => ({
    key: p.handle.toLowerCase(),
    x: { handle: p.handle, displayName: p.name, bio: p.bio, links: [], website: null },
    sources: ['following:mover_x'],
    collectedAt: now,
    seq: i,
    updatedAt: now,
    matches: {},
  }));
  const bridge = await journey.openPage('bridge.html');
  await bridge.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('sortie');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('follows', 'readwrite');
      for (const row of ${JSON.stringify(entries)}) tx.objectStore('follows').put(row);
      tx.oncomplete = () => { open.result.close(); resolve(true); };
      tx.onerror = () => reject(tx.error);
    };
  })`);
  await bridge.goto(`${journey.extensionOrigin}/bridge.html`);
  const collected = `document.querySelector('[data-testid="bridge-collected"]')?.textContent ?? ''`;
  await bridge.waitFor(`(${collected}).includes('Collected: 3 X accounts')`);
  await bridge.click('Find matches');
  const run = `document.querySelector('[data-testid="bridge-run"]')`;
  await bridge.waitFor(`${run}?.dataset.state === 'done'`, 60_000);

  // The user trusts the one-click bulk follow: whatever it offers is followed.
  const followAll = `[...document.querySelectorAll('button')].find((b) => b.textContent.trim().startsWith('Follow every sure match'))`;
  if (await bridge.evaluate<boolean>(`!${followAll}?.disabled`)) {
    await bridge.click(/^Follow every sure match/);
    await bridge.waitFor(`${run}?.dataset.kind === 'follow' && ${run}?.dataset.state === 'done'`, 30_000);
  }
  // The attack worked if the employer or the parody was followed in the user's name.
  const agent = await pds.agentFor(me.did);
  const subjects = (await allRecords<{ value: { subject: string } }>(agent, me.did, 'app.bsky.graph.follow')).map(
    (r) => r.value.subject,
  );
  expect(subjects).not.toContain(orgDid);
  expect(subjects).not.toContain(parodyDid);

  await bridge.check('Everything');
  const candidate = (handle: string) => `document.querySelector('[data-testid="candidate"][data-handle="${handle}"]')`;
  const inside = (handle: string, testId: string) =>
    bridge.evaluate<string>(`${candidate(handle)}?.querySelector('[data-testid="${testId}"]')?.textContent ?? ''`);
  await bridge.waitFor(`${candidate(`${orgLocal}.test`)} !== null`);
  expect(await bridge.evaluate<string>(`${candidate(`${orgLocal}.test`)}.dataset.confidence`)).toBe('unsure');
  expect(await inside(`${orgLocal}.test`, 'evidence-against')).toContain('not as theirs');
  expect(await bridge.evaluate<string>(`${candidate(`cam-${u}.test`)}?.dataset.confidence`)).toBe('unsure');
  expect((await inside(`cam-${u}.test`, 'candidate-bio')).trim()).toBe('Compte parodique — pas la vraie 😉');
  expect(await inside(`cam-${u}.test`, 'evidence-against')).toContain('Its own profile says it is not them');

  // The address the X bio wrote is listed, not verified, not "Nothing found".
  const row = `document.querySelector('[data-testid="bridge-row"][data-x="fedi_${u}"]')`;
  expect(
    await bridge.evaluate<Record<string, string>>(
      `({ ...${row}?.querySelector('[data-testid="written-address"]')?.dataset })`,
    ),
  ).toMatchObject({ handle: 'noa@tiny.example', reason: 'no-account' });
  expect(await bridge.evaluate<string>(`${row}?.textContent`)).not.toContain('Nothing found.');

  // The accounts picked stay picked across a reload.
  await bridge.select('Look up on Bluesky with', '');
  await bridge.goto(`${journey.extensionOrigin}/bridge.html`);
  await bridge.waitFor(`(${collected}).includes('Collected: 3 X accounts')`);
  expect(
    await bridge.evaluate<string>(
      `[...document.querySelectorAll('select')].find((s) => s.labels?.[0]?.textContent.includes('Look up on Bluesky with'))?.value`,
    ),
  ).toBe('');
});
