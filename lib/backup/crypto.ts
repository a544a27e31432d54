/**
 * Passphrase encryption of the sign-in tokens in a backup file: PBKDF2-SHA256
 * stretches the passphrase into an AES-256-GCM key (WebCrypto, so the same
 * code runs in the service worker, the pages and Node's tests).
 *
 * One salt per export (the key is derived once, not once per account), one
 * random IV per sealed value, and the account id as additional authenticated
 * data: a box moved onto another account in the file fails to open.
 * AES-GCM's tag is what tells a wrong passphrase: there is no "check value"
 * in the file that an attacker could test guesses against faster.
 *
 * Format 2 seals the whole file too (lib/backup/format.ts): one more box, by
 * the same key, bound to FILE_CONTEXT, which no account id can equal.
 */
import { SortieError } from '../messaging/errors.ts';
import { base64ToBytes, bytesToBase64, fromUtf8, utf8 } from './encoding.ts';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; the issue asks for at least 310,000. */
export const KDF_ITERATIONS = 600_000;
export const MIN_KDF_ITERATIONS = 310_000;
/** A file asking for more is refused rather than freezing the browser for minutes. */
export const MAX_KDF_ITERATIONS = 10_000_000;

const SALT_BYTES = 16;
const IV_BYTES = 12;
const AAD_PREFIX = 'sortie-backup/1 ';
/** The additional data of the box that holds a whole format-2 file (account ids start with a network name). */
export const FILE_CONTEXT = '#file v2';

export interface EncryptedBox {
  alg: 'AES-GCM';
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 */
  iv: string;
  /** base64, GCM tag included (WebCrypto appends it). */
  ciphertext: string;
}

/** A passphrase and the keys derived from it, one per salt and iteration count seen. */
export class PassphraseKeys {
  private readonly secret: Uint8Array<ArrayBuffer>;
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  constructor(passphrase: string) {
    // The same passphrase typed on macOS (NFD input) and elsewhere (NFC) must give the same key.
    this.secret = utf8(passphrase.normalize('NFC'));
  }

  key(salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
    const id = `${iterations} ${bytesToBase64(salt)}`;
    let key = this.keys.get(id);
    if (!key) {
      key = derive(this.secret, salt, iterations);
      this.keys.set(id, key);
    }
    return key;
  }
}

async function derive(
  secret: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export interface Sealer {
  /** Encrypts JSON-able `value`, bound to `context` (the account id). */
  seal(value: unknown, context: string): Promise<EncryptedBox>;
}

export function createSealer(passphrase: string, iterations = KDF_ITERATIONS): Sealer {
  const keys = new PassphraseKeys(passphrase);
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return {
    async seal(value, context) {
      const key = await keys.key(salt, iterations);
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const ciphertext = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: utf8(AAD_PREFIX + context) },
        key,
        utf8(JSON.stringify(value)),
      );
      return {
        alg: 'AES-GCM',
        kdf: 'PBKDF2-SHA256',
        iterations,
        salt: bytesToBase64(salt),
        iv: bytesToBase64(iv),
        ciphertext: bytesToBase64(new Uint8Array(ciphertext)),
      };
    },
  };
}

/**
 * Opens a box. A failed GCM tag check means a wrong passphrase (the file's
 * integrity check has already ruled out accidental damage by then).
 */
export async function openBox(keys: PassphraseKeys, box: EncryptedBox, context: string): Promise<unknown> {
  let salt: Uint8Array<ArrayBuffer>;
  let iv: Uint8Array<ArrayBuffer>;
  let ciphertext: Uint8Array<ArrayBuffer>;
  try {
    salt = base64ToBytes(box.salt);
    iv = base64ToBytes(box.iv);
    ciphertext = base64ToBytes(box.ciphertext);
  } catch (error) {
    throw new SortieError(
      'error.backup.damaged',
      `encrypted data: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (salt.length < SALT_BYTES || iv.length !== IV_BYTES)
    throw new SortieError('error.backup.damaged', 'encrypted data: bad salt or IV');
  if (box.iterations < MIN_KDF_ITERATIONS || box.iterations > MAX_KDF_ITERATIONS) {
    throw new SortieError('error.backup.damaged', `key derivation iterations ${box.iterations}`);
  }
  const key = await keys.key(salt, box.iterations);
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: utf8(AAD_PREFIX + context) },
      key,
      ciphertext,
    );
  } catch (error) {
    // WebCrypto says only "OperationError": the tag did not match.
    if (error instanceof Error && error.name === 'OperationError')
      throw new SortieError('error.backup.wrongPassphrase');
    throw error;
  }
  try {
    return JSON.parse(fromUtf8(plain)) as unknown;
  } catch (error) {
    throw new SortieError(
      'error.backup.damaged',
      `decrypted data: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** SHA-256 of a string, base64: the file's integrity check against accidental damage (not tampering). */
export async function sha256Base64(text: string): Promise<string> {
  return bytesToBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));
}
