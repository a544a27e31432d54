/**
 * A small client for Marionette, Firefox's own automation protocol. No
 * maintained npm client exists, Playwright cannot drive Debian's Firefox (it
 * needs its own patched build), and WebDriver BiDi refuses extension pages it
 * did not see the extension open; Marionette installs a temporary add-on and
 * opens `moz-extension://` pages.
 *
 * Wire format: every packet is `<byte length>:<JSON>`. The server greets with
 * `{applicationType, marionetteProtocol}`; a command is `[0, id, name, params]`
 * and its answer `[1, id, error|null, result|null]`.
 */
import { connect, type Socket } from 'node:net';

export class MarionetteError extends Error {
  readonly command: string;
  readonly error: string;
  constructor(command: string, error: string, message: string) {
    super(`${command}: ${error}: ${message}`);
    this.name = 'MarionetteError';
    this.command = command;
    this.error = error;
  }
}

interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class Marionette {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private greeting: ((value: unknown) => void) | null = null;

  private readonly socket: Socket;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`Marionette closed during ${p.command}`));
      this.pending.clear();
    });
  }

  /** Connects, retrying while Firefox starts (its port opens a few seconds after launch). */
  static async connect(port: number, timeoutMs = 30_000): Promise<Marionette> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const client = new Marionette(socket);
        await new Promise((resolve) => (client.greeting = resolve));
        return client;
      } catch (error) {
        if (Date.now() > until) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as unknown;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.onPacket(packet);
    }
  }

  private onPacket(packet: unknown): void {
    if (!Array.isArray(packet)) {
      this.greeting?.(packet);
      this.greeting = null;
      return;
    }
    const [, id, error, result] = packet as [number, number, { error: string; message: string } | null, unknown];
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    if (error) waiting.reject(new MarionetteError(waiting.command, error.error, error.message));
    else waiting.resolve(result);
  }

  send<T = unknown>(command: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const body = Buffer.from(JSON.stringify([0, id, command, params]), 'utf8');
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { command, resolve: resolve as (v: unknown) => void, reject });
      this.socket.write(Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body]));
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
