/** Sign-in, session reuse, refresh and sign-out against a real PDS. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toPublishError } from '../../lib/networks/bluesky/engine/errors.ts';
import {
  type BlueskySession,
  loginBluesky,
  logoutBluesky,
  looksLikeAppPassword,
  resumeBluesky,
} from '../../lib/networks/bluesky/engine/session.ts';
import { PublishError } from '../../lib/networks/types.ts';
import { expireAccessJwt, startTestPds, type TestPds, type TestUser } from './pds.ts';

let pds: TestPds;
let alice: TestUser;

beforeAll(async () => {
  pds = await startTestPds();
  alice = await pds.createUser('alice');
});

afterAll(async () => {
  await pds?.close();
});

async function login(): Promise<BlueskySession> {
  const result = await loginBluesky({ identifier: alice.handle, password: alice.appPassword, service: pds.url });
  if (!result.ok) throw new Error(`login failed: ${result.reason} ${result.detail}`);
  return result.session;
}

function recorder() {
  const changes: (BlueskySession | null)[] = [];
  return { changes, listener: (s: BlueskySession | null) => void changes.push(s) };
}

describe('loginBluesky', () => {
  it('signs in with an app password and keeps only tokens', async () => {
    const result = await loginBluesky({
      identifier: `@${alice.handle}`,
      password: alice.appPassword,
      service: pds.url,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { session } = result;
    expect(session).toMatchObject({ did: alice.did, handle: 'alice.test', service: pds.url });
    expect(session.accessJwt.split('.')).toHaveLength(3);
    expect(session.refreshJwt).not.toBe(session.accessJwt);
    const stored = JSON.stringify(session);
    expect(stored).not.toContain(alice.appPassword);
    expect(stored).not.toContain(alice.password);
    const allowed = ['accessJwt', 'did', 'email', 'handle', 'refreshJwt', 'service'];
    for (const key of Object.keys(session)) expect(allowed).toContain(key);
  });

  it('says clearly when the password is wrong', async () => {
    const result = await loginBluesky({ identifier: alice.handle, password: 'abcd-efgh-ijkl-mnop', service: pds.url });
    expect(result).toMatchObject({ ok: false, reason: 'bad-credentials', messageKey: 'error.bluesky.badCredentials' });
    if (!result.ok) expect(result.detail).toMatch(/invalid identifier or password/i);
  });

  it("reports an unreachable server in connect's own words, not as a post that will be retried", async () => {
    const result = await loginBluesky({
      identifier: alice.handle,
      password: alice.appPassword,
      service: 'http://127.0.0.1:9',
    });
    expect(result).toMatchObject({ ok: false, reason: 'network', messageKey: 'error.bluesky.unreachable' });
  });

  it('tells app passwords from account passwords', () => {
    expect(looksLikeAppPassword(alice.appPassword)).toBe(true);
    expect(looksLikeAppPassword(alice.password)).toBe(false);
  });
});

describe('resumeBluesky', () => {
  it('reuses a valid session without refreshing it', async () => {
    const session = await login();
    const { changes, listener } = recorder();
    const agent = await resumeBluesky(session, listener);
    const me = await agent.com.atproto.server.getSession();
    expect(me.data.did).toBe(alice.did);
    expect(agent.session?.refreshJwt).toBe(session.refreshJwt);
    expect(changes).toEqual([]);
  });

  it('refreshes an expired access token before use and reports the new tokens', async () => {
    const session = await login();
    const expired = { ...session, accessJwt: expireAccessJwt(session.accessJwt) };
    const { changes, listener } = recorder();
    const agent = await resumeBluesky(expired, listener);
    await vi.waitFor(() => expect(changes).toHaveLength(1));
    const fresh = changes[0];
    expect(fresh).toMatchObject({ did: alice.did, handle: alice.handle, service: pds.url });
    expect(fresh?.accessJwt).not.toBe(expired.accessJwt);
    expect(fresh?.refreshJwt).not.toBe(session.refreshJwt);
    expect((await agent.com.atproto.server.getSession()).data.did).toBe(alice.did);
  });

  it('refreshes a corrupted access token', async () => {
    const session = await login();
    const { changes, listener } = recorder();
    const agent = await resumeBluesky({ ...session, accessJwt: 'garbage' }, listener);
    await vi.waitFor(() => expect(changes).toHaveLength(1));
    expect((await agent.com.atproto.server.getSession()).data.did).toBe(alice.did);
  });

  it('refreshes when the server says the token expired mid-session, then replays the call', async () => {
    const session = await login();
    const expired = { ...session, accessJwt: expireAccessJwt(session.accessJwt) };
    const { changes, listener } = recorder();
    // A clock in 1970 makes the token look valid locally, so only the server notices.
    const agent = await resumeBluesky(expired, listener, { now: () => 0 });
    expect(changes).toEqual([]);
    const record = { $type: 'app.bsky.feed.post', text: 'after refresh', createdAt: new Date().toISOString() };
    const res = await agent.com.atproto.repo.createRecord({
      repo: alice.did,
      collection: 'app.bsky.feed.post',
      record,
    });
    expect(res.data.uri).toContain(alice.did);
    await vi.waitFor(() => expect(changes).toHaveLength(1));
    expect(changes[0]?.accessJwt).not.toBe(expired.accessJwt);
  });
});

describe('logoutBluesky', () => {
  it('revokes the session: a later refresh fails and asks for reconnection', async () => {
    const session = await login();
    await logoutBluesky(session);
    const { changes, listener } = recorder();
    const expired = { ...session, accessJwt: expireAccessJwt(session.accessJwt) };
    const error = await resumeBluesky(expired, listener).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ kind: 'auth', messageKey: 'error.bluesky.auth' });
    await vi.waitFor(() => expect(changes).toEqual([null]));
  });

  it('classifies a call as auth when the session dies mid-job', async () => {
    const session = await login();
    await logoutBluesky(session);
    const { changes, listener } = recorder();
    const expired = { ...session, accessJwt: expireAccessJwt(session.accessJwt) };
    const agent = await resumeBluesky(expired, listener, { now: () => 0 });
    const error = await agent.com.atproto.server.getSession().catch((e: unknown) => toPublishError(e));
    expect(error).toMatchObject({ kind: 'auth' });
    await vi.waitFor(() => expect(changes).toEqual([null]));
  });

  it('treats an already revoked session as logged out', async () => {
    const session = await login();
    await logoutBluesky(session);
    await expect(logoutBluesky(session)).resolves.toBeUndefined();
  });
});
