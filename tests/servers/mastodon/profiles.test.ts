/**
 * The test server's profiles of Mastodon-API servers that are not Mastodon
 * (Hollo, GoToSocial, Akkoma), and Sortie's own modules driven against each:
 * the family is recognised, limits are read from what the server reports,
 * a post "scheduled" on a server that ignores `scheduled_at` is reported as
 * published now, and revoking where there is no `/oauth/revoke` says so.
 */
import { createRestAPIClient } from 'masto';
import { afterEach, describe, expect, it } from 'vitest';
import { revokeToken } from '../../../lib/networks/mastodon/oauth.ts';
import { fetchInstance } from '../../../lib/networks/mastodon/instance.ts';
import { NOTICE_PUBLISHED_NOW, publishMastodonPart } from '../../../lib/networks/mastodon/engine/publish.ts';
import { makePart } from '../../unit/support/part.ts';
import { startMastodonServer, type MastodonTestServer, type ServerProfileName } from './index';

let server: MastodonTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(profile: ServerProfileName) {
  server = await startMastodonServer({ profile });
  return server;
}

describe.each([
  // [profile, family, characters, poll options, scheduling, revoke]
  ['mastodon', 'mastodon', 500, 4, 'yes', 'yes'],
  ['hollo', 'hollo', 10_000, 10, 'no', 'no'],
  ['gotosocial', 'gotosocial', 5_000, 6, 'no', 'unknown'],
  ['akkoma', 'akkoma', 5_000, 20, 'yes', 'yes'],
] as const)('%s profile', (profile, family, maxCharacters, pollMaxOptions, scheduling, revoke) => {
  it('is recognised from its version and nodeinfo, with its own limits', async () => {
    const s = await start(profile);
    const info = await fetchInstance(s.url);
    expect(info.profile).toMatchObject({ family, capabilities: { scheduling, revoke } });
    expect(info.limits).toMatchObject({ maxCharacters, pollMaxOptions });
    // Only vanilla Mastodon 4.5 has quote policies; no other family is mistaken for an old Mastodon.
    expect(info.supportsQuotePolicy).toBe(profile === 'mastodon');
  });

  it('answers a post with scheduled_at as the real server does, and Sortie reports what happened', async () => {
    const s = await start(profile);
    const me = s.createAccount('me');
    const instance = await fetchInstance(s.url);
    const at = new Date(Date.now() + 60 * 60_000).toISOString();
    const ref = await publishMastodonPart(
      { origin: s.url, accessToken: me.token },
      instance,
      makePart({ text: 'Plus tard', scheduledAt: at }),
    );
    if (profile === 'hollo' || profile === 'gotosocial') {
      // Published at once: the user is told, and the link is the status itself, not the server's home.
      expect(s.state.statuses.map((st) => st.text)).toEqual(['Plus tard']);
      expect(ref.notice).toBe(NOTICE_PUBLISHED_NOW);
      expect(ref.url).not.toBe(s.url);
    } else {
      expect(s.state.scheduledStatuses).toHaveLength(1);
      expect(ref.notice).toBeUndefined();
      expect(ref.id).toMatch(/^scheduled:/);
    }
  });
});

describe('profile specifics', () => {
  it('Hollo: no /oauth/revoke (404), JSON-only status bodies, Markdown rendered', async () => {
    const s = await start('hollo');
    const me = s.createAccount('me');
    expect(await revokeToken(s.url, 'cid', 'secret', me.token)).toBe('unsupported');

    const form = await fetch(`${s.url}/api/v1/statuses`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${me.token}` },
      body: new URLSearchParams({ status: 'form body' }),
    });
    expect(form.status).toBe(400);

    const masto = createRestAPIClient({ url: s.url, accessToken: me.token });
    const status = await masto.v1.statuses.create({ status: 'Un **grand** *merci*' });
    expect(status.content).toContain('<strong>grand</strong>');
    expect(status.content).toContain('<em>merci</em>');
  });

  it("Akkoma: no /api/v2/instance; the v1 instance carries Pleroma's limits and block", async () => {
    const s = await start('akkoma');
    expect((await fetch(`${s.url}/api/v2/instance`)).status).toBe(404);
    const v1 = (await (await fetch(`${s.url}/api/v1/instance`)).json()) as Record<string, unknown>;
    expect(v1).toMatchObject({
      version: '2.7.2 (compatible; Akkoma 3.13.2)',
      max_toot_chars: 5000,
      poll_limits: { max_options: 20 },
    });
    expect(v1['pleroma']).toBeDefined();
  });

  it('GoToSocial: version with its git hash, nodeinfo 2.0', async () => {
    const s = await start('gotosocial');
    const index = (await (await fetch(`${s.url}/.well-known/nodeinfo`)).json()) as {
      links: Array<{ rel: string; href: string }>;
    };
    expect(index.links[0]!.rel).toBe('http://nodeinfo.diaspora.software/ns/schema/2.0');
    const doc = (await (await fetch(index.links[0]!.href)).json()) as { software: { name: string } };
    expect(doc.software.name).toBe('gotosocial');
  });

  it("polls are limited by the profile's configuration", async () => {
    const s = await start('hollo');
    const me = s.createAccount('me');
    const masto = createRestAPIClient({ url: s.url, accessToken: me.token });
    const options = Array.from({ length: 10 }, (_, i) => `option ${i}`);
    await expect(
      masto.v1.statuses.create({ status: 'Dix', poll: { options, expiresIn: 3600 } }),
    ).resolves.toBeDefined();
    await expect(
      masto.v1.statuses.create({ status: 'Onze', poll: { options: [...options, 'eleven'], expiresIn: 3600 } }),
    ).rejects.toThrow(/more than 10/);
  });
});
