import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from './core';
import {
  ApiError,
  applyCors,
  isCorsPath,
  logEntryFor,
  parseParams,
  sendEmpty,
  sendJson,
  type RequestContext,
} from './http';

// Matches requests to route handlers and turns what they throw into Mastodon's
// JSON errors; adds CORS, injected latency and the request log around them.

export type Handler = (ctx: RequestContext) => void | Promise<void>;

export interface Route {
  method: string;
  /** Express-like pattern: '/api/v1/statuses/:id'. */
  path: string;
  handler: Handler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${source}/?$`), names };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRouter(core: Core, routes: Route[]) {
  const compiled = routes.map(compile);

  async function dispatch(ctx: RequestContext): Promise<void> {
    for (const route of compiled) {
      if (route.method !== ctx.method) continue;
      const match = route.regex.exec(ctx.url.pathname);
      if (!match) continue;
      route.names.forEach((name, i) => {
        ctx.routeParams[name] = decodeURIComponent(match[i + 1] ?? '');
      });
      await route.handler(ctx);
      return;
    }
    // Mastodon's catch-all route; clients only ever see JSON from the API.
    sendJson(ctx, 404, { error: 'Not Found' });
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', core.baseUrl);
    const log = logEntryFor(req, url);
    core.state.requestLog.push(log);
    const ctx: RequestContext = {
      req,
      res,
      method: (req.method ?? 'GET').toUpperCase(),
      url,
      params: {},
      files: [],
      routeParams: {},
      loseResponse: false,
      log,
    };
    try {
      if (core.faults.latencyMs > 0) await sleep(core.faults.latencyMs);
      if (isCorsPath(url.pathname)) applyCors(req, res);
      if (ctx.method === 'OPTIONS') {
        // rack-cors answers preflights itself, before Rails routing.
        sendEmpty(ctx, 200);
        return;
      }
      const parsed = await parseParams(req, url);
      ctx.params = parsed.params;
      ctx.files = parsed.files;
      await dispatch(ctx);
    } catch (error) {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof ApiError) {
        sendJson(ctx, error.status, error.body, error.headers);
      } else {
        // A bug in the test server itself: say what broke instead of hiding it.
        sendJson(ctx, 500, { error: `Test server failure: ${(error as Error).stack ?? String(error)}` });
      }
    }
  };
}
