import { describe, expect, it } from 'vitest';
import { createHrefStream, decodeAttribute, MAX_HELD, type HrefRewrite } from '../../../lib/links/html-href-stream';

const MIRROR = 'https://nitter.example';
/** X links to the mirror; everything else kept. */
const toMirror: HrefRewrite = (href) =>
  /^https:\/\/x\.com\//.test(href) ? MIRROR + href.slice('https://x.com'.length) : null;

const utf8 = new TextEncoder();
const text = new TextDecoder();

/** Runs `bytes` through a stream cut into the given chunk sizes (cycled), and returns the output. */
function run(
  bytes: Uint8Array,
  sizes: number[] = [bytes.length],
  rewrite = toMirror,
): { out: Uint8Array; rewritten: number; active: boolean } {
  const stream = createHrefStream(rewrite);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]!);
    parts.push(stream.push(bytes.slice(at, at + size)));
    at += size;
  }
  parts.push(stream.end());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { out, rewritten: stream.rewritten, active: stream.active };
}

const rewrite = (html: string, sizes?: number[]) => text.decode(run(utf8.encode(html), sizes).out);

describe('the document stream rewrites hrefs of <a> and <area> only', () => {
  const cases: [string, string, string][] = [
    ['a plain link', '<a href="https://x.com/jack">j</a>', `<a href="${MIRROR}/jack">j</a>`],
    ['single quotes', "<a href='https://x.com/jack'>j</a>", `<a href="${MIRROR}/jack">j</a>`],
    ['unquoted', '<a href=https://x.com/jack>j</a>', `<a href="${MIRROR}/jack">j</a>`],
    ['upper case tag and name', '<A HREF="https://x.com/jack">j</A>', `<A HREF="${MIRROR}/jack">j</A>`],
    ['spaces around =', '<a class=x href = "https://x.com/jack" id=1>', `<a class=x href = "${MIRROR}/jack" id=1>`],
    ['an area', '<area shape=rect href="https://x.com/a">', `<area shape=rect href="${MIRROR}/a">`],
    [
      'the first href wins, as in the parser',
      '<a href="https://x.com/a" href="https://x.com/b">',
      `<a href="${MIRROR}/a" href="https://x.com/b">`,
    ],
    [
      'a query with & kept, escaped back',
      '<a href="https://x.com/s?q=a&amp;f=live">',
      `<a href="${MIRROR}/s?q=a&amp;f=live">`,
    ],
    ['a bare & in a query', '<a href="https://x.com/s?q=a&lang=fr">', `<a href="${MIRROR}/s?q=a&amp;lang=fr">`],
    ['a numeric reference', '<a href="https://x.com/&#106;ack">', `<a href="${MIRROR}/jack">`],
    ['another site', '<a href="https://example.org/x.com/">', '<a href="https://example.org/x.com/">'],
    ['no href', '<a name="https://x.com/jack">', '<a name="https://x.com/jack">'],
    [
      'not a link tag',
      '<img src="https://x.com/jack"><link href="https://x.com/jack">',
      '<img src="https://x.com/jack"><link href="https://x.com/jack">',
    ],
    ['an "ab" tag is not an a', '<ab href="https://x.com/jack">', '<ab href="https://x.com/jack">'],
    ['a comment', '<!-- <a href="https://x.com/jack"> -->', '<!-- <a href="https://x.com/jack"> -->'],
    [
      'empty comments',
      '<!--><a href="https://x.com/a"><!---><a href="https://x.com/b">',
      `<!--><a href="${MIRROR}/a"><!---><a href="${MIRROR}/b">`,
    ],
    [
      'a script',
      '<script>const s = \'<a href="https://x.com/jack">\';</script>',
      '<script>const s = \'<a href="https://x.com/jack">\';</script>',
    ],
    [
      'a script, then a link',
      '<script>if (a<b) x = "</scrip";</script ><a href="https://x.com/a">',
      `<script>if (a<b) x = "</scrip";</script ><a href="${MIRROR}/a">`,
    ],
    [
      'a style, textarea and title',
      '<style>a[href="https://x.com/"]{}</style><textarea><a href="https://x.com/t"></textarea><title><a href="https://x.com/u"></title>',
      '<style>a[href="https://x.com/"]{}</style><textarea><a href="https://x.com/t"></textarea><title><a href="https://x.com/u"></title>',
    ],
    [
      'a doctype and a > inside a quoted value',
      '<!doctype html><a title="a>b" href="https://x.com/jack">',
      `<!doctype html><a title="a>b" href="${MIRROR}/jack">`,
    ],
    ['text with < in it', 'a < b <3 <a href="https://x.com/jack">', `a < b <3 <a href="${MIRROR}/jack">`],
    [
      'an embedded tweet is left for the page script',
      '<blockquote class="twitter-tweet"><blockquote>q</blockquote><a href="https://x.com/j/status/1">d</a></blockquote><a href="https://x.com/after">',
      `<blockquote class="twitter-tweet"><blockquote>q</blockquote><a href="https://x.com/j/status/1">d</a></blockquote><a href="${MIRROR}/after">`,
    ],
    [
      'a plain blockquote is not an embed',
      '<blockquote class="tweetish"><a href="https://x.com/a"></a></blockquote>',
      `<blockquote class="tweetish"><a href="${MIRROR}/a"></a></blockquote>`,
    ],
    ['plaintext: the rest is text', '<plaintext><a href="https://x.com/a">', '<plaintext><a href="https://x.com/a">'],
  ];
  it.each(cases)('%s', (_, html, expected) => {
    expect(rewrite(html)).toBe(expected);
  });

  it('gives the same bytes whatever the chunks, cut at every offset', () => {
    // Every case in one document, "plaintext" last (nothing after it is rewritten).
    const ordered = [
      ...cases.filter(([name]) => !name.startsWith('plaintext')),
      ...cases.filter(([name]) => name.startsWith('plaintext')),
    ];
    const html = ordered.map(([, h]) => h).join('\n');
    const whole = rewrite(html);
    expect(whole).toBe(ordered.map(([, , e]) => e).join('\n'));
    for (const size of [1, 2, 3, 5, 7, 13, 64]) expect(rewrite(html, [size])).toBe(whole);
    for (let cut = 1; cut < html.length; cut++) expect(rewrite(html, [cut, html.length])).toBe(whole);
  });

  it('keeps every other byte as it was: emoji, right-to-left text, a windows-1252 page', () => {
    const html = '<p dir="rtl">مرحبا 👋🏽 <a href="https://x.com/jack">ج</a> ✊🏿</p>';
    expect(rewrite(html, [3])).toBe(html.replace('https://x.com/jack', `${MIRROR}/jack`));
    // A windows-1252 page: é is one byte 0xE9, never decoded, so never changed.
    const latin = new Uint8Array([
      ...utf8.encode('<p>caf'),
      0xe9,
      ...utf8.encode(' <a href="https://x.com/a">'),
      0x80,
      0xff,
    ]);
    const { out } = run(latin, [4]);
    expect([...out]).toEqual([...utf8.encode('<p>caf'), 0xe9, ...utf8.encode(` <a href="${MIRROR}/a">`), 0x80, 0xff]);
  });

  it('leaves an href with bytes outside ASCII, and never writes any', () => {
    expect(rewrite('<a href="https://x.com/café">')).toBe('<a href="https://x.com/café">');
    const widening: HrefRewrite = () => 'https://nitter.example/café';
    expect(text.decode(run(utf8.encode('<a href="https://x.com/a">'), undefined, widening).out)).toBe(
      '<a href="https://x.com/a">',
    );
  });

  it('writes the new href quoted and escaped', () => {
    const quoting: HrefRewrite = () => 'https://m.example/?a="b"&c';
    expect(text.decode(run(utf8.encode("<a href='https://x.com/a'>"), undefined, quoting).out)).toBe(
      '<a href="https://m.example/?a=&quot;b&quot;&amp;c">',
    );
  });

  it("hands the tag's other attributes over, decoded (a t.co link's expanded URL)", () => {
    const seen: (string | null)[] = [];
    run(
      utf8.encode('<a data-expanded-url="https://e.org/?a=1&amp;b=2" HREF="https://t.co/x" title=T>'),
      undefined,
      (_, attribute) => {
        seen.push(attribute('data-expanded-url'), attribute('title'), attribute('missing'));
        return null;
      },
    );
    expect(seen).toEqual(['https://e.org/?a=1&b=2', 'T', null]);
  });

  it('passes a UTF-16 page through untouched (its byte order mark)', () => {
    const bytes = new Uint8Array([
      0xff,
      0xfe,
      ...[...'<a href="https://x.com/a">'].flatMap((c) => [c.charCodeAt(0), 0]),
    ]);
    const { out, rewritten, active } = run(bytes, [3]);
    expect([...out]).toEqual([...bytes]);
    expect(rewritten).toBe(0);
    expect(active).toBe(false);
  });

  it('gives up on a tag longer than it holds, losing no byte, and rewrites nothing after it', () => {
    const huge = `<img src="data:image/png;base64,${'A'.repeat(MAX_HELD * 2)}"><a href="https://x.com/a">`;
    const { out, rewritten, active } = run(utf8.encode(huge), [4096]);
    expect(text.decode(out)).toBe(huge);
    expect(rewritten).toBe(0);
    expect(active).toBe(false);
  });

  it('a document cut in the middle of a tag gets its held bytes at the end', () => {
    expect(rewrite('<p>x</p><a href="https://x.com/a', [5])).toBe('<p>x</p><a href="https://x.com/a');
  });

  it('a callback that throws ends rewriting; the page still gets every byte', () => {
    const html = '<a href="https://x.com/a">1</a><a href="https://x.com/b">2</a>';
    const { out, active } = run(utf8.encode(html), [20], () => {
      throw new Error('boom');
    });
    expect(text.decode(out)).toBe(html);
    expect(active).toBe(false);
  });

  // A quadratic scan would take minutes on these and fail on the test's timeout.
  it('stays linear on a hostile page: thousands of "<", quotes never closed, a tag as long as it holds', () => {
    const hostile = utf8.encode(
      `${'<a title="'.repeat(10_001)}${'<'.repeat(100_000)}${'<a b'.repeat(MAX_HELD / 4 - 1)}`,
    );
    const { out } = run(hostile, [1024]);
    expect(Buffer.from(out).equals(Buffer.from(hostile))).toBe(true);
  });
});

describe('decodeAttribute', () => {
  it.each([
    ['https://x.com/a', 'https://x.com/a'],
    ['a&amp;b', 'a&b'],
    ['&lt;&gt;&quot;&apos;', '<>"\''],
    ['&#x6A;&#106;', 'jj'],
    ['?q=1&lang=fr', '?q=1&lang=fr'],
    // Not a reference browsers know, but read here as one might be: the page script decides.
    ['?a&b', null],
    ['&copy;', null],
    ['&copy/', null],
    ['&#0;', null],
    ['&#xD800;', null],
  ])('%s', (raw, decoded) => {
    expect(decodeAttribute(raw)).toBe(decoded);
  });
});
