/**
 * A tiny routed fetch for the plain-fetch modules: each route answers with a
 * Response (or throws, like a network failure), and every call is recorded.
 */
import type { FetchLike } from '../../../lib/networks/mastodon/fetch.ts';

export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

export type Route = (call: RecordedCall) => Response | Promise<Response>;

export function fakeFetch(routes: Record<string, Route>): { fetch: FetchLike; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input);
    const body =
      typeof init.body === 'string' ? init.body : init.body instanceof URLSearchParams ? init.body.toString() : '';
    const call: RecordedCall = { url: input, method: init.method ?? 'GET', headers: new Headers(init.headers), body };
    calls.push(call);
    const route = routes[`${call.method} ${url.pathname}`];
    if (!route)
      return new Response('<html>Not Found</html>', { status: 404, headers: { 'Content-Type': 'text/html' } });
    return route(call);
  };
  return { fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

export function html(status = 200): Response {
  return new Response('<!doctype html><title>Hello</title>', { status, headers: { 'Content-Type': 'text/html' } });
}

export function networkDown(): never {
  throw new TypeError('fetch failed');
}
