// Shapes shared by every module of the Mastodon test server: the options a test
// starts it with, the records it keeps (inspectable by tests through `state`) and
// the faults a test can inject.

export interface PollLimits {
  maxOptions: number;
  maxCharactersPerOption: number;
  /** Seconds. */
  minExpiration: number;
  /** Seconds. */
  maxExpiration: number;
}

export interface MastodonServerOptions {
  /**
   * Which server to behave like (profiles.ts): 'mastodon' (default), 'hollo',
   * 'gotosocial' or 'akkoma'. Its values are the defaults of every option below.
   */
  profile?: import('./profiles').ServerProfileName;
  /** Reported in /api/v2/instance `version`, default '4.5.0'. */
  version?: string;
  /** Default 500. */
  maxCharacters?: number;
  /** Default 23. */
  charactersReservedPerUrl?: number;
  /** Default 4. */
  maxMediaAttachments?: number;
  /** Default 16777216 (16 MB, Mastodon 4.4+). */
  imageSizeLimit?: number;
  /** Default true; false -> /api/v2/instance answers 404 like a server older than 4.0. */
  v2Instance?: boolean;
  /** Default true; false -> code_challenge is ignored like a server before 4.3. */
  supportsPkce?: boolean;
  /** Instance title. */
  title?: string;
  /** What GET /.well-known/nodeinfo links to; null -> no nodeinfo at all (404), as behind some proxies. */
  nodeinfo?: { name: string; version: string; schema: '2.0' | '2.1' } | null;
  /** Default true; false -> POST /oauth/revoke answers 404 (Hollo). */
  hasRevoke?: boolean;
  /** Default false; true -> `scheduled_at` is ignored and the post published now (Hollo, GoToSocial). */
  ignoresScheduledAt?: boolean;
  /**
   * How long an Idempotency-Key is remembered after the status it made, in
   * ms; null -> the header is ignored (GoToSocial). Mastodon and Hollo: one
   * hour; Akkoma: six hours. Tests shorten it to see a key expire.
   */
  idempotencyKeyTtlMs?: number | null;
  /** Default false; true -> POST /api/v1/statuses takes JSON bodies only (Hollo). */
  jsonOnlyStatuses?: boolean;
  /** Default false; true -> post text rendered as Markdown (Hollo). */
  markdown?: boolean;
  /** Default false; true -> Pleroma's top-level limits in GET /api/v1/instance (Akkoma). */
  pleromaInstance?: boolean;
  /** Poll limits (configuration.polls), Mastodon's by default. */
  polls?: PollLimits;
}

export type ResolvedOptions = Required<MastodonServerOptions>;

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';
export type QuotePolicy = 'public' | 'followers' | 'nobody';
export type MediaType = 'image' | 'gifv' | 'video' | 'audio';

export interface AppRecord {
  id: string;
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  clientId: string;
  clientSecret: string;
  createdAt: Date;
}

export interface ProfileField {
  name: string;
  value: string;
  verifiedAt: string | null;
}

export interface AccountRecord {
  id: string;
  username: string;
  /** null for local accounts, the remote host otherwise. */
  domain: string | null;
  displayName: string;
  /** HTML, as Mastodon stores rendered notes. */
  note: string;
  fields: ProfileField[];
  locked: boolean;
  bot: boolean;
  /** Only local accounts can sign in. */
  password: string | null;
  /** Remote accounts are only found without `resolve=true` once something fetched them. */
  fetched: boolean;
  url: string;
  uri: string;
  createdAt: Date;
}

export interface TokenRecord {
  token: string;
  appId: string;
  /** null for client_credentials (app-only) tokens. */
  accountId: string | null;
  scopes: string[];
  createdAt: Date;
  revoked: boolean;
}

export interface AuthCodeRecord {
  code: string;
  appId: string;
  accountId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  expiresAt: number;
  used: boolean;
}

export interface PollRecord {
  id: string;
  options: string[];
  expiresAt: Date;
  multiple: boolean;
  hideTotals: boolean;
}

export interface StatusRecord {
  id: string;
  accountId: string;
  appId: string | null;
  text: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string;
  inReplyToId: string | null;
  mediaIds: string[];
  poll: PollRecord | null;
  /** null when the server is older than 4.5 and ignored the parameter. */
  quoteApprovalPolicy: QuotePolicy | null;
  idempotencyKey: string | null;
  createdAt: Date;
  deleted: boolean;
}

/** The `params` of a ScheduledStatus, in Mastodon's own snake_case. */
export interface ScheduledParams {
  text: string;
  poll: { options: string[]; expires_in: number; multiple: boolean; hide_totals: boolean } | null;
  media_ids: string[] | null;
  sensitive: boolean | null;
  spoiler_text: string | null;
  visibility: Visibility | null;
  language: string | null;
  in_reply_to_id: string | null;
  application_id: string | null;
  quote_approval_policy: QuotePolicy | null;
  scheduled_at: null;
  idempotency: null;
  with_rate_limit: false;
}

export interface ScheduledStatusRecord {
  id: string;
  accountId: string;
  scheduledAt: Date;
  params: ScheduledParams;
  mediaIds: string[];
  idempotencyKey: string | null;
  createdAt: Date;
}

export interface MediaRecord {
  id: string;
  accountId: string;
  type: MediaType;
  mimeType: string;
  fileName: string;
  size: number;
  data: Buffer;
  width: number | null;
  height: number | null;
  description: string | null;
  focus: { x: number; y: number } | null;
  createdAt: Date;
  /** Epoch ms after which the full-size file counts as processed. */
  readyAt: number;
  /** True while GET /api/v1/media/:id would answer 206. */
  readonly processing: boolean;
  statusId: string | null;
  scheduledStatusId: string | null;
}

export interface FollowRecord {
  followerId: string;
  targetId: string;
  createdAt: Date;
  /** Epoch ms when the follow request counts as accepted; null while it waits (locked account). */
  acceptAt: number | null;
  /** 'requested' until acceptAt has passed. */
  readonly state: 'requested' | 'accepted';
  showingReblogs: boolean;
  notifying: boolean;
  languages: string[] | null;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  /** Only the headers tests care about: authorization, content-type, idempotency-key, origin. */
  headers: Record<string, string>;
  time: Date;
  /** Filled when the response is sent; null when it was lost or never sent. */
  status: number | null;
}

export interface IdempotencyEntry {
  kind: 'status' | 'scheduled';
  id: string;
  expiresAt: number;
}

export interface ServerState {
  apps: AppRecord[];
  accounts: AccountRecord[];
  tokens: TokenRecord[];
  authCodes: AuthCodeRecord[];
  statuses: StatusRecord[];
  scheduledStatuses: ScheduledStatusRecord[];
  media: MediaRecord[];
  follows: FollowRecord[];
  requestLog: RequestLogEntry[];
  /** Keyed by `${accountId}:${Idempotency-Key}`, kept one hour like Mastodon's Redis entry. */
  idempotency: Map<string, IdempotencyEntry>;
}

export type StatusFault = 'error500' | 'error502' | 'error503' | 'rateLimit' | 'lostResponse' | 'hugeBody';

export interface ServerFaults {
  /** Added before every request is handled. */
  latencyMs: number;
  /** Consumed one per POST /api/v1/statuses, oldest first. */
  nextStatuses: StatusFault[];
  /** How far in the future X-RateLimit-Reset of an injected 429 lies. Default 60000. */
  rateLimitResetMs: number;
  /** How long a new upload answers 206; > 0 also makes POST /api/v2/media answer 202. */
  mediaProcessingMs: number;
  /** How long a follow of an unlocked remote account stays requested. Default 0. */
  remoteFollowAcceptMs: number;
  /** What each `hugeBody` answer wrote before it ended: bytes, and whether the client hung up first. */
  hugeBodies: { bytes: number; clientClosed: boolean; done: Promise<void> }[];
}

export interface RemoteAccountInit {
  display_name?: string;
  note?: string;
  fields?: { name: string; value: string }[];
  locked?: boolean;
  bot?: boolean;
  /** Already fetched by this server, so found without resolve=true. Default false. */
  fetched?: boolean;
}

export interface MastodonTestServer {
  /** 'http://127.0.0.1:PORT' */
  url: string;
  close(): Promise<void>;
  /** A local account plus a ready access token with read, write, follow and push scopes. */
  createAccount(username: string, password?: string): { id: string; token: string };
  /** An account on another server, e.g. 'alice@remote.example'. */
  addRemoteAccount(acct: string, init?: RemoteAccountInit): { id: string };
  state: ServerState;
  faults: ServerFaults;
}
