/**
 * A proxy every non-loopback request of the browser goes through (service
 * worker, offscreen documents and pages alike), so the request log misses
 * nothing. It never forwards anything: this machine has no internet and tests
 * must not need it. Requests a test routes with Playwright never reach it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';

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
  /**
   * Answers HTTPS requests for `host` from a handler: the tunnel the browser
   * opens is ended here with a self-signed certificate for that host, which the
   * browser must be told to accept (Firefox: the session's acceptInsecureCerts).
   * Each request is logged with its full https URL and body.
   */
  serveTls(host: string, handler: TlsFixtureHandler): void;
  /** The hosts a test stands in for, through serve or serveTls. */
  servedHosts(): ReadonlySet<string>;
  close(): Promise<void>;
}

export interface TlsRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface TlsAnswer {
  status: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/**
 * The site's answer to one request; `null`: the site drops the connection
 * without a word (a server that is down), which the browser sees as a reset.
 */
export type TlsFixtureHandler = (request: TlsRequest) => TlsAnswer | null;

/** A self-signed certificate per host, made once per run with the system's openssl. */
const certificates = new Map<string, { key: Buffer; cert: Buffer }>();
function certificateFor(host: string): { key: Buffer; cert: Buffer } {
  let pair = certificates.get(host);
  if (pair) return pair;
  const dir = mkdtempSync(join(tmpdir(), 'sortie-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-subj',
      `/CN=${host}`,
      '-addext',
      `subjectAltName=DNS:${host}`,
    ],
    { stdio: 'ignore' },
  );
  pair = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  certificates.set(host, pair);
  return pair;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const log: ProxiedRequest[] = [];
  const fixtures = new Map<string, FixtureHandler>();
  const tlsFixtures = new Map<string, TlsFixtureHandler>();
  /** Serves the requests that arrive inside an ended tunnel. */
  const tlsServer: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = `https://${host}${req.url ?? '/'}`;
    log.push({ host, url, via: 'proxy', headers: { ...req.headers } });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const handler = tlsFixtures.get(host);
      const answer = handler
        ? handler({
            method: req.method ?? 'GET',
            path: new URL(url).pathname,
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          })
        : { status: 502, type: 'text/plain', body: 'Sortie test proxy: no internet here' };
      if (answer === null) {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, { 'content-type': answer.type, ...answer.headers });
      res.end(answer.body);
    });
  });
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
      res.writeHead(answer.status, {
        'content-type': answer.type,
        'access-control-allow-origin': '*',
        ...answer.headers,
      });
      res.end(answer.body);
      return;
    }
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('Sortie test proxy: no internet here');
  });
  server.on('connect', (req, socket) => {
    const host = (req.url ?? '').replace(/:\d+$/, '');
    if (tlsFixtures.has(host)) {
      // Logged per request inside the tunnel (tlsServer), with the full URL.
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      const tls = new TLSSocket(socket, { isServer: true, ...certificateFor(host) });
      tls.on('error', () => socket.destroy());
      tlsServer.emit('connection', tls);
      return;
    }
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
    serveTls: (host, handler) => tlsFixtures.set(host, handler),
    servedHosts: () => new Set([...fixtures.keys(), ...tlsFixtures.keys()]),
    close: async () => {
      tlsServer.closeAllConnections();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
