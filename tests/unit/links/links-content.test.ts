import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import definition from '../../../entrypoints/links';
import { nitterMirror, storedPageValue } from './page-fixtures';

/** What the background stores for a Nitter mirror (lib/links/background/control.ts). */
const stored = (origin: string) => storedPageValue(nitterMirror(origin));

/** The runtime as the script sees it: an id while the extension lives, none once it is gone. */
const runtime: { id?: string } = { id: 'sortie' };

function page(body: string): Document {
  const { document, MutationObserver } = parseHTML(`<!DOCTYPE html><html><body>${body}</body></html>`);
  vi.stubGlobal('document', document);
  vi.stubGlobal('MutationObserver', MutationObserver);
  vi.stubGlobal('window', document.defaultView);
  vi.stubGlobal('browser', { storage: fakeBrowser.storage, runtime });
  // A loaded page unless a test says otherwise (linkedom has no readyState).
  Object.defineProperty(document, 'readyState', { value: 'complete', configurable: true });
  return document as unknown as Document;
}

const wait = (ms = 60): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const run = () => (definition.main as () => Promise<void>)();

afterEach(() => {
  vi.unstubAllGlobals();
  runtime.id = 'sortie';
});

describe('links page script', () => {
  it('does nothing until the background has stored a mirror and its rules', async () => {
    const doc = page('<a href="https://x.com/jack">x</a>');
    await run();
    await wait();
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://x.com/jack');
  });

  it('rewrites the page in short runs after its own task, then what the page adds, follows mirror changes, and stops once orphaned', async () => {
    await fakeBrowser.storage.local.set(stored('https://nitter.example'));
    const doc = page('<a href="https://x.com/jack">x</a>');
    await run();
    // Nothing during the script's own run: the work yields to the page's tasks first.
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://x.com/jack');
    await wait();
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://nitter.example/jack');

    const added = doc.createElement('a');
    added.setAttribute('href', 'https://twitter.com/nasa');
    doc.body.append(added);
    await wait();
    expect(added.getAttribute('href')).toBe('https://nitter.example/nasa');

    await fakeBrowser.storage.local.set(stored('https://xcancel.example'));
    expect([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://xcancel.example/jack',
      'https://xcancel.example/nasa',
    ]);

    // The extension was updated or removed: this copy has no runtime any more.
    delete runtime.id;
    const late = doc.createElement('a');
    late.setAttribute('href', 'https://x.com/late');
    doc.body.append(late);
    await wait();
    expect(late.getAttribute('href')).toBe('https://x.com/late');
  });

  it('injected while the page is still loading, waits for its load event', async () => {
    await fakeBrowser.storage.local.set(stored('https://nitter.example'));
    const doc = page('<a href="https://x.com/jack">x</a>');
    Object.defineProperty(doc, 'readyState', { value: 'loading', configurable: true });
    await run();
    await wait();
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://x.com/jack');
    doc.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event('DOMContentLoaded'));
    await wait();
    // Parsed but not loaded: still nothing.
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://x.com/jack');
    (doc.defaultView as unknown as Window).dispatchEvent(
      new (doc.defaultView as unknown as typeof globalThis).Event('load'),
    );
    await wait();
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://nitter.example/jack');
  });
});
