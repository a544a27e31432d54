/**
 * The counter in words a person understands: how long the whole text is,
 * how many posts it makes, and how full the post the caret is in is.
 * One post: "120 / 500 characters". A thread: "3 posts · 1,240 characters in
 * all · post 2: 120 / 500" (with the caret elsewhere: "… · at most 500 per
 * post"). The units are the network's own (counted by its text rules, lib/networks/<network>/text/); the words
 * never name bytes.
 */

export interface CounterFacts {
  /** Number of posts the text makes (0 or 1: a single post). */
  posts: number;
  /** The network's limit for one post. */
  limit: number;
  /** The whole text, as if it were one post. */
  totalUsed: number;
  /** The caret's post (0-based), or -1 when the caret is not in this network's text. */
  caretPart: number;
  /** Length of post k as sent (numbering included). */
  partUsed: (k: number) => number;
}

export type CounterPhrase =
  | { key: 'compose.counter.one'; params: { used: number; limit: number } }
  | { key: 'compose.counter.thread'; params: { n: number; used: number } }
  | { key: 'compose.counter.part'; params: { k: number; used: number; limit: number } }
  | { key: 'compose.counter.perPost'; params: { limit: number } };

/** The phrases of the counter, in order; the page joins them with " · ". */
export function counterPhrases(f: CounterFacts): CounterPhrase[] {
  if (f.posts <= 1) return [{ key: 'compose.counter.one', params: { used: f.totalUsed, limit: f.limit } }];
  const thread: CounterPhrase = { key: 'compose.counter.thread', params: { n: f.posts, used: f.totalUsed } };
  if (f.caretPart < 0 || f.caretPart >= f.posts)
    return [thread, { key: 'compose.counter.perPost', params: { limit: f.limit } }];
  return [
    thread,
    { key: 'compose.counter.part', params: { k: f.caretPart + 1, used: f.partUsed(f.caretPart), limit: f.limit } },
  ];
}

/** "one" or "other" for a count of things in `lang` (French says "1 compte", "0 compte" too). */
export function pluralOf(lang: string, n: number): 'one' | 'other' {
  return new Intl.PluralRules(lang).select(n) === 'one' ? 'one' : 'other';
}
