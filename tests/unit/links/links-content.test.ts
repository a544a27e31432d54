import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import definition from '../../../entrypoints/links.content';
import { LINK_MIRROR_KEY } from '../../../lib/links/page-rewrite';

/** Just enough of WXT's ContentScriptContext for this script. */
function fakeContext() {
  const listeners: (() => void)[] = [];
  return {
    ctx: { isInvalid: false, onInvalidated: (fn: () => void) => listeners.push(fn) },
    invalidate: () => listeners.forEach((fn) => fn()),
  };
}

function page(body: string): Document {
  const { document, MutationObserver } = parseHTML(`<!DOCTYPE html><html><body>${body}</body></html>`);
  vi.stubGlobal('document', document);
  vi.stubGlobal('MutationObserver', MutationObserver);
  vi.stubGlobal('browser', { storage: fakeBrowser.storage });
  return document as unknown as Document;
}

const wait = (ms = 40): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const run = (ctx: ReturnType<typeof fakeContext>['ctx']) =>
  (definition.main as unknown as (c: typeof ctx) => Promise<void>)(ctx);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('links content script', () => {
  it('is registered at runtime, on any page the user grants, once the page is idle', () => {
    expect(definition).toMatchObject({ registration: 'runtime', runAt: 'document_idle' });
    // Matches would become required host permissions: the background passes them at registration.
    expect(definition).not.toHaveProperty('matches');
  });

  it('does nothing until the background has stored a mirror', async () => {
    const doc = page('<a href="https://x.com/jack">x</a>');
    await run(fakeContext().ctx);
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://x.com/jack');
  });

  it('rewrites the page, then what the page adds, follows mirror changes, and stops when invalidated', async () => {
    await fakeBrowser.storage.local.set({ [LINK_MIRROR_KEY]: { origin: 'https://nitter.example', scheme: 'nitter' } });
    const doc = page('<a href="https://x.com/jack">x</a>');
    const { ctx, invalidate } = fakeContext();
    await run(ctx);
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://nitter.example/jack');

    const added = doc.createElement('a');
    added.setAttribute('href', 'https://twitter.com/nasa');
    doc.body.append(added);
    await wait();
    expect(added.getAttribute('href')).toBe('https://nitter.example/nasa');

    await fakeBrowser.storage.local.set({ [LINK_MIRROR_KEY]: { origin: 'https://xcancel.example', scheme: 'nitter' } });
    expect([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://xcancel.example/jack',
      'https://xcancel.example/nasa',
    ]);

    invalidate();
    const late = doc.createElement('a');
    late.setAttribute('href', 'https://x.com/late');
    doc.body.append(late);
    await wait();
    expect(late.getAttribute('href')).toBe('https://x.com/late');
  });
});
