/**
 * The "moved" notice for an X bio or a pinned post, in English or French,
 * with the user's new addresses. The notice's language is the reader's, not
 * the UI's, so its wording lives here rather than in the UI dictionaries.
 */
import type { Network } from '../model/draft.ts';
import { NETWORKS, networkLabel } from '../networks/registry.ts';

export type NoticeLang = 'en' | 'fr';
export type NoticeKind = 'bio' | 'post';

export interface NoticeAccount {
  network: Network;
  /** `@user@host` (Mastodon) or `user.bsky.social` (Bluesky). */
  handle: string;
  /** The profile's web address. */
  url: string;
}

export interface NoticeOptions {
  lang: NoticeLang;
  kind: NoticeKind;
  accounts: readonly NoticeAccount[];
  /** Add profile links: X makes them clickable, it never links a fediverse address. */
  links: boolean;
}

/** X's limits: 160 characters for a bio, 280 (weighted) for a post. */
export const X_LIMITS: Record<NoticeKind, number> = { bio: 160, post: 280 };

/** French puts a narrow no-break space before : ! ? ; */
const NNBSP = '\u202f';

const WORDS = {
  en: {
    bio: 'Moved:',
    lead: "I've left X. You can find me here:",
    on: (net: string) => `on ${net}:`,
    tail: "I won't read replies here. See you there!",
  },
  fr: {
    bio: `J’ai déménagé${NNBSP}:`,
    lead: `J’ai quitté X. Vous me retrouverez ici${NNBSP}:`,
    on: (net: string) => `sur ${net}${NNBSP}:`,
    tail: `Je ne lis plus les réponses ici. À bientôt là-bas${NNBSP}!`,
  },
} as const;

function address(account: NoticeAccount): string {
  return NETWORKS[account.network].shareableHandle(account.handle);
}

export function movedNotice({ lang, kind, accounts, links }: NoticeOptions): string {
  const w = WORDS[lang];
  if (kind === 'bio') {
    const parts = accounts.map((a) => `${NETWORKS[a.network].emoji} ${links ? a.url : address(a)}`);
    return `${w.bio} ${parts.join(' · ')}`;
  }
  const lines = accounts.map(
    (a) => `${NETWORKS[a.network].emoji} ${w.on(networkLabel(a.network))} ${address(a)}${links ? ` ${a.url}` : ''}`,
  );
  return [w.lead, ...lines, w.tail].join('\n');
}

/** twitter-text's weighting: these ranges count 1, everything else 2; each URL counts 23. */
const LIGHT_RANGES: Array<[number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const URL_WEIGHT = 23;
const URL_PATTERN = /https?:\/\/\S+/g;

/** The length X counts for a post (an upper bound for a bio, which X counts per character). */
export function xWeightedLength(text: string): number {
  let length = 0;
  const withoutUrls = text.replace(URL_PATTERN, () => {
    length += URL_WEIGHT;
    return '';
  });
  const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
  for (const { segment } of segmenter.segment(withoutUrls.normalize('NFC'))) {
    if (/\p{Extended_Pictographic}/u.test(segment)) {
      length += 2;
      continue;
    }
    for (const ch of segment) {
      const cp = ch.codePointAt(0)!;
      length += LIGHT_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi) ? 1 : 2;
    }
  }
  return length;
}
