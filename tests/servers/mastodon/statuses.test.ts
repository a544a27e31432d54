import { createRestAPIClient, type mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from './index';

let server: MastodonTestServer;
let masto: mastodon.rest.Client;
let alice: { id: string; token: string };
beforeAll(async () => {
  server = await startMastodonServer();
  alice = server.createAccount('alice');
  masto = createRestAPIClient({ url: server.url, accessToken: alice.token });
});
afterAll(() => server.close());

const withKey = (key: string) => ({ requestInit: { headers: { 'Idempotency-Key': key } } });

describe('POST /api/v1/statuses', () => {
  it('posts text and stores it with a url under the author', async () => {
    const status = await masto.v1.statuses.create({ status: 'Hello\n\nworld' });
    expect(status.content).toBe('<p>Hello</p><p>world</p>');
    expect(status.url).toBe(`${server.url}/@alice/${status.id}`);
    expect(status.id).toMatch(/^\d{17,19}$/);
    expect(status.account.acct).toBe('alice');
    expect(status.application).toEqual({ name: 'Test fixtures', website: null });
    expect(status.visibility).toBe('public');
    expect(status.language).toBe('en');
    const fetched = await masto.v1.statuses.$select(status.id).fetch();
    expect(fetched.id).toBe(status.id);
  });

  it.each([
    [
      { status: 'cw body', spoilerText: 'spoilers' },
      { spoilerText: 'spoilers', sensitive: true },
    ],
    [{ status: 'quiet', visibility: 'unlisted' as const }, { visibility: 'unlisted' }],
    [{ status: 'friends', visibility: 'private' as const }, { visibility: 'private' }],
    [{ status: 'bonjour', language: 'fr' }, { language: 'fr' }],
    [
      { status: 'nsfw', sensitive: true },
      { sensitive: true, spoilerText: '' },
    ],
  ])('stores %o', async (params, expected) => {
    const status = await masto.v1.statuses.create(params);
    expect(status).toMatchObject(expected);
    const stored = server.state.statuses.find((s) => s.id === status.id);
    expect(stored).toMatchObject(expected);
  });

  it('posts a content warning alone as the text, as Mastodon does', async () => {
    const status = await masto.v1.statuses.create({ status: '', spoilerText: 'only a warning' });
    expect(status.content).toBe('<p>only a warning</p>');
    expect(status.spoilerText).toBe('');
    expect(status.sensitive).toBe(true);
  });

  it('attaches a poll', async () => {
    const status = await masto.v1.statuses.create({
      status: 'Pick one',
      poll: { options: ['Tea', 'Coffee'], expiresIn: 3600, multiple: true },
    });
    expect(status.poll).toMatchObject({
      multiple: true,
      expired: false,
      options: [{ title: 'Tea' }, { title: 'Coffee' }],
    });
    const expiresAt = Date.parse(status.poll?.expiresAt ?? '');
    expect(Math.abs(expiresAt - (Date.now() + 3600_000))).toBeLessThan(5000);
  });

  it.each([
    [{ options: ['only'], expiresIn: 3600 }, 'Validation failed: Poll options must have more than one item'],
    [
      { options: ['a', 'b', 'c', 'd', 'e'], expiresIn: 3600 },
      "Validation failed: Poll options can't contain more than 4 items",
    ],
    [{ options: ['a', 'b'], expiresIn: 60 }, 'Validation failed: Poll expires at is too soon'],
    [{ options: ['a', 'a'], expiresIn: 3600 }, 'Validation failed: Poll options contain duplicate items'],
  ])('rejects poll %o', async (poll, message) => {
    await expect(masto.v1.statuses.create({ status: 'q', poll })).rejects.toMatchObject({ statusCode: 422, message });
  });

  it('threads replies and refuses replies to unknown statuses', async () => {
    const first = await masto.v1.statuses.create({ status: '1/2' });
    const second = await masto.v1.statuses.create({ status: '2/2', inReplyToId: first.id });
    expect(second.inReplyToId).toBe(first.id);
    expect(second.inReplyToAccountId).toBe(alice.id);
    expect((await masto.v1.statuses.$select(first.id).fetch()).repliesCount).toBe(1);
    await expect(masto.v1.statuses.create({ status: 'x', inReplyToId: '1' })).rejects.toMatchObject({
      statusCode: 404,
      message: 'The post you are trying to reply to does not appear to exist.',
    });
  });

  it('accepts a form-encoded body with Rails-style brackets', async () => {
    const body = new URLSearchParams();
    body.set('status', 'from a form');
    body.set('visibility', 'unlisted');
    body.append('poll[options][]', 'yes');
    body.append('poll[options][]', 'no');
    body.set('poll[expires_in]', '600');
    body.set('sensitive', 'false');
    const response = await fetch(`${server.url}/api/v1/statuses`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice.token}` },
      body,
    });
    expect(response.status).toBe(200);
    const json = (await response.json()) as {
      visibility: string;
      sensitive: boolean;
      poll: { options: { title: string }[] };
    };
    expect(json.visibility).toBe('unlisted');
    expect(json.sensitive).toBe(false);
    expect(json.poll.options.map((o) => o.title)).toEqual(['yes', 'no']);
  });

  it('rejects an empty status and an unknown visibility', async () => {
    await expect(masto.v1.statuses.create({ status: '  ' })).rejects.toMatchObject({
      message: "Validation failed: Text can't be blank",
    });
    const response = await fetch(`${server.url}/api/v1/statuses`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'x', visibility: 'limited' }),
    });
    expect(response.status).toBe(422);
  });

  it('deletes a status and returns its source text', async () => {
    const status = await masto.v1.statuses.create({ status: 'gone soon' });
    const deleted = await masto.v1.statuses.$select(status.id).remove();
    expect(deleted.text).toBe('gone soon');
    await expect(masto.v1.statuses.$select(status.id).fetch()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('Idempotency-Key', () => {
  it('returns the same status for the same key from the same account', async () => {
    const before = server.state.statuses.length;
    const first = await masto.v1.statuses.create({ status: 'once' }, withKey('k-1'));
    const second = await masto.v1.statuses.create({ status: 'once, edited' }, withKey('k-1'));
    expect(second.id).toBe(first.id);
    expect(second.content).toBe('<p>once</p>');
    expect(server.state.statuses.length).toBe(before + 1);
    expect(server.state.statuses.find((s) => s.id === first.id)?.idempotencyKey).toBe('k-1');
  });

  it('keeps keys apart per account and per key', async () => {
    const bob = server.createAccount('bob');
    const bobMasto = createRestAPIClient({ url: server.url, accessToken: bob.token });
    const a = await masto.v1.statuses.create({ status: 'shared key' }, withKey('k-2'));
    const b = await bobMasto.v1.statuses.create({ status: 'shared key' }, withKey('k-2'));
    const c = await masto.v1.statuses.create({ status: 'shared key' }, withKey('k-3'));
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(b.account.acct).toBe('bob');
  });

  it('forgets the key after an hour', async () => {
    const first = await masto.v1.statuses.create({ status: 'old' }, withKey('k-4'));
    const entry = server.state.idempotency.get(`${alice.id}:k-4`);
    if (!entry) throw new Error('idempotency entry missing');
    entry.expiresAt = Date.now() - 1;
    const second = await masto.v1.statuses.create({ status: 'new' }, withKey('k-4'));
    expect(second.id).not.toBe(first.id);
  });

  it('keeps a key as long as idempotencyKeyTtlMs says, and not at all where the server ignores it', async () => {
    const short = await startMastodonServer({ idempotencyKeyTtlMs: 50 });
    const gts = await startMastodonServer({ profile: 'gotosocial' });
    try {
      const post = async (on: MastodonTestServer, token: string, key: string) =>
        createRestAPIClient({ url: on.url, accessToken: token }).v1.statuses.create({ status: 'again' }, withKey(key));
      const carol = short.createAccount('carol');
      const a = await post(short, carol.token, 'k');
      expect((await post(short, carol.token, 'k')).id).toBe(a.id);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect((await post(short, carol.token, 'k')).id).not.toBe(a.id);

      const dave = gts.createAccount('dave');
      const b = await post(gts, dave.token, 'k');
      expect((await post(gts, dave.token, 'k')).id).not.toBe(b.id);
    } finally {
      await short.close();
      await gts.close();
    }
  });
});

describe('GET /api/v1/accounts/:id/statuses', () => {
  it('lists the author all their statuses, newest first, page by page with max_id', async () => {
    const erin = server.createAccount('erin');
    const erinMasto = createRestAPIClient({ url: server.url, accessToken: erin.token });
    const made = [];
    for (const visibility of ['public', 'unlisted', 'private', 'direct', 'public'] as const) {
      made.push(await erinMasto.v1.statuses.create({ status: `${visibility} @erin`, visibility }));
    }
    const statuses = erinMasto.v1.accounts.$select(erin.id).statuses;
    const first = await statuses.list({ limit: 3 });
    expect(first.map((s) => s.id)).toEqual([made[4]!.id, made[3]!.id, made[2]!.id]);
    const second = await statuses.list({ limit: 3, maxId: first.at(-1)!.id });
    expect(second.map((s) => s.id)).toEqual([made[1]!.id, made[0]!.id]);
    // Someone else sees only what they may.
    const others = await masto.v1.accounts.$select(erin.id).statuses.list({ limit: 40 });
    expect(others.map((s) => s.visibility).sort()).toEqual(['public', 'public', 'unlisted']);
  });
});

describe('scheduled_at', () => {
  it('schedules at least five minutes ahead and returns a ScheduledStatus', async () => {
    const at = new Date(Date.now() + 10 * 60_000).toISOString();
    const scheduled = await masto.v1.statuses.create({ status: 'later', scheduledAt: at, visibility: 'unlisted' });
    expect(scheduled).toMatchObject({
      scheduledAt: at,
      params: { text: 'later', visibility: 'unlisted' },
      mediaAttachments: [],
    });
    expect(server.state.scheduledStatuses.map((s) => s.id)).toContain(scheduled.id);
    expect(server.state.statuses.some((s) => s.text === 'later')).toBe(false);
    const again = await masto.v1.statuses.create({ status: 'later', scheduledAt: at }, withKey('sched-1'));
    const repeat = await masto.v1.statuses.create({ status: 'later', scheduledAt: at }, withKey('sched-1'));
    expect(repeat.id).toBe(again.id);
  });

  it.each([
    [2 * 60_000, 422, 'Validation failed: Scheduled at The scheduled date must be in the future'],
    [-60_000, 200, undefined],
  ])('answers a date %i ms ahead with %i', async (offset, status, error) => {
    const response = await fetch(`${server.url}/api/v1/statuses`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: `at ${offset}`, scheduled_at: new Date(Date.now() + offset).toISOString() }),
    });
    expect(response.status).toBe(status);
    const body = (await response.json()) as Record<string, unknown>;
    if (error) expect(body.error).toBe(error);
    // A date in the past publishes at once.
    else expect(body.content).toBe(`<p>at ${offset}</p>`);
  });
});

describe('quote_approval_policy', () => {
  it.each([
    ['public', 'public', ['public']],
    ['followers', 'public', ['followers']],
    ['nobody', 'public', []],
    ['public', 'private', []],
  ] as const)('%s on a %s post gives automatic %o', async (policy, visibility, automatic) => {
    const status = await masto.v1.statuses.create({ status: 'quote me', quoteApprovalPolicy: policy, visibility });
    expect(status.quoteApproval).toEqual({ automatic, manual: [], currentUser: 'automatic' });
  });

  it('is ignored before 4.5, where statuses carry no quote fields', async () => {
    const old = await startMastodonServer({ version: '4.4.3' });
    try {
      const oldMasto = createRestAPIClient({ url: old.url, accessToken: old.createAccount('carol').token });
      const status = await oldMasto.v1.statuses.create({ status: 'x', quoteApprovalPolicy: 'bogus' as 'nobody' });
      expect(status.quoteApproval).toBeUndefined();
      expect(old.state.statuses[0]?.quoteApprovalPolicy).toBeNull();
    } finally {
      await old.close();
    }
  });

  it('rejects an unknown policy on 4.5', async () => {
    await expect(
      masto.v1.statuses.create({ status: 'x', quoteApprovalPolicy: 'bogus' as 'nobody' }),
    ).rejects.toMatchObject({
      statusCode: 422,
    });
  });
});
