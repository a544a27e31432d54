/** The follow bridge's accounts to look people up with: one per network, read back from the tab, in force without a pick. */
import { describe, expect, it } from 'vitest';
import {
  choiceInForce,
  chosenAccountIds,
  readStoredChoice,
  type AccountChoice,
} from '../../../lib/bridge/account-choice.ts';
import { NETWORKS } from '../../../lib/networks/registry.ts';

const ACCOUNTS = [
  { id: 'm1', network: 'mastodon' as const },
  { id: 'b1', network: 'bluesky' as const },
  { id: 'm2', network: 'mastodon' as const },
  { id: 'b2', network: 'bluesky' as const },
];

describe('readStoredChoice', () => {
  it.each<[string, unknown, AccountChoice | null]>([
    ['both networks', { bluesky: 'b1', mastodon: 'm1' }, { bluesky: 'b1', mastodon: 'm1' }],
    ['a network left out as null (the older page wrote that)', { bluesky: null, mastodon: 'm1' }, { mastodon: 'm1' }],
    ['nothing chosen', {}, {}],
    ['an unknown network dropped', { friendica: 'f1', mastodon: 'm1' }, { mastodon: 'm1' }],
    ['a value that is no id dropped', { mastodon: 42 }, {}],
    ['an own __proto__ key is no network', JSON.parse('{"__proto__": "x", "bluesky": "b1"}'), { bluesky: 'b1' }],
    ['not an object', 'm1', null],
    ['an array', ['m1'], null],
    ['null', null, null],
  ])('%s', (_label, stored, expected) => {
    expect(readStoredChoice(stored)).toEqual(expected);
  });
});

describe('choiceInForce', () => {
  it.each<[string, AccountChoice | null, readonly string[] | null, AccountChoice]>([
    ['no pick, no run: the first account of each network', null, null, { mastodon: 'm1', bluesky: 'b1' }],
    ["no pick: the last run's account on each network", null, ['m2', 'b2'], { mastodon: 'm2', bluesky: 'b2' }],
    ['no pick: a network the last run left out stays out', null, ['m2'], { mastodon: 'm2' }],
    ['a pick whose accounts exist', { bluesky: 'b2' }, ['m1', 'b1'], { bluesky: 'b2' }],
    ['a pick of nothing', {}, null, {}],
    ['a pick naming a gone account: the fallback', { mastodon: 'm9' }, null, { mastodon: 'm1', bluesky: 'b1' }],
    ['a pick naming an account of another network: the fallback', { mastodon: 'b1' }, ['m2'], { mastodon: 'm2' }],
  ])('%s', (_label, picked, lastRun, expected) => {
    expect(choiceInForce(picked, ACCOUNTS, lastRun)).toEqual(expected);
  });

  it('with the accounts not known yet, a pick cannot be checked and nothing is chosen', () => {
    expect(choiceInForce({ mastodon: 'm1' }, [], null)).toEqual({});
  });
});

describe('chosenAccountIds', () => {
  it.each<[AccountChoice, string[]]>([
    [{}, []],
    [{ bluesky: 'b1' }, ['b1']],
    [{ bluesky: 'b1', mastodon: 'm1' }, ['m1', 'b1']],
  ])('%j', (choice, ids) => {
    expect(chosenAccountIds(choice)).toEqual(ids);
  });
});

describe("a profile page's handle, from each network's meta", () => {
  it.each<[keyof typeof NETWORKS, string, string | null]>([
    ['mastodon', 'https://piaille.fr/@Jane', 'jane@piaille.fr'],
    ['mastodon', 'https://piaille.fr/@carl@other.example', 'carl@other.example'],
    ['mastodon', 'https://fosstodon.org/users/bob', 'bob@fosstodon.org'],
    ['mastodon', 'https://piaille.fr/about', null],
    ['mastodon', 'http://piaille.fr/@jane', null],
    ['bluesky', 'https://bsky.app/profile/Jane.bsky.social', 'jane.bsky.social'],
    ['bluesky', 'https://bsky.app/profile/did:plc:abc', null],
    ['bluesky', 'https://bsky.app/search?q=jane', null],
  ])('%s: %s', (network, url, handle) => {
    expect(NETWORKS[network].profileUrlHandle(url)).toBe(handle);
  });
});
