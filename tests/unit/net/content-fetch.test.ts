import { describe, expect, it } from 'vitest';
import { ContentFetchRefused, fetchContent, MAX_HOPS } from '../../../lib/networks/shared/content-fetch.ts';

type Answer = Response | (() => Response);
interface Call {
  url: string;
  init: RequestInit;
}

/** A fake network: each URL answers from the table; every call is recorded. */
function network(table: Record<string, Answer>): { fetchImpl: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = async function (this: unknown, input: RequestInfo | URL, init: RequestInit = {}) {
    // Like the browser's fetch, refuse to be called as a method of another object.
    if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
    const url = String(input);
    calls.push({ url, init });
    const answer = table[url];
    if (!answer) return new Response('nothing', { status: 404 });
    return typeof answer === 'function' ? answer() : answer.clone();
  } as typeof fetch;
  return { fetchImpl, calls };
}

const redirect = (location: string, status = 302) => new Response(null, { status, headers: { location } });
const ok = (body = 'page') => new Response(body, { status: 200, headers: { 'content-type': 'text/html' } });
const signal = new AbortController().signal;

describe('fetchContent', () => {
  it('asks anonymously: no credentials, no referrer, redirects handled by hand', async () => {
    const { fetchImpl, calls } = network({ 'https://example.com/a': ok() });
    const res = await fetchContent('https://example.com/a', { fetchImpl, signal, accept: 'text/html' });
    expect(await res.text()).toBe('page');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'manual' });
  });

  const refusedChains: [string, Record<string, Answer>, string][] = [
    ['a loopback first address', {}, 'http://127.0.0.1:8080/secret'],
    ['an X first address', {}, 'https://x.com/jack/status/20'],
    [
      'a redirect to loopback',
      { 'https://example.com/a': redirect('http://127.0.0.1/secret') },
      'https://example.com/a',
    ],
    ['a redirect to a hex loopback', { 'https://example.com/a': redirect('http://0x7f.1/') }, 'https://example.com/a'],
    [
      'a redirect to localhost',
      { 'https://example.com/a': redirect('http://localhost:3000/') },
      'https://example.com/a',
    ],
    [
      'a redirect to IPv4-mapped IPv6',
      { 'https://example.com/a': redirect('http://[::ffff:127.0.0.1]/', 301) },
      'https://example.com/a',
    ],
    ['a redirect to X', { 'https://example.com/a': redirect('https://t.co/x', 307) }, 'https://example.com/a'],
    [
      'a redirect to a cloud metadata address',
      { 'https://example.com/a': redirect('http://169.254.169.254/latest/') },
      'https://example.com/a',
    ],
    [
      'a redirect to javascript:',
      { 'https://example.com/a': redirect('javascript:alert(1)') },
      'https://example.com/a',
    ],
    [
      'a second hop to loopback',
      {
        'https://example.com/a': redirect('https://example.net/b'),
        'https://example.net/b': redirect('http://192.168.1.1/'),
      },
      'https://example.com/a',
    ],
  ];
  it.each(refusedChains)('refuses %s before any request to it', async (_name, table, start) => {
    const { fetchImpl, calls } = network(table);
    await expect(fetchContent(start, { fetchImpl, signal, accept: '*/*' })).rejects.toBeInstanceOf(ContentFetchRefused);
    for (const call of calls) expect(call.url).toMatch(/^https:\/\/example\.(com|net)\//);
  });

  it('follows redirects between public hosts, relative ones included', async () => {
    const { fetchImpl, calls } = network({
      'http://example.com/a': redirect('https://example.com/a'),
      'https://example.com/a': redirect('/b'),
      'https://example.com/b': ok('final'),
    });
    const res = await fetchContent('http://example.com/a', { fetchImpl, signal, accept: '*/*' });
    expect(await res.text()).toBe('final');
    expect(calls.map((c) => c.url)).toEqual(['http://example.com/a', 'https://example.com/a', 'https://example.com/b']);
  });

  it(`stops after ${MAX_HOPS} redirects`, async () => {
    const table: Record<string, Answer> = {};
    for (let i = 0; i < 20; i++) table[`https://example.com/${i}`] = redirect(`/${i + 1}`);
    const { fetchImpl, calls } = network(table);
    await expect(fetchContent('https://example.com/0', { fetchImpl, signal, accept: '*/*' })).rejects.toThrow(
      /redirects/,
    );
    expect(calls).toHaveLength(MAX_HOPS + 1);
  });

  it("stops at a redirect whose target the browser hides (Chromium's opaqueredirect)", async () => {
    const opaque = () => {
      const res = new Response(null, { status: 200 });
      Object.defineProperty(res, 'type', { value: 'opaqueredirect' });
      Object.defineProperty(res, 'status', { value: 0 });
      return res;
    };
    const { fetchImpl, calls } = network({ 'https://example.com/a': opaque });
    await expect(fetchContent('https://example.com/a', { fetchImpl, signal, accept: '*/*' })).rejects.toThrow(
      /hidden target/,
    );
    expect(calls).toHaveLength(1);
  });

  it('returns a 3xx without a Location as the answer (nothing to follow)', async () => {
    const { fetchImpl } = network({ 'https://example.com/a': new Response('x', { status: 300 }) });
    const res = await fetchContent('https://example.com/a', { fetchImpl, signal, accept: '*/*' });
    expect(res.status).toBe(300);
  });
});
