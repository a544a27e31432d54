import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import type { MirrorTarget } from '../../../lib/links/mirrors';
import {
  createPageRewriter,
  expandedUrlOf,
  mirrorHref,
  readLinkMirror,
  watchAdditions,
  type Schedule,
} from '../../../lib/links/page-rewrite';

const MIRROR: MirrorTarget = { origin: 'https://nitter.example', scheme: 'nitter' };
const OTHER: MirrorTarget = { origin: 'https://xcancel.example', scheme: 'nitter' };

function dom(body: string) {
  const { document, MutationObserver } = parseHTML(`<!DOCTYPE html><html><head></head><body>${body}</body></html>`);
  return { document: document as unknown as Document, Observer: MutationObserver as unknown as typeof globalThis.MutationObserver };
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
    expect(mirrorHref(href, MIRROR, expanded)).toBe(expected);
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

describe('readLinkMirror', () => {
  it.each([
    [{ origin: 'https://nitter.net', scheme: 'nitter' }, { origin: 'https://nitter.net', scheme: 'nitter' }],
    [{ origin: 'http://localhost:8080', scheme: 'nitter' }, { origin: 'http://localhost:8080', scheme: 'nitter' }],
    [{ origin: 'https://m.example', scheme: 'template', templates: { profile: '/u/{user}' } }, { origin: 'https://m.example', scheme: 'template', templates: { profile: '/u/{user}' } }],
    [{ origin: 'https://nitter.net/', scheme: 'nitter' }, null],
    [{ origin: 'https://nitter.net"]', scheme: 'nitter' }, null],
    [{ origin: 'javascript:alert(1)', scheme: 'nitter' }, null],
    [{ origin: 'https://nitter.net', scheme: 'other' }, null],
    [undefined, null],
    ['https://nitter.net', null],
  ])('%j', (value, expected) => {
    expect(readLinkMirror(value)).toEqual(expected);
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
    rewriter.processNodes([document.documentElement]);
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

  it('unwraps t.co links whose target the page shows, else sends them through the mirror', () => {
    const { document } = dom(`
      <a href="https://t.co/aaa" data-expanded-url="https://example.com/news">example.com/news</a>
      <a href="https://t.co/bbb" title="https://x.com/jack/status/5">x.com/jack/status/5</a>
      <a href="https://t.co/ccc">https://example.org/full</a>
      <a href="https://t.co/ddd">example.org/trunc…</a>`);
    createPageRewriter(document, MIRROR).processNodes([document.body]);
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
    createPageRewriter(document, MIRROR).processNodes([document.body]);
    expect(document.querySelector('blockquote')).toBeNull();
    const card = document.querySelector('a.sortie-x-card');
    expect(card?.getAttribute('href')).toBe('https://nitter.example/jack/status/20');
    expect(card?.textContent).toContain('Leaving X pic.twitter.com/xyz');
    expect(card?.textContent).toContain('Jack (@jack) March 21, 2006');
    expect(card?.querySelector('a')).toBeNull();
  });

  it('leaves a blockquote without a status link as it is', () => {
    const { document } = dom('<blockquote class="twitter-tweet"><p>quote</p><a href="https://example.com">x</a></blockquote>');
    createPageRewriter(document, MIRROR).processNodes([document.body]);
    expect(document.querySelector('blockquote')).not.toBeNull();
  });

  it('replaces X embed frames by a link to the mirror', () => {
    const { document } = dom(`
      <div class="twitter-tweet twitter-tweet-rendered"><iframe src="https://platform.twitter.com/embed/Tweet.html?dnt=false&amp;id=20&amp;lang=en" data-tweet-id="20"></iframe></div>
      <iframe src="https://syndication.twitter.com/srv/timeline-profile/screen-name/jack"></iframe>
      <iframe src="https://www.youtube.com/embed/abc"></iframe>`);
    createPageRewriter(document, MIRROR).processNodes([document.body]);
    expect(hrefs(document)).toEqual(['https://nitter.example/i/status/20', 'https://nitter.example/jack']);
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('does not reprocess handled anchors, but follows a page that changes an href', () => {
    const { document } = dom('<a href="https://x.com/jack">x</a><a href="https://example.com">e</a>');
    const rewriter = createPageRewriter(document, MIRROR);
    rewriter.processNodes([document.body]);
    rewriter.processNodes([document.body]);
    expect(rewriter.rewritten).toBe(1);
    const anchor = document.querySelector('a') as Element;
    anchor.setAttribute('href', 'https://x.com/nasa');
    rewriter.processNodes([anchor]);
    expect(anchor.getAttribute('href')).toBe('https://nitter.example/nasa');
    expect(rewriter.rewritten).toBe(2);
  });

  it('retargets rewritten links and cards when the mirror changes', () => {
    const { document } = dom(`<a href="https://x.com/jack">x</a><a href="https://example.com">e</a>
      <blockquote class="twitter-tweet"><p>t</p><a href="https://twitter.com/jack/status/20">d</a></blockquote>`);
    const rewriter = createPageRewriter(document, MIRROR);
    rewriter.processNodes([document.body]);
    rewriter.retarget(OTHER);
    expect(hrefs(document)).toEqual(['https://xcancel.example/jack', 'https://example.com', 'https://xcancel.example/jack/status/20']);
  });

  it('handles 10,000 links in one pass', () => {
    const parts: string[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      parts.push(i % 2 === 0 ? `<li><a href="https://x.com/user${i}/status/${i}?s=20">p</a></li>` : `<li><a href="https://example.com/${i}">e</a></li>`);
    }
    const { document } = dom(`<ul>${parts.join('')}</ul>`);
    const rewriter = createPageRewriter(document, MIRROR);
    rewriter.processNodes([document.body]);
    expect(rewriter.rewritten).toBe(5_000);
    const all = hrefs(document);
    expect(all[0]).toBe('https://nitter.example/user0/status/0');
    expect(all[1]).toBe('https://example.com/1');
    expect(all[9_998]).toBe('https://nitter.example/user9998/status/9998');
    expect(all.filter((h) => h?.startsWith('https://nitter.example/'))).toHaveLength(5_000);
  });
});

describe('watchAdditions', () => {
  it('batches 1,000 nodes added in one mutation into one scheduled pass, without whole-document queries', async () => {
    const { document, Observer } = dom('<main></main>');
    const rewriter = createPageRewriter(document, MIRROR);
    const runs: (() => void)[] = [];
    const schedule: Schedule = (run) => runs.push(run);
    const process = vi.fn((nodes: Node[]) => rewriter.processNodes(nodes));
    const stop = watchAdditions(document, process, schedule, Observer);

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

    expect(runs).toHaveLength(1);
    const wholeDocument = vi.spyOn(document, 'querySelectorAll');
    runs[0]?.();
    expect(wholeDocument).not.toHaveBeenCalled();
    expect(process).toHaveBeenCalledTimes(1);
    expect(process.mock.calls[0]?.[0]).toHaveLength(1_000);
    const all = hrefs(document);
    expect(all[0]).toBe('https://example.com/0');
    expect(all[1]).toBe('https://nitter.example/u1');
    expect(all.filter((h) => h?.includes('twitter.com') || h?.includes('t.co'))).toEqual([]);

    // Our own href writes come back as attribute records: handled as no-ops.
    await settle();
    runs.slice(1).forEach((run) => run());
    expect(rewriter.rewritten).toBe(1_000);
    stop();
  });

  it('picks up an href the page changes later, and stops when asked', async () => {
    const { document, Observer } = dom('<a href="https://example.com">e</a>');
    const rewriter = createPageRewriter(document, MIRROR);
    const stop = watchAdditions(document, (nodes) => rewriter.processNodes(nodes), (run) => run(), Observer);
    document.querySelector('a')?.setAttribute('href', 'https://x.com/jack');
    await settle();
    expect(hrefs(document)).toEqual(['https://nitter.example/jack']);

    stop();
    const late = document.createElement('a');
    late.setAttribute('href', 'https://x.com/late');
    document.body.append(late);
    await settle();
    expect(late.getAttribute('href')).toBe('https://x.com/late');
  });
});
