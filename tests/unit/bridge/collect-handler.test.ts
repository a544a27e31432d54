/**
 * The background's side of a collection run: only the tab the user started
 * a collection in, for that list, may hand over profiles; they are trimmed
 * and the run stops at its caps.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { COLLECT_LIMITS } from '../../../lib/bridge/collect-limits.ts';
import { createBridgeHandlers } from '../../../lib/bridge/background/handlers.ts';
import { listEntries } from '../../../lib/bridge/store.ts';
import { openSortieDb } from '../../../lib/db.ts';
import type { EngineClient } from '../../../lib/messaging/engine-client.ts';
import type { HandlerContext } from '../../../lib/messaging/router.ts';

/** Collecting never needs the engine: any call to it fails the test. */
const engine: EngineClient = {
  call: () => Promise.reject(new Error('the engine was called')),
  close: () => Promise.reject(new Error('the engine was closed')),
  closeWhenUnused: () => {
    throw new Error('the engine was closed');
  },
  markDrainEnded: () => undefined,
};

const profile = (handle: string, bio = '') => ({ handle, displayName: handle, bio, links: [], website: null });
const content = (tabId: number | undefined): HandlerContext => ({
  sender: 'content',
  tabId,
  url: 'https://x.com/someone/following',
});

async function started(tabId: number, source: string, tally = { profiles: 0, chars: 0 }) {
  await fakeBrowser.storage.session.set({ 'sortie.bridgeCollect': { tabId, source, tally } });
  return createBridgeHandlers({ db: openSortieDb, engine })['bridge.collect'];
}

describe('bridge.collect', () => {
  it.each([
    ['no run started', null, 7, 'following:me'],
    ['another tab', 8, 7, 'following:me'],
    ['another list in the started tab', 7, 7, 'followers:me'],
    ['no tab at all', 7, undefined, 'following:me'],
  ])('refuses %s', async (_, runTab, senderTab, source) => {
    const collect =
      runTab === null
        ? createBridgeHandlers({ db: openSortieDb, engine })['bridge.collect']
        : await started(runTab, 'following:me');
    await expect(
      Promise.resolve(collect({ source, mode: 'collect', profiles: [profile('ana')] }, content(senderTab))),
    ).rejects.toMatchObject({
      messageKey: 'error.forbiddenSender',
    });
    expect(await listEntries(await openSortieDb())).toEqual([]);
  });

  it('stores trimmed profiles from the started tab, and says when the run is full', async () => {
    const collect = await started(7, 'following:me', { profiles: COLLECT_LIMITS.profilesPerRun - 1, chars: 0 });
    const result = await collect(
      { source: 'following:me', mode: 'collect', profiles: [profile('ana', 'B'.repeat(2_000)), profile('bob')] },
      content(7),
    );
    expect(result).toEqual({ stored: 1, total: 1, full: true });
    const [ana] = await listEntries(await openSortieDb());
    expect(ana?.x.bio).toHaveLength(COLLECT_LIMITS.bio);
    expect(await collect({ source: 'following:me', mode: 'collect', profiles: [profile('carl')] }, content(7))).toEqual(
      { stored: 0, total: 1, full: true },
    );
  });
});
