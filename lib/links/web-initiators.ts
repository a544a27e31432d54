/**
 * The `initiatorDomains` list that stands for "any website".
 *
 * Why a list at all: DNR has no condition for "this navigation was started
 * by a page". Chrome gives a request without an initiator (typed in the
 * address bar, a bookmark, a link opened from another app) an opaque origin,
 * and an opaque origin never matches a non-empty `initiatorDomains` list while
 * it always passes `excludedInitiatorDomains` (url_pattern_index
 * DoesInitiatorMatchDomainList; Firefox behaves the same). `domainType:
 * 'thirdParty'` does not help either: opaque origins count as third party.
 *
 * A domain entry also matches all its subdomains, so listing top-level
 * domains matches every site under them. The list holds every two-letter
 * country code (generated, unassigned pairs are harmless) and the generic
 * TLDs that carry real traffic. A page under a rarer TLD is treated like a
 * typed navigation: its X links open on X. That is the safe side of the
 * trade: nothing the user typed is ever taken away from them.
 */

const GENERIC_TLDS: readonly string[] = [
  'com', 'org', 'net', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'name', 'pro', 'mobi', 'asia', 'tel',
  'coop', 'aero', 'museum', 'jobs', 'travel', 'cat', 'app', 'dev', 'page', 'blog', 'news', 'xyz', 'online',
  'site', 'website', 'top', 'club', 'shop', 'store', 'tech', 'social', 'art', 'wiki', 'live', 'media',
  'network', 'space', 'cloud', 'zone', 'world', 'today', 'life', 'email', 'link', 'one', 'icu', 'vip',
  'fun', 'ink', 'lol', 'moe', 'gay', 'porn', 'sex', 'xxx', 'wtf', 'rocks', 'ninja', 'systems', 'digital',
  'studio', 'design', 'agency', 'company', 'center', 'group', 'foundation', 'institute', 'university',
  'academy', 'education', 'church', 'community', 'press', 'report', 'reviews', 'guide', 'events', 'games',
  'game', 'film', 'movie', 'music', 'radio', 'video', 'photo', 'photography', 'pics', 'gallery', 'codes',
  'software', 'solutions', 'services', 'tools', 'works', 'build', 'run', 'host', 'hosting',
  'science', 'health', 'law', 'legal', 'finance', 'money', 'bank', 'capital', 'ventures', 'fund', 'eco',
  'green', 'earth', 'city', 'town', 'land', 'house', 'homes', 'family', 'love', 'dating', 'chat', 'forum',
  'global', 'international', 'ltd', 'llc', 'inc', 'co', 'me', 'io', 'ai', 'tv', 'fm', 'gg', 'ly', 'to',
  'google', 'amazon', 'apple', 'microsoft', 'youtube', 'bbc', 'ovh', 'berlin', 'london', 'paris', 'nyc',
  'tokyo', 'quebec', 'scot', 'wales', 'eus', 'gal', 'bzh', 'krd', 'swiss', 'africa', 'arab', 'lat',
];

function countryCodes(): string[] {
  const codes: string[] = [];
  for (let a = 97; a <= 122; a += 1) {
    for (let b = 97; b <= 122; b += 1) codes.push(String.fromCharCode(a, b));
  }
  return codes;
}

/** Sorted and unique, so the compiled rules are byte-for-byte stable. */
export const WEB_INITIATOR_DOMAINS: readonly string[] = [...new Set([...countryCodes(), ...GENERIC_TLDS])].sort();

/** Domains whose own navigations are never redirected when X is kept usable. */
export const X_INITIATOR_DOMAINS: readonly string[] = ['x.com', 'twitter.com'];
