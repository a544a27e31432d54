/**
 * Queues many posts the way the composer does (save the draft in IndexedDB,
 * then ask the background to enqueue it), from inside an extension page.
 * Used where clicking the composer 50 times would only slow the test down.
 */
import type { Page } from '@playwright/test';

/** The extension API inside page.evaluate (code that runs in an extension page). */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<any> } };

export interface BulkPost {
  text: string;
  targets: string[];
  images: number;
  /** ISO time to send at (the composer's "Send at"); none: now. */
  scheduledAt?: string;
}

/**
 * The queueing itself, run inside an extension page. Self-contained (no
 * module scope, only the page's globals) so any driver can run its source:
 * Playwright's evaluate here, a script file in Firefox's bench page
 * (bench/firefox-queue.ts), where Marionette cannot evaluate a function.
 */
export async function enqueueInPage(items: BulkPost[]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('sortie');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const put = (store: string, value: unknown) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      tx.objectStore(store).put(value);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  for (const [i, item] of items.entries()) {
    const images = [];
    for (let k = 0; k < item.images; k++) {
      const canvas = new OffscreenCanvas(64, 48);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = `hsl(${(i * 40 + k * 90) % 360} 70% 50%)`;
      ctx.fillRect(0, 0, 64, 48);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const mediaId = crypto.randomUUID();
      await put('media', { id: mediaId, blob, mime: 'image/png', createdAt: Date.now() });
      images.push({
        mediaId,
        alt: `Picture ${k + 1} of post ${i}`,
        mime: 'image/png',
        width: 64,
        height: 48,
        size: blob.size,
      });
    }
    const now = Date.now();
    const draft = {
      id: crypto.randomUUID(),
      text: item.text,
      overrides: {},
      images,
      contentWarning: '',
      sensitive: false,
      labels: [],
      langs: ['fr'],
      visibility: 'public',
      poll: null,
      numbering: false,
      replyTo: {},
      scheduledAt: item.scheduledAt ?? null,
      interaction: { reply: 'everyone', allowQuotes: true },
      targets: item.targets,
      createdAt: now,
      updatedAt: now,
    };
    await put('drafts', draft);
    const reply = await chrome.runtime.sendMessage({
      sortie: 1,
      name: 'outbox.enqueue',
      body: { draftId: draft.id },
    });
    if (!reply?.ok) throw new Error(`enqueue failed: ${JSON.stringify(reply)}`);
  }
  db.close();
}

export async function enqueuePosts(page: Page, posts: BulkPost[]): Promise<void> {
  await page.evaluate(enqueueInPage, posts);
}

export interface StoredJob {
  id: string;
  postId: string;
  accountId: string;
  network: 'mastodon' | 'bluesky';
  partIndex: number;
  partCount: number;
  text: string;
  state: string;
  idempotencyKey: string;
  result: { id: string; cid?: string; url: string } | null;
  lastError: unknown;
}

/** Every job in the outbox, run inside an extension page (self-contained, as enqueueInPage). */
export async function storedJobsInPage(): Promise<StoredJob[]> {
  const reply = await chrome.runtime.sendMessage({ sortie: 1, name: 'outbox.list', body: { limit: 1000 } });
  return reply.value;
}

export async function storedJobs(page: Page): Promise<StoredJob[]> {
  return page.evaluate(storedJobsInPage);
}

/** Rewrites a stored Bluesky session's access token (to an expired one, in tests), inside an extension page. */
export async function setAccessJwtInPage({ id, jwt }: { id: string; jwt: string }): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('sortie');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('accounts', 'readwrite');
    const store = tx.objectStore('accounts');
    const get = store.get(id);
    get.onsuccess = () => store.put({ ...get.result, credentials: { ...get.result.credentials, accessJwt: jwt } });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

export async function setBlueskyAccessJwt(page: Page, accountId: string, accessJwt: string): Promise<void> {
  await page.evaluate(setAccessJwtInPage, { id: accountId, jwt: accessJwt });
}

/** A stored Bluesky session's access token, read inside an extension page. */
/** An account's stored credentials (its tokens), as the account store keeps them. */
export async function readCredentialsInPage(id: string): Promise<Record<string, string>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('sortie');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const value = await new Promise<{ credentials: Record<string, string> }>((resolve, reject) => {
    const req = db.transaction('accounts').objectStore('accounts').get(id);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  return value.credentials;
}

export async function readAccessJwt(page: Page, accountId: string): Promise<string> {
  return (await page.evaluate(readCredentialsInPage, accountId))['accessJwt']!;
}

/**
 * The expression that runs one of the self-contained functions above with
 * these arguments, for drivers that evaluate source text (the journey
 * fixture's Tab.evaluate, Marionette).
 */
export function callInPage(fn: (...args: never[]) => unknown, ...args: unknown[]): string {
  return `(${fn.toString()})(${args.map((a) => JSON.stringify(a)).join(', ')})`;
}
