/**
 * The Mastodon side end to end against the protocol-faithful test server:
 * sign in with PKCE through the real authorize form, then publish every kind
 * of part with the token that sign-in produced (so the scopes we ask for are
 * proven sufficient), including the failures the outbox must tell apart.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pngBytes, startMastodonServer, type MastodonTestServer } from '../../servers/mastodon/index.ts';
import { normaliseServerInput } from '../../../lib/networks/mastodon/server-input.ts';
import {
  buildAuthorizeUrl,
  createPkce,
  exchangeCode,
  parseRedirect,
  registerApp,
  revokeToken,
  verifyCredentials,
  type MastodonApp,
} from '../../../lib/networks/mastodon/oauth.ts';
import { fetchInstance, type MastodonInstanceInfo } from '../../../lib/networks/mastodon/instance.ts';
import { mapInteractionToMastodon, publishMastodonPart } from '../../../lib/networks/mastodon/engine/publish.ts';
import {
  followMastodonAccount,
  lookupMastodonAccount,
  relationships,
} from '../../../lib/networks/mastodon/engine/follow.ts';
import type { MastodonSession } from '../../../lib/networks/mastodon/engine/client.ts';
import { PublishError, type ImageToSend, type PartToSend } from '../../../lib/networks/types.ts';
import type { MastodonVisibility } from '../../../lib/model/draft.ts';
import { makePart } from '../support/part.ts';

const REDIRECT_URI = 'https://abcdefghijklmnop.chromiumapp.org/mastodon';
const PASSWORD = 'correct horse battery staple';

interface SignedIn {
  origin: string;
  app: MastodonApp;
  session: MastodonSession;
  instance: MastodonInstanceInfo;
}

/** Submits the server's consent form as the person would, and returns where the browser is sent. */
async function submitConsent(authorizeUrl: string, decision: 'authorize' | 'deny', username: string): Promise<string> {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<form method="post" action="/oauth/authorize">');
  const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
  form.set('decision', decision);
  if (decision === 'authorize') {
    form.set('username', username);
    form.set('password', PASSWORD);
  }
  const answer = await fetch(new URL('/oauth/authorize', authorizeUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  expect(answer.status).toBe(302);
  return answer.headers.get('location') ?? '';
}

async function signIn(server: MastodonTestServer, username: string): Promise<SignedIn> {
  server.createAccount(username, PASSWORD);
  const input = normaliseServerInput(`${server.url}/@${username}`);
  if (!('origin' in input)) throw input.error;
  const origin = input.origin;
  const instance = await fetchInstance(origin);
  const app = await registerApp(origin, REDIRECT_URI);
  const pkce = instance.supportsPkce ? await createPkce() : null;
  const state = randomUUID();
  const authorizeUrl = buildAuthorizeUrl({
    origin,
    clientId: app.clientId,
    redirectUri: REDIRECT_URI,
    state,
    ...(pkce ? { challenge: pkce.challenge } : {}),
  });
  const code = parseRedirect(await submitConsent(authorizeUrl, 'authorize', username), state);
  const token = await exchangeCode({
    origin,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: REDIRECT_URI,
    code,
    ...(pkce ? { verifier: pkce.verifier } : {}),
  });
  return { origin, app, instance, session: { origin, accessToken: token.accessToken } };
}

function part(overrides: Partial<PartToSend> = {}): PartToSend {
  return makePart({ text: 'Hello from Sortie', idempotencyKey: randomUUID(), ...overrides });
}

function png(n: number, width = 40 + n, height = 30 + n): ImageToSend {
  const bytes = new Uint8Array(pngBytes(width, height));
  return {
    mediaId: `local-${n}`,
    alt: `Picture number ${n}`,
    mime: 'image/png',
    width,
    height,
    size: bytes.byteLength,
    focus: { x: 0.25 * (n - 2), y: -0.5 },
    blob: new Blob([bytes], { type: 'image/png' }),
  };
}

async function publishError(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PublishError)) throw new Error(`expected a PublishError, got ${String(error)}`);
  return error;
}

describe('Mastodon 4.5: sign-in and publishing', () => {
  let server: MastodonTestServer;
  let me: SignedIn;

  beforeAll(async () => {
    server = await startMastodonServer({ version: '4.5.0' });
    me = await signIn(server, 'alice');
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.faults.nextStatuses.length = 0;
    server.faults.mediaProcessingMs = 0;
  });

  const statusById = (id: string) => server.state.statuses.find((s) => s.id === id);

  describe('sign-in', () => {
    it('keeps the loopback origin, sees 4.5 features and gets a token for the right account', async () => {
      expect(me.origin).toBe(server.url);
      expect(me.instance).toMatchObject({ version: '4.5.0', supportsPkce: true, supportsQuotePolicy: true });
      expect(me.instance.limits).toMatchObject({
        maxCharacters: 500,
        charactersReservedPerUrl: 23,
        maxMediaAttachments: 4,
      });
      const profile = await verifyCredentials(me.origin, me.session.accessToken);
      expect(profile).toMatchObject({ username: 'alice', acct: 'alice' });
      const code = server.state.authCodes.at(-1);
      expect(code).toMatchObject({ codeChallengeMethod: 'S256', used: true });
    });

    it('only asked for the fine-grained scopes it needs', () => {
      const token = server.state.tokens.find((t) => t.token === me.session.accessToken);
      expect(token?.scopes.sort()).toEqual(
        ['read:accounts', 'read:follows', 'read:search', 'write:follows', 'write:media', 'write:statuses'].sort(),
      );
    });

    it('reports Deny on the consent page as cancelled', async () => {
      const app = await registerApp(me.origin, REDIRECT_URI);
      const pkce = await createPkce();
      const url = buildAuthorizeUrl({
        origin: me.origin,
        clientId: app.clientId,
        redirectUri: REDIRECT_URI,
        state: 's-deny',
        challenge: pkce.challenge,
      });
      const location = await submitConsent(url, 'deny', 'alice');
      expect(() => parseRedirect(location, 's-deny')).toThrow(expect.objectContaining({ kind: 'cancelled' }));
      expect(() => parseRedirect(location, 'another-state')).toThrow(
        expect.objectContaining({ kind: 'stateMismatch' }),
      );
    });

    it('refuses a code exchanged with the wrong PKCE verifier', async () => {
      server.createAccount('mallory', PASSWORD);
      const app = await registerApp(me.origin, REDIRECT_URI);
      const pkce = await createPkce();
      const url = buildAuthorizeUrl({
        origin: me.origin,
        clientId: app.clientId,
        redirectUri: REDIRECT_URI,
        state: 's2',
        challenge: pkce.challenge,
      });
      const code = parseRedirect(await submitConsent(url, 'authorize', 'mallory'), 's2');
      const other = await createPkce();
      const error = await exchangeCode({
        origin: me.origin,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        redirectUri: REDIRECT_URI,
        code,
        verifier: other.verifier,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'auth', messageKey: 'error.mastodon.auth' });
    });
  });

  describe('publishing', () => {
    it('posts text whose URLs count as 23 characters, and returns its web URL', async () => {
      const text = `${'a'.repeat(460)} https://example.org/${'long-path/'.repeat(10)} done`;
      expect([...text].length).toBeGreaterThan(500);
      const ref = await publishMastodonPart(me.session, me.instance, part({ text }));
      expect(statusById(ref.id)?.text).toBe(text);
      expect(ref.url).toMatch(new RegExp(`^${server.url}/@alice/${ref.id}$`));
    });

    it('uploads 4 images with descriptions and focus, waiting through 202 and 206', async () => {
      server.faults.mediaProcessingMs = 1_200;
      const images = [png(1), png(2), png(3), png(4)];
      const ref = await publishMastodonPart(me.session, me.instance, part({ text: 'four pictures', images }));
      const status = statusById(ref.id);
      expect(status?.mediaIds).toHaveLength(4);
      const media = status?.mediaIds.map((id) => server.state.media.find((m) => m.id === id));
      expect(media?.map((m) => m?.description)).toEqual(images.map((i) => i.alt));
      expect(media?.map((m) => m?.focus)).toEqual(images.map((i) => i.focus));
      expect(media?.map((m) => [m?.width, m?.height])).toEqual(images.map((i) => [i.width, i.height]));
      const log = server.state.requestLog;
      expect(log.filter((e) => e.path === '/api/v2/media').map((e) => e.status)).toEqual([202, 202, 202, 202]);
      const polls = log.filter((e) => e.method === 'GET' && e.path.startsWith('/api/v1/media/'));
      expect(polls.some((e) => e.status === 206)).toBe(true);
      expect(polls.filter((e) => e.status === 200)).toHaveLength(4);
    });

    it('marks a post with a content warning as sensitive', async () => {
      const ref = await publishMastodonPart(
        me.session,
        me.instance,
        part({ text: 'the ending', contentWarning: 'film spoilers', images: [png(1)] }),
      );
      expect(statusById(ref.id)).toMatchObject({ spoilerText: 'film spoilers', sensitive: true });
    });

    it.each<MastodonVisibility>(['public', 'unlisted', 'private', 'direct'])(
      'posts with visibility %s',
      async (visibility) => {
        const ref = await publishMastodonPart(me.session, me.instance, part({ text: `to ${visibility}`, visibility }));
        expect(statusById(ref.id)?.visibility).toBe(visibility);
      },
    );

    it('narrows visibility for reply policies Mastodon expresses that way', async () => {
      const followers = await publishMastodonPart(
        me.session,
        me.instance,
        part({ interaction: { reply: 'followers', allowQuotes: true } }),
      );
      const mentioned = await publishMastodonPart(
        me.session,
        me.instance,
        part({ text: '@alice hi', interaction: { reply: 'mentioned', allowQuotes: true } }),
      );
      expect(statusById(followers.id)?.visibility).toBe('private');
      expect(statusById(mentioned.id)?.visibility).toBe('direct');
    });

    it('sends the first language, reduced to a code Mastodon knows', async () => {
      const ref = await publishMastodonPart(me.session, me.instance, part({ text: 'Bonjour', langs: ['fr-FR', 'en'] }));
      expect(statusById(ref.id)?.language).toBe('fr');
    });

    it('posts a poll', async () => {
      const poll = { options: ['Mastodon', 'Bluesky', 'Both'], expiresInSeconds: 86_400, multiple: true };
      const ref = await publishMastodonPart(me.session, me.instance, part({ text: 'Where?', poll }));
      expect(statusById(ref.id)?.poll).toMatchObject({ options: poll.options, multiple: true });
    });

    it('chains a 3-part thread by in_reply_to_id', async () => {
      const first = await publishMastodonPart(me.session, me.instance, part({ text: 'thread 1/3' }));
      const second = await publishMastodonPart(
        me.session,
        me.instance,
        part({ text: 'thread 2/3', parent: first, root: first }),
      );
      const third = await publishMastodonPart(
        me.session,
        me.instance,
        part({ text: 'thread 3/3', parent: second, root: first }),
      );
      expect([first, second, third].map((r) => statusById(r.id)?.inReplyToId ?? null)).toEqual([
        null,
        first.id,
        second.id,
      ]);
    });

    it('schedules on the server when far enough ahead, and posts now when not', async () => {
      const later = new Date(Date.now() + 60 * 60_000).toISOString();
      const scheduled = await publishMastodonPart(
        me.session,
        me.instance,
        part({ text: 'in an hour', scheduledAt: later }),
      );
      expect(scheduled.id).toMatch(/^scheduled:/);
      expect(scheduled.url).toBe(server.url);
      const record = server.state.scheduledStatuses.find((s) => `scheduled:${s.id}` === scheduled.id);
      expect(record?.scheduledAt.toISOString()).toBe(later);
      expect(record?.params.text).toBe('in an hour');

      const soon = new Date(Date.now() + 2 * 60_000).toISOString();
      const now = await publishMastodonPart(
        me.session,
        me.instance,
        part({ text: 'in two minutes', scheduledAt: soon }),
      );
      expect(statusById(now.id)?.text).toBe('in two minutes');
    });

    it.each([
      [true, 'public'],
      [false, 'nobody'],
    ] as const)('sets quote_approval_policy (quotes allowed: %s -> %s)', async (allowQuotes, policy) => {
      const interaction = { reply: 'everyone' as const, allowQuotes };
      expect(mapInteractionToMastodon(interaction, 'public', me.instance).notApplied).toEqual([]);
      const ref = await publishMastodonPart(me.session, me.instance, part({ interaction }));
      expect(statusById(ref.id)?.quoteApprovalPolicy).toBe(policy);
    });

    it('sends the idempotency key on every try, so a lost answer does not post twice', async () => {
      const retry = part({ text: 'posted exactly once' });
      server.faults.nextStatuses.push('lostResponse');
      const lost = await publishError(publishMastodonPart(me.session, me.instance, retry));
      expect(lost).toMatchObject({ kind: 'transient' });
      const ref = await publishMastodonPart(me.session, me.instance, retry);
      const copies = server.state.statuses.filter((s) => s.text === 'posted exactly once');
      expect(copies.map((s) => s.id)).toEqual([ref.id]);
      expect(copies[0]?.idempotencyKey).toBe(retry.idempotencyKey);
      const attempts = server.state.requestLog.filter(
        (e) => e.path === '/api/v1/statuses' && e.headers['idempotency-key'] === retry.idempotencyKey,
      );
      expect(attempts.map((e) => e.status)).toEqual([null, 200]);
    });
  });

  describe('failures', () => {
    it('classifies 422 as validation, with the server text', async () => {
      const error = await publishError(publishMastodonPart(me.session, me.instance, part({ text: 'x'.repeat(501) })));
      expect(error).toMatchObject({ kind: 'validation', messageKey: 'error.mastodon.validation', permanent: true });
      expect(error.detail).toContain('Text character limit of 500 exceeded');
    });

    it('classifies 429 as rate-limit, retrying at X-RateLimit-Reset', async () => {
      server.faults.rateLimitResetMs = 90_000;
      server.faults.nextStatuses.push('rateLimit');
      const before = Date.now();
      const error = await publishError(publishMastodonPart(me.session, me.instance, part()));
      expect(error).toMatchObject({ kind: 'rate-limit', messageKey: 'error.rateLimited' });
      expect(error.retryAt).toBeGreaterThanOrEqual(before + 88_000);
      expect(error.retryAt).toBeLessThanOrEqual(Date.now() + 92_000);
    });

    it.each(['error500', 'error502', 'error503'] as const)('classifies %s as transient', async (fault) => {
      server.faults.nextStatuses.push(fault);
      const error = await publishError(
        publishMastodonPart(me.session, me.instance, part({ text: `survives ${fault}` })),
      );
      expect(error).toMatchObject({ kind: 'transient', permanent: false });
      expect(server.state.statuses.some((s) => s.text === `survives ${fault}`)).toBe(false);
    });

    it('classifies a reply to a deleted post as permanent', async () => {
      const error = await publishError(
        publishMastodonPart(me.session, me.instance, part({ parent: { id: '1', url: '' } })),
      );
      expect(error).toMatchObject({ kind: 'validation', messageKey: 'error.mastodon.notFound' });
    });
  });

  describe('follow bridge', () => {
    it('finds a remote account through a resolving search, follows it and reads the relationship', async () => {
      const { id } = server.addRemoteAccount('bob@remote.example', { display_name: 'Bob' });
      const found = await lookupMastodonAccount(me.session, '@bob@remote.example');
      expect(found).toMatchObject({ id, acct: 'bob@remote.example', displayName: 'Bob' });
      const followed = await followMastodonAccount(me.session, id);
      expect(followed.following || followed.requested).toBe(true);
      const [relationship] = await relationships(me.session, [id]);
      expect(relationship).toMatchObject({ id, following: true });
      await expect(lookupMastodonAccount(me.session, 'nobody@nowhere.example')).resolves.toBeNull();
    });
  });

  describe('disconnecting', () => {
    it('revokes the token; publishing then fails with auth', async () => {
      const other = await signIn(server, 'carol');
      await revokeToken(other.origin, other.app.clientId, other.app.clientSecret, other.session.accessToken);
      const error = await publishError(publishMastodonPart(other.session, other.instance, part()));
      expect(error).toMatchObject({ kind: 'auth', messageKey: 'error.mastodon.auth', permanent: true });
      await expect(verifyCredentials(other.origin, other.session.accessToken)).rejects.toMatchObject({ kind: 'auth' });
    });
  });
});

describe('Mastodon 4.4: no quote policy', () => {
  let server: MastodonTestServer;
  let me: SignedIn;

  beforeAll(async () => {
    server = await startMastodonServer({ version: '4.4.3' });
    me = await signIn(server, 'dave');
  });
  afterAll(() => server.close());

  it('does not send quote_approval_policy and reports it as not applied', async () => {
    expect(me.instance).toMatchObject({ supportsQuotePolicy: false, supportsPkce: true });
    const interaction = { reply: 'everyone' as const, allowQuotes: false };
    expect(mapInteractionToMastodon(interaction, 'public', me.instance).notApplied).toEqual([
      'notice.mastodon.quotesUnsupported',
    ]);
    const ref = await publishMastodonPart(me.session, me.instance, part({ interaction }));
    expect(server.state.statuses.find((s) => s.id === ref.id)?.quoteApprovalPolicy).toBeNull();
  });
});

describe('older servers', () => {
  let server: MastodonTestServer;
  afterAll(() => server.close());

  it('falls back to /api/v1/instance and signs in without PKCE before 4.3', async () => {
    server = await startMastodonServer({ version: '3.5.19', v2Instance: false, supportsPkce: false });
    const me = await signIn(server, 'erin');
    expect(me.instance).toMatchObject({ version: '3.5.19', supportsPkce: false, supportsQuotePolicy: false });
    expect(server.state.authCodes.at(-1)?.codeChallenge).toBeNull();
    const ref = await publishMastodonPart(me.session, me.instance, part({ text: 'still works' }));
    expect(server.state.statuses.find((s) => s.id === ref.id)?.text).toBe('still works');
  });
});
