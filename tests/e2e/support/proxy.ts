/**
 * A proxy every non-loopback request of the browser goes through (service
 * worker, offscreen documents and pages alike), so the request log misses
 * nothing. It never forwards anything: this machine has no internet and tests
 * must not need it. Requests a test routes with Playwright never reach it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  host: string;
  url: string;
  via: 'proxy';
  /** The request's headers as the site would see them (lower-case names), for plain-HTTP requests. */
  headers?: Record<string, string | string[] | undefined>;
}

export type FixtureHandler = (
  path: string,
  headers: Record<string, string | string[] | undefined>,
) => { status: number; type: string; body: string | Buffer; headers?: Record<string, string> };

export interface RecordingProxy {
  port: number;
  log: ProxiedRequest[];
  /**
   * Answers plain-HTTP requests for `host` (a page a user shares, say) from a
   * handler, as if the site were there. The request is still logged, so the
   * test has to allow the host.
   */
  serve(host: string, handler: FixtureHandler): void;
  close(): Promise<void>;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const log: ProxiedRequest[] = [];
  const fixtures = new Map<string, FixtureHandler>();
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      host = req.headers.host ?? '';
    }
    log.push({ host, url, via: 'proxy', headers: { ...req.headers } });
    const fixture = fixtures.get(host);
    if (fixture) {
      const answer = fixture(new URL(url).pathname, req.headers);
      res.writeHead(answer.status, { 'content-type': answer.type, 'access-control-allow-origin': '*', ...answer.headers });
      res.end(answer.body);
      return;
    }
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('Sortie test proxy: no internet here');
  });
  server.on('connect', (req, socket) => {
    const host = (req.url ?? '').replace(/:\d+$/, '');
    log.push({ host, url: `https://${req.url ?? ''}`, via: 'proxy' });
    // Chromium often resets a refused tunnel (preconnects); that is the expected end, not a test error.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') console.warn('test proxy: tunnel error', error);
    });
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code !== 'ECONNRESET') console.warn('test proxy: client error', error.message);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    serve: (host, handler) => fixtures.set(host, handler),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
