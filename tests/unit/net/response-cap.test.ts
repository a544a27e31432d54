import { describe, expect, it, vi } from 'vitest';
import {
  capResponses,
  installResponseCap,
  isResponseTooLarge,
  readCapped,
  ResponseTooLargeError,
  uncappedFetch,
} from '../../../lib/networks/shared/response-cap.ts';

/** A body of `chunks` chunks of `size` bytes, produced on demand; `pulled` counts what was produced. */
function endlessBody(
  size: number,
  chunks: number,
): { stream: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  let produced = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= chunks) return controller.close();
      produced += 1;
      controller.enqueue(new Uint8Array(size).fill(0x7b));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, pulled: () => produced, cancelled: () => cancelled };
}

const MB = 1_000_000;

describe('capResponses', () => {
  it('passes an answer under the cap through unchanged', async () => {
    const fetchImpl = capResponses(
      async () => new Response('{"ok":true}', { status: 201, headers: { 'x-a': 'b' } }),
      100,
    );
    const res = await fetchImpl('https://example.com/');
    expect(res.status).toBe(201);
    expect(res.headers.get('x-a')).toBe('b');
    expect(res.url).toBe('');
    expect(await res.json()).toEqual({ ok: true });
  });

  it('refuses at once when Content-Length is over the cap, without reading the body', async () => {
    const body = endlessBody(64 * 1024, 3200); // 200 MB if read
    const fetchImpl = capResponses(
      async () => new Response(body.stream, { headers: { 'content-length': String(200 * MB) } }),
      5 * MB,
    );
    await expect(fetchImpl('https://example.com/')).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(body.pulled()).toBeLessThanOrEqual(2);
  });

  it('cuts an oversized stream without Content-Length at the cap and cancels the download', async () => {
    const body = endlessBody(64 * 1024, 3200); // 200 MB if read
    const fetchImpl = capResponses(async () => new Response(body.stream), 5 * MB);
    await expect(fetchImpl('https://example.com/')).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(body.pulled() * 64 * 1024).toBeLessThan(6 * MB);
    expect(body.cancelled()).toBe(true);
  });

  it('also catches a Content-Length that lies (small header, big body)', async () => {
    const body = endlessBody(1024, 100);
    const fetchImpl = capResponses(
      async () => new Response(body.stream, { headers: { 'content-length': '10' } }),
      10_000,
    );
    await expect(fetchImpl('https://example.com/')).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('aborts past the cap without waiting for the cancel to settle (Firefox can settle it late)', async () => {
    let signal: AbortSignal | undefined;
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(new Uint8Array(1000));
      },
      // A cancel that settles only once the download ends, which here is never.
      cancel: () => new Promise<void>(() => {}),
    });
    const capped = capResponses(async (_input, init) => {
      signal = init!.signal!;
      return new Response(stream);
    }, 5_000);
    await expect(capped('https://example.test/huge')).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(signal!.aborted).toBe(true);
    expect(pulls).toBeLessThanOrEqual(7);
  });

  it('aborts the request itself past the cap (Firefox kept downloading a cancelled body), and the caller can still abort', async () => {
    const signals: AbortSignal[] = [];
    const fetchImpl = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      signals.push(init!.signal!);
      return new Response(endlessBody(1000, 100).stream);
    });
    const capped = capResponses(fetchImpl as typeof fetch, 5_000);
    await expect(capped('https://example.test/huge')).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(signals[0]!.aborted).toBe(true);

    // Under the cap nothing is aborted, and the caller's own signal (in init or in a Request) still reaches fetch.
    const caller = new AbortController();
    const small = capResponses(async (input, init) => {
      signals.push(init!.signal!);
      return new Response('{}');
    }, 5_000);
    await small('https://example.test/a', { signal: caller.signal });
    await small(new Request('https://example.test/b', { signal: caller.signal }));
    expect(signals.slice(1).map((s) => s.aborted)).toEqual([false, false]);
    caller.abort();
    expect(signals.slice(1).map((s) => s.aborted)).toEqual([true, true]);
  });

  it('leaves bodiless answers alone (204)', async () => {
    const fetchImpl = capResponses(async () => new Response(null, { status: 204 }), 10);
    expect((await fetchImpl('https://example.com/')).status).toBe(204);
  });

  it('is recognised through the wrappers client libraries add', () => {
    const inner = new ResponseTooLargeError(5, 'https://example.com/');
    expect(isResponseTooLarge(inner)).toBe(true);
    expect(isResponseTooLarge(new Error('XRPC failed', { cause: inner }))).toBe(true);
    expect(isResponseTooLarge(new Error('other'))).toBe(false);
    expect(isResponseTooLarge('text')).toBe(false);
  });
});

describe('installResponseCap', () => {
  it('caps the global-style fetch once, however often it is installed', async () => {
    const scope = { fetch: (async () => new Response('x'.repeat(50))) as typeof fetch };
    installResponseCap(scope, 10);
    const once = scope.fetch;
    installResponseCap(scope, 10);
    expect(scope.fetch).toBe(once);
    await expect(scope.fetch('https://example.com/')).rejects.toBeInstanceOf(ResponseTooLargeError);
  });
});

describe('uncappedFetch', () => {
  it('gives link cards the fetch under the cap (they bound and stream what they read themselves)', async () => {
    vi.stubGlobal('fetch', async () => new Response('x'.repeat(50)));
    try {
      installResponseCap(globalThis, 10);
      await expect(globalThis.fetch('https://example.com/')).rejects.toBeInstanceOf(ResponseTooLargeError);
      expect(await (await uncappedFetch()('https://example.com/')).text()).toHaveLength(50);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('readCapped', () => {
  it.each([
    ['truncate keeps the first bytes', 'truncate', 'abcdefghij', 4, 'abcd'],
    ['reject gives null past the cap', 'reject', 'abcdefghij', 4, null],
    ['under the cap, either way', 'reject', 'abc', 4, 'abc'],
  ] as const)('%s', async (_name, overflow, text, max, expected) => {
    const out = await readCapped(new Response(text), max, overflow);
    expect(out === null ? null : new TextDecoder().decode(out)).toBe(expected);
  });
});
