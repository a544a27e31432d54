/**
 * Sortie's Bluesky detection against the reference: @atproto/api's RichText,
 * which the engine uses to build the post's facets. Every mention, link and
 * tag RichText would make must be kept whole by the splitter, and every text
 * with a mention RichText would make must be checked for unknown handles.
 */
import { RichText } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { findTokens } from '../../../lib/compose/tokens.ts';
import { mayMentionOnBluesky } from '../../../lib/networks/bluesky/text/tokens.ts';

const TEXTS = [
  'hi @alice.bsky.social',
  '(@someone.example)',
  'merci (@quelqu.un.example) !',
  '@start.example at the start',
  'end with @end.example.',
  'emoji 👩🏽‍💻@not.a.mention and 👩🏽‍💻 @yes.example',
  'RTL שלום (@rtl.example) עולם',
  'tab\t@tab.example and newline\n@line.example',
  'a mail bob@example.com is no mention',
  'link (https://example.com/a_(b)) and (example.org/x).',
  'tags #résumé #123 #tag! (#notatag) ＃fullwidth',
  'byte offsets: é🇫🇷 @after.emoji.example https://é.example/🇫🇷',
  'cashtag $SORT and ($ABC)',
];

function rtFacets(text: string) {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  const utf16 = (byte: number) => Buffer.from(text, 'utf8').subarray(0, byte).toString('utf8').length;
  return (rt.facets ?? []).map((f) => ({
    kind: f.features[0]?.$type ?? '',
    start: utf16(f.index.byteStart),
    end: utf16(f.index.byteEnd),
  }));
}

describe('Bluesky detection agrees with RichText', () => {
  it.each(TEXTS)('%s', (text) => {
    const ours = findTokens(text, 'bluesky');
    const facets = rtFacets(text);
    for (const f of facets) {
      if (f.kind.endsWith('#tag') && text[f.start] === '$') continue; // cashtags: too short to ever need protecting
      const covered = ours.some((t) => t.start <= f.start && f.end <= t.end);
      expect(covered, `${f.kind} "${text.slice(f.start, f.end)}" is kept whole`).toBe(true);
    }
    const mentions = facets.some((f) => f.kind.endsWith('#mention'));
    if (mentions) expect(mayMentionOnBluesky(text), 'checked for unknown handles').toBe(true);
  });

  it.each([
    ['(@someone.example)', true],
    ['hi @alice.bsky.social', true],
    ['hi @alice', false],
    ['bob@example.com', false],
    ['', false],
  ])('mayMentionOnBluesky(%j) = %s', (text, may) => {
    expect(mayMentionOnBluesky(text)).toBe(may);
  });
});
