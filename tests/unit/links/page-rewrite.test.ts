import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import type { LinkRuleSettings } from '../../../lib/links/dnr';
import { mirrorHref } from '../../../lib/links/mirror-href';
import { createPageRewriter, expandedUrlOf, type PageRewriter } from '../../../lib/links/page-rewrite';
import { readRewriteConfig, type RewriteConfig } from '../../../lib/links/rewrite-config';
import { createSlicedWork, watchAdditions, yieldToTasks } from '../../../lib/links/sliced-work';
import { compilePageRules } from '../../../lib/links/page-rules';
import { nitterMirror, pageConfigFor, PAGE_SETTINGS } from './page-fixtures';

const SETTINGS = PAGE_SETTINGS;
const config = (origin: string, settings: Partial<LinkRuleSettings> = {}): RewriteConfig =>
  pageConfigFor(nitterMirror(origin), settings);

const MIRROR = config('https://nitter.example');
const OTHER = config('https://xcancel.example');

/** Finds and rewrites at once, as the idle work does when given time. */
const processAll = (rewriter: PageRewriter, nodes: Node[]): void => rewriter.process(rewriter.find(nodes));

function dom(body: string) {
  const { document, MutationObserver } = parseHTML(`<!DOCTYPE html><html><head></head><body>${body}</body></html>`);
  return {
    document: document as unknown as Document,
    Observer: MutationObserver as unknown as typeof globalThis.MutationObserver,
  };
}

const hrefs = (doc: Document): (string | null)[] => [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'));
/** linkedom delivers mutation records asynchronously. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('mirrorHref', () => {
  it.each([
    ['https://x.com/jack/status/20?s=20', null, 'https://nitter.example/jack/status/20'],
    ['https://t.co/abc', null, 'https://nitter.example/t.co/abc'],
    ['https://t.co/abc', 'https://example.com/story', 'https://example.com/story'],
    ['https://t.co/abc', 'https://twitter.com/jack', 'https://nitter.example/jack'],
    ['https://t.co/abc', 'https://x.com/login', 'https://x.com/login'],
    ['https://x.com/intent/tweet?text=a', null, null],
    ['https://example.com/', null, null],
  ])('%s (shown: %s)', (href, expanded, expected) => {
    expect(mirrorHref(href, MIRROR.rules, expanded)).toBe(expected);
  });
});

describe('expandedUrlOf', () => {
  const anchor = (html: string): Element => dom(html).document.querySelector('a') as Element;
  it.each([
    ['<a href="https://t.co/a" data-expanded-url="https://example.com/a">example.com/a</a>', 'https://example.com/a'],
    ['<a href="https://t.co/a" title="https://example.com/b?x=1">example.com/b…</a>', 'https://example.com/b?x=1'],
    ['<a href="https://t.co/a">https://example.com/c</a>', 'https://example.com/c'],
    ['<a href="https://t.co/a">  https://example.com/d  </a>', 'https://example.com/d'],
    ['<a href="https://t.co/a">https://example.com/very/lo…</a>', null],
    ['<a href="https://t.co/a">example.com/e</a>', null],
    ['<a href="https://t.co/a">https://t.co/a</a>', null],
    ['<a href="https://t.co/a" title="javascript:alert(1)">x</a>', null],
    ['<a href="https://t.co/a">see https://example.com/f</a>', null],
  ])('%s', (html, expected) => {
    expect(expandedUrlOf(anchor(html))).toBe(expected);
  });
});

describe('createPageRewriter', () => {
  it('rewrites X links and leaves everything else alone', () => {
    const { document } = dom(`
      <a href="https://x.com/jack">x</a>
      <a href="https://twitter.com/jack/status/20?ref_src=twsrc%5Etfw">tw</a>
      <a href="HTTPS://MOBILE.TWITTER.COM/i/web/status/21">mobile</a>
      <a href="//x.com/hashtag/%C3%A9t%C3%A9">protocol-relative</a>
      <a href="https://fxtwitter.com/jack/status/22">fixer</a>
      <a href="https://pbs.twimg.com/media/A.jpg?name=small">media</a>
      <a href="https://x.com/intent/tweet?text=hi">share</a>
      <a href="https://x.com/settings">settings</a>
      <a href="https://example.com/x.com/jack">other</a>
      <a href="/about">relative</a>
      <a>no href</a>`);
    const rewriter = createPageRewriter(document, MIRROR);
    processAll(rewriter, [document.documentElement]);
    expect(hrefs(document)).toEqual([
      'https://nitter.example/jack',
      'https://nitter.example/jack/status/20',
      'https://nitter.example/i/status/21',
      'https://nitter.example/search?f=tweets&q=%23%C3%A9t%C3%A9',
      'https://nitter.example/jack/status/22',
      'https://nitter.example/pic/media%2FA.jpg%3Fname%3Dsmall',
      'https://x.com/intent/tweet?text=hi',
      'https://x.com/settings',
      'https://example.com/x.com/jack',
      '/about',
      null,
    ]);
    expect(rewriter.rewritten).toBe(6);
  });

  it("keeps what the navigation rules keep: the user's exceptions, and nothing at all while paused", () => {
    const body =
      '<a href="https://x.com/i/bookmarks">b</a><a href="https://x.com/jack/status/1">s</a><a href="https://x.com/jack">p</a>';
    const kept = dom(body).document;
    processAll(
      createPageRewriter(kept, config('https://nitter.example', { exceptions: ['/jack/status', 'x.com/i/bookmarks'] })),
      [kept.body],
    );
    expect(hrefs(kept)).toEqual([
      'https://x.com/i/bookmarks',
      'https://x.com/jack/status/1',
      'https://nitter.example/jack',
    ]);
    const mirror = nitterMirror('https://nitter.example');
    expect(compilePageRules({ ...SETTINGS, pausedUntil: 10, now: 5 }, mirror).rules).toEqual([]);
    expect(compilePageRules({ ...SETTINGS, enabled: false }, mirror).rules).toEqual([]);
  });

  it('reads hrefs as the browser resolves them, so odd spellings go where the redirect rules send them', () => {
    const { document } = dom(`
      <a href="https://x.com:443/jack">port</a>
      <a href="https://x.com/a/../nasa">dot segment</a>
      <a href="https://x.com/%2e%2e/esa">encoded dot segment</a>
      <a href="https://x.com/hashtag/café">raw accent</a>
      <a href="  https://x.com/jaxa  ">spaces</a>
      <a href="https://x.com/search?q=it's">quote in the query</a>`);
    processAll(createPageRewriter(document, MIRROR), [document.body]);
    expect(hrefs(document)).toEqual([
      'https://nitter.example/jack',
      'https://nitter.example/nasa',
      'https://nitter.example/esa',
      'https://nitter.example/search?f=tweets&q=%23caf%C3%A9',
      'https://nitter.example/jaxa',
      'https://nitter.example/search?f=tweets&q=it%27s',
    ]);
  });

  it('unwraps t.co links whose target the page shows, else sends them through the mirror', () => {
    const { document } = dom(`
      <a href="https://t.co/aaa" data-expanded-url="https://example.com/news">example.com/news</a>
      <a href="https://t.co/bbb" title="https://x.com/jack/status/5">x.com/jack/status/5</a>
      <a href="https://t.co/ccc">https://example.org/full</a>
      <a href="https://t.co/ddd">example.org/trunc…</a>`);
    processAll(createPageRewriter(document, MIRROR), [document.body]);
    expect(hrefs(document)).toEqual([
      'https://example.com/news',
      'https://nitter.example/jack/status/5',
      'https://example.org/full',
      'https://nitter.example/t.co/ddd',
    ]);
  });

  it('turns an embedded tweet into a plain link card with its text', () => {
    const { document } = dom(`<p>before</p>
      <blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">Leaving X <a href="https://t.co/xyz">pic.twitter.com/xyz</a></p>
      &mdash; Jack (@jack) <a href="https://twitter.com/jack/status/20?ref_src=twsrc%5Etfw">March 21, 2006</a></blockquote>
      <script async src="https://platform.twitter.com/widgets.js"></script>`);
    const rewriter = createPageRewriter(document, MIRROR);
    processAll(rewriter, [document.body]);
    expect(document.querySelector('blockquote')).toBeNull();
    // Only the card: the quote's own links left the page with it, untouched.
    expect(rewriter.rewritten).toBe(1);
    const card = document.querySelector('a.sortie-x-card');
    expect(card?.getAttribute('href')).toBe('https://nitter.example/jack/status/20');
    expect(card?.textContent).toContain('Leaving X pic.twitter.com/xyz');
    expect(card?.textContent).toContain('Jack (@jack) March 21, 2006');
    expect(card?.querySelector('a')).toBeNull();
  });

  it('leaves a link alone when the same slice took it out of the page with its embed', () => {
    const { document } = dom(
      '<blockquote class="twitter-tweet"><p>t</p><a href="https://twitter.com/jack/status/20">d</a></blockquote>',
    );
    const rewriter = createPageRewriter(document, MIRROR);
    const quote = document.querySelector('blockquote') as Element;
    const link = quote.querySelector('a') as Element;
    // A page's mutations can hand over a link before the embed around it.
    rewriter.process([link, quote]);
    expect(link.getAttribute('href')).toBe('https://twitter.com/jack/status/20');
    expect(rewriter.rewritten).toBe(1);
  });

  it('leaves a blockquote without a status link as it is', () => {
    const { document } = dom(
      '<blockquote class="twitter-tweet"><p>quote</p><a href="https://example.com">x</a></blockquote>',
    );
    processAll(createPageRewriter(document, MIRROR), [document.body]);
    expect(document.querySelector('blockquote')).not.toBeNull();
  });

  it('replaces X embed frames by a link to the mirror', () => {
    const { document } = dom(`
      <div class="twitter-tweet twitter-tweet-rendered"><iframe src="https://platform.twitter.com/embed/Tweet.html?dnt=false&amp;id=20&amp;lang=en" data-tweet-id="20"></iframe></div>
      <iframe src="https://syndication.twitter.com/srv/timeline-profile/screen-name/jack"></iframe>
      <iframe src="https://www.youtube.com/embed/abc"></iframe>`);
    processAll(createPageRewriter(document, MIRROR), [document.body]);
    expect(hrefs(document)).toEqual(['https://nitter.example/i/status/20', 'https://nitter.example/jack']);
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('does not reprocess handled anchors, but follows a page that changes an href', () => {
    const { document } = dom('<a href="https://x.com/jack">x</a><a href="https://example.com">e</a>');
    const rewriter = createPageRewriter(document, MIRROR);
    processAll(rewriter, [document.body]);
    processAll(rewriter, [document.body]);
    expect(rewriter.rewritten).toBe(1);
    const anchor = document.querySelector('a') as Element;
    anchor.setAttribute('href', 'https://x.com/nasa');
    processAll(rewriter, [anchor]);
    expect(anchor.getAttribute('href')).toBe('https://nitter.example/nasa');
    expect(rewriter.rewritten).toBe(2);
  });

  it('retargets rewritten links and cards when the mirror changes', () => {
    const { document } = dom(`<a href="https://x.com/jack">x</a><a href="https://example.com">e</a>
      <blockquote class="twitter-tweet"><p>t</p><a href="https://twitter.com/jack/status/20">d</a></blockquote>`);
    const rewriter = createPageRewriter(document, MIRROR);
    processAll(rewriter, [document.body]);
    rewriter.retarget(OTHER);
    expect(hrefs(document)).toEqual([
      'https://xcancel.example/jack',
      'https://example.com',
      'https://xcancel.example/jack/status/20',
    ]);
  });

  it("leaves links already on the mirror (rewritten in the stream) and retargets those the mirror shows with X's paths", () => {
    const { document } = dom(`<a href="https://nitter.example/jack/status/20">s</a>
      <a href="https://nitter.example/not/an/x/route?x=%">n</a><a href="https://x.com/nasa">x</a>`);
    const rewriter = createPageRewriter(document, MIRROR);
    processAll(rewriter, [document.body]);
    expect(rewriter.rewritten).toBe(1);
    rewriter.retarget(OTHER);
    expect(hrefs(document)).toEqual([
      'https://xcancel.example/jack/status/20',
      // Not what the rules give for any X link: not a guess to act on.
      'https://nitter.example/not/an/x/route?x=%',
      'https://xcancel.example/nasa',
    ]);
  });

  it('handles 10,000 links in one pass', () => {
    const parts: string[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      parts.push(
        i % 2 === 0
          ? `<li><a href="https://x.com/user${i}/status/${i}?s=20">p</a></li>`
          : `<li><a href="https://example.com/${i}">e</a></li>`,
      );
    }
    const { document } = dom(`<ul>${parts.join('')}</ul>`);
    const rewriter = createPageRewriter(document, MIRROR);
    processAll(rewriter, [document.body]);
    expect(rewriter.rewritten).toBe(5_000);
    const all = hrefs(document);
    expect(all[0]).toBe('https://nitter.example/user0/status/0');
    expect(all[1]).toBe('https://example.com/1');
    expect(all[9_998]).toBe('https://nitter.example/user9998/status/9998');
    expect(all.filter((h) => h?.startsWith('https://nitter.example/'))).toHaveLength(5_000);
  });
});

describe('watchAdditions and the sliced work', () => {
  it('hands 1,000 nodes added in one mutation to work done in short runs, without whole-document queries', async () => {
    const { document, Observer } = dom('<main></main>');
    const rewriter = createPageRewriter(document, MIRROR);
    const soon: (() => void)[] = [];
    let clock = 0;
    // Each slice takes the whole run's time: one slice per run.
    const work = createSlicedWork(
      { find: (nodes) => rewriter.find(nodes), process: (elements) => ((clock += 4), rewriter.process(elements)) },
      () => clock,
      (next) => soon.push(next),
    );
    const added = vi.fn((nodes: Node[]) => work.add(nodes));
    const watcher = watchAdditions(document, added, rewriter.isOwnChange, Observer);

    const fragment = document.createDocumentFragment();
    for (let i = 0; i < 1_000; i += 1) {
      const item = document.createElement('article');
      const a = document.createElement('a');
      a.setAttribute('href', i % 4 === 0 ? `https://t.co/c${i}` : `https://twitter.com/u${i}`);
      if (i % 4 === 0) a.textContent = `https://example.com/${i}`;
      item.append(a);
      fragment.append(item);
    }
    document.querySelector('main')?.append(fragment);
    await settle();

    expect(added).toHaveBeenCalledTimes(1);
    expect(added.mock.calls[0]?.[0]).toHaveLength(1_000);
    // Nothing done in the observer's callback: one run waits for the page's tasks.
    expect(soon).toHaveLength(1);
    expect(rewriter.rewritten).toBe(0);
    const wholeDocument = vi.spyOn(document, 'querySelectorAll');
    // One slice per run, each after yielding to the page's tasks.
    soon.shift()?.();
    expect(rewriter.rewritten).toBe(200);
    expect(soon).toHaveLength(1);
    while (soon.length > 0) soon.shift()?.();
    expect(wholeDocument).not.toHaveBeenCalled();
    const all = hrefs(document);
    expect(all[0]).toBe('https://example.com/0');
    expect(all[1]).toBe('https://nitter.example/u1');
    expect(all.filter((h) => h?.includes('twitter.com') || h?.includes('t.co'))).toEqual([]);

    // Its own href writes come back as attribute records: dropped before any work is queued.
    await settle();
    expect(added).toHaveBeenCalledTimes(1);
    expect(rewriter.rewritten).toBe(1_000);
    watcher.stop();
  });

  it('makes no record of writes done quietly, and loses none of the page changes noted before them', async () => {
    const { document, Observer } = dom('<a href="https://example.com/a">a</a><a href="https://example.com/b">b</a>');
    const added: Node[][] = [];
    const watcher = watchAdditions(
      document,
      (nodes) => added.push(nodes),
      () => false,
      Observer,
    );
    const a = document.querySelectorAll('a')[0] as Element;
    const b = document.querySelectorAll('a')[1] as Element;
    // Noted by the observer, not yet delivered to it: handed over before the quiet write.
    a.setAttribute('href', 'https://x.com/page');
    watcher.quietly(() => b.setAttribute('href', 'https://nitter.example/own'));
    expect(added).toEqual([[a]]);
    await settle();
    expect(added).toEqual([[a]]);
    // Watching again right after.
    b.setAttribute('href', 'https://x.com/after');
    await settle();
    expect(added).toEqual([[a], [b]]);
    watcher.stop();
    watcher.quietly(() => a.setAttribute('href', 'https://x.com/stopped'));
    await settle();
    expect(added).toHaveLength(2);
  });

  it('a run works a few milliseconds at most, then goes on after yielding to the page, without waiting for idle time', () => {
    const { document } = dom('<a href="https://x.com/a">a</a>'.repeat(450));
    const rewriter = createPageRewriter(document, MIRROR);
    const soon: (() => void)[] = [];
    let clock = 0;
    const work = createSlicedWork(
      rewriter,
      () => clock,
      (next) => soon.push(next),
    );
    work.add([document.documentElement]);
    // A clock that does not move: everything in one run.
    expect(soon).toHaveLength(1);
    soon.shift()?.();
    expect(rewriter.rewritten).toBe(450);
    expect(soon).toHaveLength(0);

    // Each slice takes 3 ms: a run stops after two, lets waiting tasks go first, and goes on
    // (Firefox may not offer an idle period for 200 ms).
    const other = dom('<a href="https://x.com/b">b</a>'.repeat(450)).document;
    const second = createPageRewriter(other, MIRROR);
    const slow = createSlicedWork(
      { find: (nodes) => second.find(nodes), process: (elements) => ((clock += 3), second.process(elements)) },
      () => clock,
      (next) => soon.push(next),
    );
    slow.add([other.documentElement]);
    soon.shift()?.();
    expect(second.rewritten).toBe(400);
    expect(soon).toHaveLength(1);
    soon.shift()?.();
    expect(second.rewritten).toBe(450);
    expect(soon).toHaveLength(0);
  });

  it('yields: what comes next runs after the current task, in order', async () => {
    const order: string[] = [];
    const soon = yieldToTasks();
    soon(() => order.push('first'));
    soon(() => order.push('second'));
    order.push('the current task');
    await new Promise((resolve) => soon(() => resolve(undefined)));
    expect(order).toEqual(['the current task', 'first', 'second']);
  });

  it('hands the rewriter only links that may go to X, with embeds and frames', () => {
    const { document } = dom(
      '<a href="https://example.org/a">e</a><a href="/local">l</a><a href="https://X.COM/jack">x</a>' +
        '<a href="https://t.co/abc">t</a><iframe src="https://example.org/f"></iframe>' +
        '<iframe src="https://platform.twitter.com/embed/Tweet.html?id=1"></iframe>' +
        '<blockquote class="twitter-tweet"><p>hi</p></blockquote>',
    );
    const rewriter = createPageRewriter(document, MIRROR);
    const found = rewriter
      .find([document.documentElement])
      .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.tagName);
    expect(found).toEqual([
      'https://X.COM/jack',
      'https://t.co/abc',
      'https://platform.twitter.com/embed/Tweet.html?id=1',
      'BLOCKQUOTE',
    ]);
  });

  it('picks up an href the page changes later, and stops when asked', async () => {
    const { document, Observer } = dom('<a href="https://example.com">e</a>');
    const rewriter = createPageRewriter(document, MIRROR);
    const work = createSlicedWork(
      rewriter,
      () => 0,
      (next) => next(),
    );
    const watcher = watchAdditions(document, (nodes) => work.add(nodes), rewriter.isOwnChange, Observer);
    document.querySelector('a')?.setAttribute('href', 'https://x.com/jack');
    await settle();
    expect(hrefs(document)).toEqual(['https://nitter.example/jack']);

    watcher.stop();
    const late = document.createElement('a');
    late.setAttribute('href', 'https://x.com/late');
    document.body.append(late);
    await settle();
    expect(late.getAttribute('href')).toBe('https://x.com/late');
  });

  it('percent-encodes the captures of an encoding rule, and keeps literal dollars', () => {
    const config = readRewriteConfig({
      origin: 'https://m.example',
      host: '^https?://x\\.com',
      rules: [{ pattern: '^https://cdn\\.example/(.+)$', replacement: 'https://m.example/$$/pic/$1', encode: true }],
    });
    expect(config && mirrorHref('https://cdn.example/media/a b?x=1', config.rules)).toBe(
      'https://m.example/$/pic/media%2Fa%20b%3Fx%3D1',
    );
  });

  it('refuses a stored configuration it cannot trust', () => {
    expect(
      readRewriteConfig({ origin: 'https://nitter.example', host: '^', rules: [{ pattern: '(', replacement: 'x' }] }),
    ).toBeNull();
    expect(readRewriteConfig({ origin: 'javascript:alert(1)', host: '^', rules: [] })).toBeNull();
    expect(
      readRewriteConfig({ origin: 'https://nitter.example', host: '^', rules: [{ pattern: 'x', replacement: 1 }] }),
    ).toBeNull();
    expect(readRewriteConfig({ origin: 'https://nitter.example' })).toBeNull();
    expect(readRewriteConfig({ origin: 'https://nitter.example', host: '(', rules: [] })).toBeNull();
    expect(readRewriteConfig(undefined)).toBeNull();
    expect(
      readRewriteConfig({ origin: 'https://nitter.example', host: '^', rules: [], replaceEmbeds: false }),
    ).toMatchObject({ replaceEmbeds: false });
  });
});
