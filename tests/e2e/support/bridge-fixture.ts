/**
 * The people of the follow bridge's end-to-end tests (tests/e2e/journeys/bridge.spec.ts
 * in both browsers, tests/e2e/hostile/bridge-matches.spec.ts): their
 * Bluesky accounts made on the real PDS, with profiles, and the bridge's
 * stored entries read back from one of Sortie's pages.
 */
import { AtpAgent } from '@atproto/api';
import type { BskySpec } from '../fixtures/x-following-cases.ts';

export function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  return [...new Map(items.map((i) => [key(i), i])).values()];
}

export async function createBlueskyAccounts(service: string, specs: BskySpec[]): Promise<Map<string, string>> {
  const dids = new Map<string, string>();
  for (let i = 0; i < specs.length; i += 8) {
    await Promise.all(
      specs.slice(i, i + 8).map(async (spec) => {
        const agent = new AtpAgent({ service });
        const { data } = await agent.createAccount({
          handle: `${spec.local}.test`,
          password: `${spec.local}-pw`,
          email: `${spec.local}@example.com`,
        });
        dids.set(spec.local, data.did);
        const record: Record<string, unknown> = {
          $type: 'app.bsky.actor.profile',
          displayName: spec.displayName,
          description: spec.description,
        };
        // No AppView here: a moderation label cannot be applied, so the impersonation label is the profile's self-label.
        if (spec.impersonation)
          record.labels = { $type: 'com.atproto.label.defs#selfLabels', values: [{ val: 'impersonation' }] };
        await agent.com.atproto.repo.putRecord({
          repo: data.did,
          collection: 'app.bsky.actor.profile',
          rkey: 'self',
          record,
        });
      }),
    );
  }
  return dids;
}

/** The follow bridge's stored entries, read in one of Sortie's pages (an expression to evaluate there). */
export const BRIDGE_ENTRIES = `new Promise((resolve, reject) => {
  const open = indexedDB.open('sortie');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const req = open.result.transaction('follows').objectStore('follows').getAll();
    req.onsuccess = () => { resolve(req.result); open.result.close(); };
    req.onerror = () => reject(req.error);
  };
})`;
