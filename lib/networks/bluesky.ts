/**
 * The Bluesky adapter's public face: sign-in and sessions, publishing a part,
 * reply targets, interaction gates, and what the composer checks before posting.
 */
export {
  accessTokenExpired,
  DEFAULT_BLUESKY_SERVICE,
  loginBluesky,
  logoutBluesky,
  looksLikeAppPassword,
  resumeBluesky,
  type BlueskyLoginFailure,
  type BlueskyLoginInput,
  type BlueskyLoginResult,
  type BlueskySession,
  type BlueskySessionListener,
  type ResumeOptions,
} from './bluesky/engine/session.ts';
export { publishBlueskyPart, MAX_LANGS, type BlueskyPublishHooks } from './bluesky/engine/publish.ts';
export { findUnresolvedMentions } from './bluesky/engine/facets.ts';
export { updateGates } from './bluesky/engine/gates.ts';
export { newRecordKey, parsePostAddress, postWebUrl, resolveReplyTarget } from './bluesky/engine/refs.ts';
export { IMAGE_MAX_BYTES, MAX_IMAGES } from './bluesky/engine/embed.ts';
export { toPublishError } from './bluesky/engine/errors.ts';
