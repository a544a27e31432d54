/**
 * One place that builds masto's REST client for a connected account, so
 * publishing and the follow bridge share the same timeout.
 */
import { createRestAPIClient, type mastodon } from 'masto';

/**
 * A connected account's API access. masto v8 always calls the global
 * `fetch` (it has no option to inject another one), so there is no `fetch`
 * field here: tests run against a real local server, or stub the global.
 * For the same reason its answers are size-capped by installResponseCap
 * (lib/networks/shared/response-cap.ts), which the engine page installs on the
 * global fetch before any client exists.
 */
export interface MastodonSession {
  origin: string;
  accessToken: string;
}

/** Per request; generous because a 40 MB video upload over a slow uplink takes a while. */
export const MASTODON_REQUEST_TIMEOUT_MS = 120_000;

export function createMastodonClient(session: MastodonSession): mastodon.rest.Client {
  return createRestAPIClient({
    url: session.origin,
    accessToken: session.accessToken,
    timeout: MASTODON_REQUEST_TIMEOUT_MS,
  });
}
