/**
 * Well-known French-speaking Mastodon servers that take sign-ups from
 * anyone, suggested to people who have no account yet. Only suggestions:
 * the connect form accepts any server, and none of these is contacted
 * unless the person picks it (tests/privacy/allowed-hosts.json).
 */
export const SUGGESTED_MASTODON_SERVERS: readonly string[] = [
  'piaille.fr',
  'mastouille.fr',
  'mastodon.tedomum.net',
  'toot.aquilenet.fr',
];
