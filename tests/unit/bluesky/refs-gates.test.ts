import { TID } from '@atproto/common-web';
import { describe, expect, it } from 'vitest';
import { postgateRecord, threadgateRecord } from '../../../lib/networks/bluesky/engine/gates.ts';
import { newRecordKey, parsePostAddress, parsePostUri, postWebUrl } from '../../../lib/networks/bluesky/engine/refs.ts';

const DID = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';

describe('parsePostAddress', () => {
  it.each([
    [
      'https://bsky.app/profile/alice.bsky.social/post/3kabcdefghij2',
      { actor: 'alice.bsky.social', rkey: '3kabcdefghij2' },
    ],
    [`https://bsky.app/profile/${DID}/post/3kabcdefghij2/`, { actor: DID, rkey: '3kabcdefghij2' }],
    [`  at://${DID}/app.bsky.feed.post/3kabcdefghij2  `, { actor: DID, rkey: '3kabcdefghij2' }],
    ['https://deer.social/profile/alice.test/post/3kabcdefghij2', { actor: 'alice.test', rkey: '3kabcdefghij2' }],
    ['https://bsky.app/profile/alice.bsky.social', null],
    ['https://bsky.app/profile/alice.bsky.social/post/3kabc/likes', null],
    [`at://${DID}/app.bsky.feed.like/3kabcdefghij2`, null],
    ['https://bsky.app/profile/%E0%A4%A/post/x', null],
    ['javascript:alert(1)', null],
    ['not a url', null],
  ])('%s', (input, expected) => {
    expect(parsePostAddress(input)).toEqual(expected);
  });
});

describe('post naming', () => {
  it('builds bsky.app links and reads at-uris', () => {
    expect(postWebUrl('alice.test', '3kabcdefghij2')).toBe('https://bsky.app/profile/alice.test/post/3kabcdefghij2');
    expect(parsePostUri(`at://${DID}/app.bsky.feed.post/3k2`)).toEqual({ repo: DID, rkey: '3k2' });
    expect(parsePostUri('https://bsky.app/')).toBeNull();
  });

  it('makes fresh, valid, increasing record keys', () => {
    const keys = Array.from({ length: 50 }, () => newRecordKey());
    for (const key of keys) expect(TID.is(key)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);
  });
});

describe('gate records', () => {
  const uri = `at://${DID}/app.bsky.feed.post/3kabcdefghij2`;
  const at = '2026-01-01T00:00:00.000Z';

  it.each([
    ['everyone', null],
    ['following', [{ $type: 'app.bsky.feed.threadgate#followingRule' }]],
    ['followers', [{ $type: 'app.bsky.feed.threadgate#followerRule' }]],
    ['mentioned', [{ $type: 'app.bsky.feed.threadgate#mentionRule' }]],
    ['nobody', []],
  ] as const)('threadgate for %s', (reply, allow) => {
    const record = threadgateRecord(uri, reply, at);
    if (allow === null) expect(record).toBeNull();
    else expect(record).toEqual({ $type: 'app.bsky.feed.threadgate', post: uri, createdAt: at, allow });
  });

  it('postgate only when quotes are off', () => {
    expect(postgateRecord(uri, true, at)).toBeNull();
    expect(postgateRecord(uri, false, at)).toEqual({
      $type: 'app.bsky.feed.postgate',
      post: uri,
      createdAt: at,
      embeddingRules: [{ $type: 'app.bsky.feed.postgate#disableRule' }],
    });
  });

  it('keeps hidden replies and detached quotes even when opening up', () => {
    const kept = {
      hiddenReplies: ['at://x/app.bsky.feed.post/1'],
      detachedEmbeddingUris: ['at://y/app.bsky.feed.post/2'],
    };
    expect(threadgateRecord(uri, 'everyone', at, kept)).toEqual({
      $type: 'app.bsky.feed.threadgate',
      post: uri,
      createdAt: at,
      hiddenReplies: kept.hiddenReplies,
    });
    expect(postgateRecord(uri, true, at, kept)).toEqual({
      $type: 'app.bsky.feed.postgate',
      post: uri,
      createdAt: at,
      detachedEmbeddingUris: kept.detachedEmbeddingUris,
    });
  });
});
