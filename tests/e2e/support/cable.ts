/**
 * A TCP "cable" in front of a local server: unplug it and connections are
 * refused and live ones cut, as when the network drops; plug it back in and
 * traffic flows again. Loopback only.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Cable {
  url: string;
  unplug(): void;
  plug(): void;
  close(): Promise<void>;
}

export async function startCable(target: string): Promise<Cable> {
  const { hostname, port } = new URL(target);
  let plugged = true;
  const live = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!plugged) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    live.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      live.delete(client);
      live.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    unplug() {
      plugged = false;
      for (const socket of live) socket.destroy();
      live.clear();
    },
    plug() {
      plugged = true;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of live) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
