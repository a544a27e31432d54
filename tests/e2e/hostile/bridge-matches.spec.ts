/**
 * Attack: X profile text (written by anyone on x.com) and accounts anyone can
 * make on Bluesky try to get Sortie to follow the wrong people in the user's
 * name, or to drop what the person wrote.
 *
 *  - An X bio names an organisation's account with a Bluesky cue but as an
 *    employer ("Chargée de com' pour 🦋 orga.test"): before, the
 *    organisation became a "sure" match and "Follow every sure match"
 *    followed it. It must not be sure, and the bulk follow must not reach it.
 *  - A parody account with the X person's handle and name ("Compte
 *    parodique — pas la vraie"): it must be unsure, with its bio and the
 *    evidence against it on the page.
 *  - A fediverse address written in an X bio, with only a Bluesky account:
 *    it must be listed (not "Nothing found"), marked as not verified yet.
 *
 * The X profiles are put in the bridge's store as the collector stores what
 * x.com shows (the collection steps themselves are covered by journeys/bridge.spec.ts);
 * the accounts are real ones on the test PDS, looked up by the built
 * extension.
 */
import { AtpAgent } from '@atproto/api';
import type { BridgeEntry, XProfile } from '../../../lib/model/bridge.ts';
import { expect, test, uniqueName } from '../support/servers.ts';
import { connectBluesky } from '../support/ui.ts';

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

test('hostile X bios and look-alike accounts: no employer or parody followed, written addresses listed', async ({
  openPage,
  pds,
}) => {
  test.setTimeout(120_000);
  const u = uniqueName('h');
  const me = await pds.createUser(uniqueName('mover'));
  const orgLocal = `orga${u}`;
  const orgDid = await makeAccount(pds.url, orgLocal, 'Orga Climat', 'Association pour le climat. Compte officiel.');
  // The same handle as the X account below (X's `_` is `-` on Bluesky), the same name.
  const parodyDid = await makeAccount(pds.url, `cam-${u}`, 'Camille Roux', 'Compte parodique — pas la vraie 😉');

  const options = await openPage('options.html');
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });

  const bridge = await openPage('bridge.html');
  const b = bridge.page;
  const people: XProfile[] = [
    {
      handle: `comms_${u}`,
      displayName: 'Camille Martin',
      bio: `Chargée de com' pour 🦋 ${orgLocal}.test`,
      links: [],
      website: null,
    },
    { handle: `cam_${u}`, displayName: 'Camille Roux', bio: 'Militante, Lyon', links: [], website: null },
    { handle: `fedi_${u}`, displayName: 'Noa Fedi', bio: `🐘 @noa@tiny.example`, links: [], website: null },
  ];
  const now = Date.now();
  const entries: BridgeEntry[] = people.map((x, i) => ({
    key: x.handle.toLowerCase(),
    x,
    sources: ['following:mover_x'],
    collectedAt: now,
    seq: i,
    updatedAt: now,
    matches: {},
  }));
  await b.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('sortie');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('follows', 'readwrite');
          for (const row of rows) tx.objectStore('follows').put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    entries,
  );
  await b.reload();
  await expect(b.getByTestId('bridge-collected')).toContainText('Collected: 3 X accounts');
  await b.getByRole('button', { name: 'Find matches' }).click();
  await expect(b.getByTestId('bridge-run')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  // The user trusts the one-click bulk follow: whatever it offers is followed.
  const run = b.getByTestId('bridge-run');
  const followAll = b.getByRole('button', { name: /^Follow every sure match/ });
  if (await followAll.isEnabled()) {
    await followAll.click();
    await expect(run).toHaveAttribute('data-kind', 'follow');
    await expect(run).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  }
  // The attack worked if the employer or the parody was followed in the user's name.
  const agent = await pds.agentFor(me.did);
  const follows = await agent.com.atproto.repo.listRecords({
    repo: me.did,
    collection: 'app.bsky.graph.follow',
    limit: 100,
  });
  const subjects = follows.data.records.map((r) => (r.value as { subject: string }).subject);
  expect(subjects).not.toContain(orgDid);
  expect(subjects).not.toContain(parodyDid);

  await b.getByRole('radio', { name: /^Everything/ }).check();
  const org = b.locator(`[data-testid="candidate"][data-handle="${orgLocal}.test"]`);
  await expect(org).toHaveAttribute('data-confidence', 'unsure');
  await expect(org.getByTestId('evidence-against')).toContainText('not as theirs');

  const parody = b.locator(`[data-testid="candidate"][data-handle="cam-${u}.test"]`);
  await expect(parody).toHaveAttribute('data-confidence', 'unsure');
  await expect(parody.getByTestId('candidate-bio')).toHaveText('Compte parodique — pas la vraie 😉');
  await expect(parody.getByTestId('evidence-against')).toContainText('Its own profile says it is not them');

  // The address the X bio wrote is listed, not verified, not "Nothing found".
  const row = b.locator(`[data-testid="bridge-row"][data-x="fedi_${u}"]`);
  await expect(row.getByTestId('written-address')).toHaveAttribute('data-handle', 'noa@tiny.example');
  await expect(row.getByTestId('written-address')).toHaveAttribute('data-reason', 'no-account');
  await expect(row).not.toContainText('Nothing found.');

  // The accounts picked stay picked across a reload.
  const withBluesky = b.getByLabel('Look up on Bluesky with');
  await withBluesky.selectOption('');
  await b.reload();
  await expect(b.getByTestId('bridge-collected')).toContainText('Collected: 3 X accounts');
  await expect(withBluesky).toHaveValue('');
  expect(bridge.errors).toEqual([]);
});
