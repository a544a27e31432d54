import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { isScannableHtml } from '../../../lib/links/background/document-kind';
import {
  filterDocument,
  hrefRewriteFor,
  linkScriptTarget,
  type DocumentStreamEnv,
  type StreamFilter,
} from '../../../lib/links/background/document-stream';
import { createHrefStream } from '../../../lib/links/html-href-stream';
import { createPageRewriter } from '../../../lib/links/page-rewrite';
import { nitterMirror, pageConfigFor } from './page-fixtures';

const CONFIG = pageConfigFor(nitterMirror('https://nitter.example'));
const PAGE = 'https://blog.example.org/post';

describe('isScannableHtml', () => {
  it.each([
    ['text/html', true],
    ['text/html; charset=utf-8', true],
    ['TEXT/HTML;charset="windows-1252"', true],
    ['text/html; charset=Shift_JIS', true],
    ['text/html; charset=utf-16le', false],
    ['text/html; charset=ISO-2022-JP', false],
    ['application/json', false],
    ['text/plain', false],
    ['application/xhtml+xml', false],
    [undefined, false],
  ])('%s → %s', (type, scannable) => {
    const responseHeaders = type === undefined ? [] : [{ name: 'Content-Type', value: type }];
    expect(isScannableHtml({ requestId: '1', url: PAGE, statusCode: 200, responseHeaders })).toBe(scannable);
  });

  it.each([
    [200, true],
    [404, true],
    [301, false],
    [302, false],
    [307, false],
  ])('status %d → %s (a redirect takes its filter along to where it goes)', (statusCode, scannable) => {
    const responseHeaders = [{ name: 'content-type', value: 'text/html' }];
    expect(isScannableHtml({ requestId: '1', url: PAGE, statusCode, responseHeaders })).toBe(scannable);
  });
});

describe('the stream gives what the page script gives', () => {
  const links = [
    '<a href="https://x.com/jack/status/20">s</a>',
    '<a href="https://twitter.com/jack">p</a>',
    '<a href="https://mobile.twitter.com/jack/status/21/photo/1">m</a>',
    '<a href="//x.com/hashtag/climat?src=hashtag_click">h</a>',
    '<a href="https://x.com/search?q=a&amp;f=live">q</a>',
    '<a href="https://example.org/x.com">e</a>',
    '<a href="/relative.co">r</a>',
    '<a href="https://t.co/AbC123" data-expanded-url="https://example.org/real">t1</a>',
    '<a href="https://t.co/Def456" title="https://example.org/titled">t2</a>',
    '<a href="https://x.com/i/web/status/22">w</a>',
  ];

  it.each(links)('%s', (html) => {
    const streamed = new TextDecoder().decode(
      createHrefStream(hrefRewriteFor(CONFIG, PAGE)).push(new TextEncoder().encode(html)),
    );
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const rewriter = createPageRewriter(document as unknown as Document, CONFIG);
    rewriter.process(rewriter.find([document.body as unknown as Node]));
    const expected = document.querySelector('a')?.getAttribute('href');
    expect(
      parseHTML(`<!doctype html><html><body>${streamed}</body></html>`)
        .document.querySelector('a')
        ?.getAttribute('href'),
    ).toBe(expected);
  });

  it('leaves a t.co link only its text explains to the page script', () => {
    const rewrite = hrefRewriteFor(CONFIG, PAGE);
    expect(rewrite('https://t.co/ZyX987', () => null)).toBeNull();
  });
});

/** A filter as Firefox gives it: records what was written and how it ended. */
function fakeFilter() {
  const written: Uint8Array[] = [];
  const filter: StreamFilter & { ended: string | null } = {
    ondata: null,
    onstop: null,
    onerror: null,
    ended: null,
    write: (data) => void written.push(data),
    close() {
      this.ended = 'closed';
    },
    disconnect() {
      this.ended = 'disconnected';
    },
  };
  return { filter, text: () => Buffer.concat(written).toString('utf8'), bytes: () => [...Buffer.concat(written)] };
}

const HTML = [{ name: 'content-type', value: 'text/html; charset=utf-8' }];

function env(filter: StreamFilter, matches = ['*://*/*']): DocumentStreamEnv & { filtered: string[] } {
  const filtered: string[] = [];
  return {
    filtered,
    filterResponseData(id) {
      filtered.push(id);
      return filter;
    },
    target: async () => ({ matches, excludeMatches: ['*://x.com/*', 'https://nitter.example/*'], config: CONFIG }),
  };
}

describe('filterDocument', () => {
  it('rewrites a granted page as its chunks come, and closes the stream at its end', async () => {
    const { filter, text } = fakeFilter();
    const e = env(filter);
    await filterDocument({ requestId: '7', url: PAGE, responseHeaders: HTML }, e);
    expect(e.filtered).toEqual(['7']);
    const bytes = new TextEncoder().encode('<p>read <a href="https://x.com/jack/status/20">this</a></p>');
    filter.ondata?.({ data: bytes.slice(0, 20).buffer });
    filter.ondata?.({ data: bytes.slice(20).buffer });
    filter.onstop?.();
    expect(text()).toBe('<p>read <a href="https://nitter.example/jack/status/20">this</a></p>');
    expect(filter.ended).toBe('closed');
  });

  it('hands a page it cannot scan back to the browser, every byte kept', async () => {
    const { filter, bytes } = fakeFilter();
    await filterDocument({ requestId: '8', url: PAGE, responseHeaders: HTML }, env(filter));
    const utf16 = new Uint8Array([0xff, 0xfe, 0x3c, 0x00]);
    filter.ondata?.({ data: utf16.buffer });
    expect(filter.ended).toBe('disconnected');
    expect(bytes()).toEqual([...utf16]);
  });

  it.each([
    ['not HTML', PAGE, [{ name: 'content-type', value: 'application/json' }], ['*://*/*']],
    ['a site not granted', PAGE, HTML, ['https://other.example/*']],
    ['X itself', 'https://x.com/jack', HTML, ['*://*/*']],
    ['a mirror', 'https://nitter.example/jack', HTML, ['*://*/*']],
  ])('leaves %s alone', async (_, url, headers, matches) => {
    const { filter } = fakeFilter();
    const e = env(filter, matches);
    await filterDocument({ requestId: '9', url, responseHeaders: headers }, e);
    expect(e.filtered).toEqual([]);
  });

  it('leaves every page alone when the links script runs nowhere', async () => {
    const { filter } = fakeFilter();
    const e = { ...env(filter), target: async () => null };
    await filterDocument({ requestId: '10', url: PAGE, responseHeaders: HTML }, e);
    expect(e.filtered).toEqual([]);
  });
});

describe('linkScriptTarget', () => {
  const api = (scripts: { matches?: string[]; excludeMatches?: string[] }[], stored: unknown) => ({
    scripting: { getRegisteredContentScripts: async () => scripts },
    storage: { local: { get: async () => ({ 'sortie.linkMirror': stored }) } },
  });
  const value = { origin: 'https://nitter.example', host: '^https?://x\\.com', rules: [], replaceEmbeds: true };

  it('is where the links script is registered, with the rules it reads', async () => {
    const target = await linkScriptTarget(
      api([{ matches: ['https://blog.example.org/*'], excludeMatches: ['*://x.com/*'] }], value),
    );
    expect(target?.matches).toEqual(['https://blog.example.org/*']);
    expect(target?.excludeMatches).toEqual(['*://x.com/*']);
    expect(target?.config.origin).toBe('https://nitter.example');
  });

  it.each([
    ['the script registered nowhere', [], value],
    ['no rules stored', [{ matches: ['*://*/*'] }], undefined],
    ['rules that do not read', [{ matches: ['*://*/*'] }], { origin: 'javascript:alert(1)' }],
  ])('is nowhere with %s', async (_, scripts, stored) => {
    expect(await linkScriptTarget(api(scripts, stored))).toBeNull();
  });
});
