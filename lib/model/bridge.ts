/**
 * The follow bridge's data: X accounts the user's browser showed them, the
 * accounts found for them on Mastodon and Bluesky, and why each was judged
 * sure, likely or unsure. Stored in IndexedDB (`follows`, `bridgeRuns`).
 */
import type { Network } from './draft.ts';

/** One X account as X showed it on a following / followers / list page. */
export interface XProfile {
  /** Without the `@`, as X writes it (case kept). */
  handle: string;
  displayName: string;
  bio: string;
  /** Full URLs of the links in the bio (X shows them shortened behind t.co). */
  links: string[];
  /** The profile's website field, when a page showed it. */
  website: string | null;
}

/*
 * Each closed set of words below is listed once, as data its type is read
 * from, so the backup file's schemas (lib/backup/schemas-bridge.ts) accept
 * exactly what is stored.
 */

export const CONFIDENCES = ['sure', 'likely', 'unsure'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const HINT_KINDS = ['acct', 'profile-url', 'handle', 'did', 'domain'] as const;
export type HintKind = (typeof HINT_KINDS)[number];
export const HINT_SOURCES = ['bio', 'link', 'website', 'name'] as const;
export type HintSource = (typeof HINT_SOURCES)[number];

/** Something in an X profile that may name one of the person's other accounts. */
export interface Hint {
  network: Network;
  kind: HintKind;
  /** Normalised: `user@host`, a profile URL, a lower-case handle, a DID or a domain. */
  value: string;
  source: HintSource;
  /** Words around it say it is the person's own ("🦋", "Mastodon:", "moved to"...). */
  cue: boolean;
  /** Written with letters from another script than the ASCII it imitates (a homoglyph host or handle). */
  confusable: boolean;
  /**
   * Words just before it say the person is connected to it, not that it is
   * theirs ("chargée de com' pour", "co-founder of", "@ work"): an employer's
   * or a project's account. Absent in hints stored before this existed.
   */
  affiliated?: boolean;
}

/**
 * Every kind of evidence, and the side it weighs on: for the match, or
 * against it (shown as a warning).
 */
export const EVIDENCE_SIDES = {
  /** The X profile names this account (hint value in detail). */
  'x-names': 'for',
  /** The account's profile names the X handle. */
  'names-x': 'for',
  /** Both profiles link the same site; detail says whether the server verified it (rel=me). */
  'same-site': 'for',
  'same-handle': 'for',
  'same-name': 'for',
  'similar-name': 'for',
  /** A moderation (or self) label says impersonation. */
  'impersonation-label': 'against',
  /** Name or handle imitates the X one with look-alike characters. */
  'look-alike': 'against',
  /** Another account on the same network makes the same claim. */
  contested: 'against',
  /** The X profile names a different account on this network. */
  'x-names-other': 'against',
  /** The X profile names it as somewhere the person works or belongs (detail: the words). */
  'x-names-affiliation': 'against',
  /** The X profile names it, but its name and handle are unlike the person's. */
  'name-differs': 'against',
  /** Its own bio says it is not the person (parody, fan account, not affiliated...). */
  parody: 'against',
  /** Its bio reads as an organisation's, and its name is not the person's. */
  organisation: 'against',
  /** Created a few days before the lookup (detail: the date). */
  'new-account': 'against',
} as const satisfies Record<string, 'for' | 'against'>;
export type EvidenceKind = keyof typeof EVIDENCE_SIDES;
export const EVIDENCE_KINDS = Object.keys(EVIDENCE_SIDES) as EvidenceKind[];

export interface Evidence {
  kind: EvidenceKind;
  /** Shown as it is (a hint, a URL, a label); may be empty. */
  detail: string;
}

export const FOUND_BY = ['hint', 'search', 'guess'] as const;
export type FoundBy = (typeof FOUND_BY)[number];

/** An account a lookup found, before scoring. */
export interface FoundAccount {
  network: Network;
  /** Bluesky DID, or the account id on the Mastodon server that looked it up. */
  id: string;
  /** Bluesky handle, or the full Mastodon address `user@host`. */
  handle: string;
  displayName: string;
  /** Plain text: the bio, and on Mastodon the profile fields as `name: value` lines. */
  bio: string;
  /** Links in the bio and fields. */
  links: string[];
  /** Mastodon fields the server verified (rel=me). */
  verifiedLinks: string[];
  /** Label values (`impersonation`...) from the AppView, or the profile's self-labels without one. */
  labels: string[];
  /** The profile page on the web. */
  url: string;
  /** The avatar's address as the server gave it (shown only when it is http(s)). */
  avatar?: string | null;
  /** When the account was created (ISO date), when the server says. */
  createdAt?: string | null;
  /** How it was found: an X hint named it, a search, or a same-handle guess. */
  found: FoundBy;
  /** The hints that led to it (found: 'hint'). */
  hints: Hint[];
}

/** An account as a network lookup finds it, before the bridge weighs it against the X profile. */
export type FoundProfile = Omit<FoundAccount, 'found' | 'hints'>;

export const FOLLOW_STATES = ['none', 'following', 'requested'] as const;
export type FollowState = (typeof FOLLOW_STATES)[number];

export interface Candidate extends FoundAccount {
  confidence: Confidence;
  evidence: Evidence[];
  follow: FollowState;
}

/** The outcome of looking one X account up with one of the user's accounts. */
export interface MatchResult {
  checkedAt: number;
  candidates: Candidate[];
  /** i18n keys worth showing next to it (search unavailable, a lookup failed). */
  notes: string[];
}

export interface BridgeEntry {
  /** The X handle in lower case. */
  key: string;
  x: XProfile;
  /** Where it was seen: `following:alice`, `followers:alice`, `list:123`. */
  sources: string[];
  collectedAt: number;
  /** Position in the order the lists were read (X's order); absent in entries stored before it existed. */
  seq?: number;
  updatedAt: number;
  /** Keyed by the id of the user's account that looked it up. */
  matches: Record<string, MatchResult>;
}

export type RunKind = 'match' | 'follow';
export type RunState = 'running' | 'done' | 'stopped' | 'failed';

/** The current (or last) lookup or follow run, for progress bars. One row: key 'current'. */
export interface BridgeRun {
  key: 'current';
  kind: RunKind;
  state: RunState;
  done: number;
  total: number;
  /** X accounts with a sure or likely match found in this run. */
  found: number;
  followed: number;
  failed: number;
  startedAt: number;
  /** Written while running; a stale one means the engine went away mid-run. */
  heartbeatAt: number;
  /** When a rate limit lifts, while the run waits for it. */
  waitingUntil: number | null;
  /** i18n keys: things the user should know about this run. */
  notes: string[];
  error: { messageKey: string; detail: string } | null;
  /** The accounts used. */
  accountIds: string[];
}

/** One follow to make: the X entry, the user's account, and the candidate's id. */
export interface PlannedFollow {
  key: string;
  accountId: string;
  candidateId: string;
}
