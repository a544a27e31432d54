/**
 * What Sortie keeps in a profile, read from inside one of its pages: row
 * counts per IndexedDB store, extension storage, alarms and rules. Self-
 * contained (only the page's globals), so any driver can run its source:
 * Playwright's evaluate, or the journey fixture's Tab.evaluate through
 * callInPage (support/bulk.ts).
 */

/** The extension API inside an extension page, in either browser. */
declare const chrome: {
  storage: { local: { get(keys: null): Promise<object> }; session: { get(keys: null): Promise<object> } };
  alarms: { getAll(): Promise<unknown[]> };
  declarativeNetRequest: { getDynamicRules(): Promise<unknown[]> };
};

export interface StoredState {
  counts: Record<string, number>;
  local: object;
  session: object;
  alarms: unknown[];
  rules: unknown[];
}

export async function storedStateInPage(): Promise<StoredState> {
  const counts: Record<string, number> = {};
  // Never open a database that does not exist: that would create an empty one at version 1.
  if ((await indexedDB.databases()).some((d) => d.name === 'sortie')) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sortie');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const name of Array.from(db.objectStoreNames)) {
      counts[name] = await new Promise<number>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    db.close();
  }
  return {
    counts,
    local: await chrome.storage.local.get(null),
    session: await chrome.storage.session.get(null),
    alarms: await chrome.alarms.getAll(),
    rules: await chrome.declarativeNetRequest.getDynamicRules(),
  };
}
