/**
 * The browser's proxy for the posting bench: every loopback request goes
 * through it (Chromium runs with --proxy-bypass-list=<-loopback>), and those
 * to a port in `delays` wait that long before being forwarded. The PDS has no
 * latency knob of its own, and its sessions point the client at its own URL,
 * so a reverse proxy in front of it would be bypassed after login. Anything
 * not on loopback is refused, as in the e2e recording proxy.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep } from './stats.ts';

export interface LatencyProxy {
  port: number;
  /** Target port → added milliseconds per request. */
  delays: Map<number, number>;
  /** Every forwarded request, in order. */
  log: Array<{ port: number; method: string; path: string }>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function startLatencyProxy(): Promise<LatencyProxy> {
  const delays = new Map<number, number>();
  const log: LatencyProxy['log'] = [];
  // Kept-alive upstream connections, as the browser keeps its own: the delay is the only cost added.
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server = createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch (error) {
      res.writeHead(400).end(`bench proxy: ${(error as Error).message}`);
      return;
    }
    if (!LOOPBACK.has(target.hostname)) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('bench proxy: loopback only');
      return;
    }
    const port = Number(target.port || 80);
    log.push({ port, method: req.method ?? '', path: target.pathname });
    void sleep(delays.get(port) ?? 0).then(() => {
      const upstream = request(
        // The test servers listen on 127.0.0.1 only; "localhost" may resolve to ::1 first.
        {
          host: '127.0.0.1',
          port,
          method: req.method,
          path: `${target.pathname}${target.search}`,
          headers: req.headers,
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error) => res.destroy(error));
      req.pipe(upstream);
    });
  });
  server.on('connect', (_req, socket) => socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    delays,
    log,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
