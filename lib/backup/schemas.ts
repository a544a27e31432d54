/**
 * Shapes of the records a backup file carries, checked field by field on
 * import (lib/validate.ts drops unknown keys, so nothing unexpected reaches
 * IndexedDB). Each schema is typed against the record it restores: a field
 * added to Draft, Job or Account without being added here fails `tsc`.
 */
import type { Credentials, PublicAccount, ServerInfo } from '../model/account.ts';
import type { Draft } from '../model/draft.ts';
import { interactionSchema, postContentFields } from '../model/post-schema.ts';
import type { MirrorRecord } from '../model/mirror.ts';
import type { StatRecord } from '../model/stat.ts';
import type { Job, JobError } from '../model/job.ts';
import type { MetaOfAny } from '../networks/registry.ts';
import { isNetwork, NETWORK_IDS, NETWORKS, networkSchema, perNetworkSchema } from '../networks/registry.ts';
import type { PostRef } from '../networks/types.ts';
import * as v from '../validate.ts';
import type { EncryptedBox } from './crypto.ts';

const id = v.string({ min: 1, max: 1_000 });
const text = v.string({ max: 200_000 });
const short = v.string({ max: 2_000 });
const time = v.number({ min: 0 });
const count = v.number({ min: 0, integer: true });
const network = networkSchema;
const networkStrings = perNetworkSchema(short);

export const draftSchema: v.Schema<Draft> = v.object({
  ...postContentFields,
  id,
  overrides: networkStrings,
  numbering: v.boolean(),
  replyTo: networkStrings,
  scheduledAt: v.nullable(short),
  targets: v.array(id, { max: 100 }),
  createdAt: time,
  updatedAt: time,
});

const postRef: v.Schema<PostRef> = v.object({ id: short, cid: v.optional(short), url: short });

const jobError: v.Schema<JobError> = v.object({
  kind: v.oneOf('auth', 'validation', 'rate-limit', 'transient', 'attempts', 'cancelled', 'internal'),
  messageKey: short,
  detail: text,
});

export const jobSchema: v.Schema<Job> = v.object({
  id,
  postId: id,
  draftId: id,
  accountId: id,
  network,
  partIndex: count,
  partCount: v.number({ min: 1, integer: true }),
  ...postContentFields,
  replyTo: v.nullable(short),
  idempotencyKey: v.string({ min: 1, max: 200 }),
  sendAt: v.nullable(time),
  serverScheduled: v.boolean(),
  originalDate: v.optional(time),
  state: v.oneOf('held', 'queued', 'sending', 'sent', 'retrying', 'failed', 'cancelled'),
  attempts: count,
  unansweredSince: v.optional(time),
  nextAttemptAt: time,
  lastError: v.nullable(jobError),
  result: v.nullable(postRef),
  createdAt: time,
  updatedAt: time,
});

const limits: v.Schema<ServerInfo['limits']> = v.object({
  maxCharacters: count,
  charactersReservedPerUrl: count,
  maxMediaAttachments: count,
  descriptionLimit: count,
  supportedMimeTypes: v.array(v.string({ max: 200 }), { max: 500 }),
  imageSizeLimit: count,
  videoSizeLimit: count,
  pollMaxOptions: count,
  pollMaxCharactersPerOption: count,
  pollMinExpiration: count,
  pollMaxExpiration: count,
});

const serverInfo: v.Schema<ServerInfo> = v.object({
  version: short,
  limits,
  supportsQuotePolicy: v.boolean(),
  fetchedAt: time,
});

export const publicAccountSchema: v.Schema<PublicAccount> = v.object({
  id,
  network,
  handle: short,
  displayName: short,
  server: short,
  profileUrl: short,
  status: v.oneOf('ok', 'reconnect'),
  serverInfo: v.optional(serverInfo),
  defaultInteraction: interactionSchema,
  createdAt: time,
});

/** What a sealed box holds once opened: each network's own credentials schema (lib/networks/<network>/meta.ts). */
export const credentialsSchema: v.Schema<Credentials> = (value, path = '') => {
  const kind = typeof value === 'object' && value !== null ? (value as { network?: unknown }).network : undefined;
  if (!isNetwork(kind)) throw new v.ValidationError(`${path}.network`, `one of ${NETWORK_IDS.join(', ')}`);
  return (NETWORKS[kind] as MetaOfAny).credentialsSchema(value, path);
};

const base64 = v.string({ max: 10_000, pattern: /^[A-Za-z0-9+/]*={0,2}$/ });

export const encryptedBoxSchema: v.Schema<EncryptedBox> = v.object({
  alg: v.oneOf('AES-GCM'),
  kdf: v.oneOf('PBKDF2-SHA256'),
  iterations: v.number({ integer: true, min: 1 }),
  salt: base64,
  iv: base64,
  ciphertext: base64,
});

/** The box that holds a whole passphrase file: the same fields, a ciphertext as large as the file may be. */
export const fileBoxSchema: v.Schema<EncryptedBox> = v.object({
  alg: v.oneOf('AES-GCM'),
  kdf: v.oneOf('PBKDF2-SHA256'),
  iterations: v.number({ integer: true, min: 1 }),
  salt: base64,
  iv: base64,
  ciphertext: v.string({ max: 72_000_000, pattern: /^[A-Za-z0-9+/]*={0,2}$/ }),
});

const sealedCredentials = v.nullable(v.object({ encrypted: encryptedBoxSchema }));

/** An account in the file: its public fields, and its tokens sealed with the passphrase or left out (null). */
export type BackupAccount = PublicAccount & { credentials: { encrypted: EncryptedBox } | null };

export const backupAccountSchema: v.Schema<BackupAccount> = (value, path = '') => ({
  ...publicAccountSchema(value, path),
  credentials: sealedCredentials(
    (value as { credentials?: unknown }).credentials,
    path ? `${path}.credentials` : 'credentials',
  ),
});

export const statSchema: v.Schema<StatRecord> = v.object({ key: short, name: short, day: short, count });

export type BackupMirror = Pick<
  MirrorRecord,
  'id' | 'name' | 'origin' | 'pinned' | 'scheme' | 'templates' | 'disabled'
>;

const template = v.optional(v.string({ max: 500, pattern: /^\// }));

/** User-added mirrors only; their health is this browser's own observation and starts over. */
export const mirrorSchema: v.Schema<BackupMirror> = v.object({
  id,
  name: short,
  origin: v.string({ max: 500, pattern: /^https?:\/\/[^/\s]+$/ }),
  pinned: v.boolean(),
  scheme: v.optional(v.oneOf('nitter', 'template')),
  templates: v.optional(
    v.object({
      home: template,
      profile: template,
      status: template,
      search: template,
      hashtag: template,
      list: template,
    }),
  ),
  disabled: v.optional(v.boolean()),
});

export const mediaSchema = v.object({
  id,
  mime: v.string({ max: 200, pattern: /^image\/[\w.+-]+$/ }),
  createdAt: time,
  /** base64 of the image bytes. */
  data: v.string({ max: 64_000_000, pattern: /^[A-Za-z0-9+/]*={0,2}$/ }),
});

export type BackupMedia = v.Infer<typeof mediaSchema>;
