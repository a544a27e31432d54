/**
 * Mastodon mentions that match no account, looked up through the user's own
 * server (the only one that decides what `@name@host` links to in their post),
 * so the composer can flag them before posting as it does for Bluesky.
 *
 * `GET /api/v1/accounts/lookup?acct=` answers for accounts the server already
 * knows; a remote account it never fetched is then searched with
 * `resolve=true` (WebFinger through the user's server, as posting would do).
 * Anything but a clear "no such account" counts as found: better no flag than
 * a false one when the server is slow or old.
 */
import { requestJson, isRecord, defaultFetch, type FetchLike } from '../fetch.ts';

/** Mastodon's Account::MENTION_RE: '@user' or '@user@host', not inside a word or a URL. */
const MENTION = /(?<=^|[^/\w])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@([\w.-]+\w+))?/gi;

/** A long list of mentions is not worth one request each on every pause in typing. */
export const MAX_MENTIONS_CHECKED = 10;

/** The mentions in a Mastodon text, as 'user' or 'user@host', lower-cased, first occurrences only. */
export function mastodonMentions(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const acct = (match[2] ? `${match[1]}@${match[2]}` : match[1]!).toLowerCase();
    seen.add(acct);
  }
  return [...seen];
}

export interface MentionLookupSession {
  origin: string;
  accessToken: string;
  fetch?: FetchLike;
}

export async function findUnresolvedMastodonMentions(session: MentionLookupSession, text: string): Promise<string[]> {
  const accts = mastodonMentions(text).slice(0, MAX_MENTIONS_CHECKED);
  const found = await Promise.all(accts.map((acct) => exists(session, acct)));
  return accts.filter((_, i) => !found[i]);
}

async function exists(session: MentionLookupSession, acct: string): Promise<boolean> {
  const fetchImpl = session.fetch ?? defaultFetch;
  const headers = { Authorization: `Bearer ${session.accessToken}` };
  try {
    const lookup = await requestJson(
      fetchImpl,
      `${session.origin}/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`,
      { headers },
    );
    if (lookup.status >= 200 && lookup.status < 300) return true;
    if (lookup.status !== 404) return true;
    if (!acct.includes('@')) return false; // a local name the server does not know
    const q = encodeURIComponent(`@${acct}`);
    const search = await requestJson(
      fetchImpl,
      `${session.origin}/api/v2/search?q=${q}&type=accounts&resolve=true&limit=5`,
      { headers },
    );
    if (search.status < 200 || search.status >= 300 || !isRecord(search.body)) return true;
    const accounts = search.body['accounts'];
    if (!Array.isArray(accounts)) return true;
    return accounts.some(
      (a) => isRecord(a) && typeof a['acct'] === 'string' && sameAcct(a['acct'], acct, session.origin),
    );
  } catch {
    return true;
  }
}

/** The server writes its own users without the host: 'ana' for 'ana@this.server'. */
function sameAcct(answer: string, asked: string, origin: string): boolean {
  const host = new URL(origin).host.toLowerCase();
  const norm = (acct: string) => {
    const lower = acct.toLowerCase();
    return lower.endsWith(`@${host}`) ? lower.slice(0, -host.length - 1) : lower;
  };
  return norm(answer) === norm(asked);
}
