/**
 * A ceiling on how much of a server's answer Sortie reads. A server (or a
 * page a link points to) is hostile in Sortie's threat model: a 200 MB
 * answer must cost at most the cap, never the whole download and the memory
 * to hold it. Content-Length is checked first; a body without one (or one
 * that lies) is counted as it streams and cut at the cap. Cutting means
 * cancelling the reading and aborting the request: only the abort closes the
 * connection in Firefox, so whoever fetched aborts once it stops reading.
 */

/** JSON API answers (Mastodon, Bluesky/PDS): far above any real one (a 40-status page is ~100 kB). */
export const API_ANSWER_MAX_BYTES = 5_000_000;

/** An answer was longer than Sortie reads; nothing of it was used. */
export class ResponseTooLargeError extends Error {
  readonly limit: number;

  constructor(limit: number, url: string) {
    super(`The server's answer is over ${limit} bytes${url ? ` (${url})` : ''}; Sortie stopped reading it.`);
    this.name = 'ResponseTooLargeError';
    this.limit = limit;
  }
}

/** True for the error itself or anything wrapping it (client libraries wrap what fetch throws). */
export function isResponseTooLarge(err: unknown): err is Error {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof ResponseTooLargeError) return true;
  }
  return false;
}

function declaredLength(res: Response): number | null {
  const raw = res.headers.get('content-length');
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return null;
  return Number(raw);
}

/**
 * Reads at most `max` bytes of a response. When the body is longer,
 * 'reject' returns null and 'truncate' returns its first `max` bytes; either
 * way the rest is never downloaded.
 */
export async function readCapped(
  res: Response,
  max: number,
  overflow: 'truncate' | 'reject',
): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = declaredLength(res);
  if (overflow === 'reject' && declared !== null && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      // Not awaited: the caller's abort is what ends the download in Firefox, and it must come
      // now. Firefox can settle the cancel late: awaited, a 200 MB answer was still being sent
      // 10 s later in 2 runs of 4 (tests/e2e/journeys/cards.spec.ts).
      void reader.cancel().catch(() => undefined);
      if (overflow === 'reject') return null;
      chunks.push(value.subarray(0, value.byteLength - (total - max)));
      total = max;
      break;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * `fetchImpl` whose answers past `maxBytes` make the call itself reject with
 * ResponseTooLargeError: at once when Content-Length says so, otherwise as
 * soon as the counted body passes the cap (the download is cancelled there).
 * The body is read here, before the caller sees the answer: API answers are
 * small JSON that callers read whole anyway, and an error thrown from our own
 * promise reaches the caller as itself (a stream's error surfacing through
 * `text()` may be replaced by the browser with a generic network error).
 * Requests are not limited.
 */
export function capResponses(fetchImpl: typeof globalThis.fetch, maxBytes: number): typeof globalThis.fetch {
  return async (input, init) => {
    // Cancelling the body is not enough in Firefox: the server went on sending (200 MB, for as long
    // as it liked) to a request nobody read. Aborting the request ends the download in both browsers.
    const stop = new AbortController();
    const callerSignal = init?.signal ?? (input instanceof Request ? input.signal : null);
    const signal = callerSignal ? AbortSignal.any([callerSignal, stop.signal]) : stop.signal;
    const res = await fetchImpl(input, { ...init, signal });
    // No body (204, opaque redirects...): nothing to count, and such statuses cannot be rebuilt with one.
    if (!res.body) return res;
    const bytes = await readCapped(res, maxBytes, 'reject');
    if (bytes === null) {
      stop.abort();
      throw new ResponseTooLargeError(maxBytes, res.url);
    }
    const capped = new Response(bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
    // Client libraries read these for errors and redirects; a rebuilt Response would say '' and false.
    Object.defineProperties(capped, {
      url: { value: res.url },
      redirected: { value: res.redirected },
    });
    return capped;
  };
}

/** On a capped global fetch: the fetch it wraps. */
const UNCAPPED = Symbol.for('sortie.responseCap.uncapped');
type CappedFetch = typeof globalThis.fetch & { [UNCAPPED]?: typeof globalThis.fetch };

/**
 * Caps every answer the global fetch gives in this page. For the engine
 * page: masto v8 calls the global `fetch` and takes no other, so this is
 * the only place its answers can be bounded. Installing twice is harmless.
 */
export function installResponseCap(scope: { fetch: typeof globalThis.fetch }, maxBytes = API_ANSWER_MAX_BYTES): void {
  const current = scope.fetch as CappedFetch;
  if (current[UNCAPPED]) return;
  const original = current.bind(scope);
  scope.fetch = Object.assign(capResponses(original, maxBytes), { [UNCAPPED]: original });
}

/**
 * The global fetch without the API cap, for callers that bound what they
 * read themselves and stream it (link cards stop reading a page at 1 MB; the
 * API cap would first buffer up to 5 MB, and refuse a long page outright).
 */
export function uncappedFetch(): typeof globalThis.fetch {
  const current = globalThis.fetch as CappedFetch;
  return current[UNCAPPED] ?? ((input, init) => globalThis.fetch(input, init));
}
