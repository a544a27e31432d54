/** Registered Mastodon OAuth apps, one per server origin + redirect URI. */
export interface MastodonAppRecord {
  key: string; // `${origin} ${redirectUri}`
  origin: string;
  redirectUri: string;
  clientId: string;
  clientSecret: string;
  createdAt: number;
}
