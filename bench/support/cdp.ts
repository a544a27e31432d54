/**
 * A raw Chrome DevTools Protocol connection to the whole browser. Playwright
 * gives CDP sessions for pages only; the bench also needs the extension's
 * service worker and its offscreen engine document (heap sizes) and the
 * browser's process list. Chromium is launched with --remote-debugging-port=0
 * and writes the port it chose into the profile's DevToolsActivePort file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor } from './stats.ts';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export interface BrowserCdp {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<T>;
  targets(): Promise<TargetInfo[]>;
  /** JS heap in use (bytes) of each target whose URL `wanted` accepts, by URL. */
  heapUsed(wanted: (url: string) => boolean): Promise<Map<string, number>>;
  /** Resident memory (bytes, from /proc) of the browser's extension renderer processes, summed. */
  extensionProcessRss(): Promise<number>;
  close(): void;
}

interface Reply {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

export async function connectBrowserCdp(profileDir: string): Promise<BrowserCdp> {
  const active = await waitFor(
    'DevToolsActivePort',
    async () => readFile(join(profileDir, 'DevToolsActivePort'), 'utf8').catch(() => undefined),
    10_000,
  );
  const [port, path] = active.split('\n');
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error('bench: cannot open the CDP websocket'));
  });
  let nextId = 0;
  const pending = new Map<number, (reply: Reply) => void>();
  ws.onmessage = (event) => {
    const reply = JSON.parse(String(event.data)) as Reply;
    if (reply.id !== undefined) pending.get(reply.id)?.(reply);
  };
  const send = <T>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, (reply) => {
        pending.delete(id);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result as T);
      });
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  // One session per target, kept: attaching on every sample would cost more than the sample.
  const sessions = new Map<string, string>();

  const targets = async (): Promise<TargetInfo[]> =>
    (await send<{ targetInfos: TargetInfo[] }>('Target.getTargets')).targetInfos;

  return {
    send,
    targets,
    async heapUsed(wanted) {
      const heaps = new Map<string, number>();
      for (const target of await targets()) {
        if (!wanted(target.url)) continue;
        let sessionId = sessions.get(target.targetId);
        if (sessionId === undefined) {
          sessionId = (
            await send<{ sessionId: string }>('Target.attachToTarget', { targetId: target.targetId, flatten: true })
          ).sessionId;
          sessions.set(target.targetId, sessionId);
        }
        // A target can go away between the listing and the question (the engine closes when idle).
        const usage = await send<{ usedSize: number }>('Runtime.getHeapUsage', {}, sessionId).catch(() => null);
        if (usage !== null) heaps.set(target.url, usage.usedSize);
      }
      return heaps;
    },
    async extensionProcessRss() {
      const { processInfo } = await send<{ processInfo: Array<{ type: string; id: number }> }>(
        'SystemInfo.getProcessInfo',
      );
      let total = 0;
      for (const { type, id } of processInfo) {
        if (type !== 'renderer') continue;
        const cmdline = await readFile(`/proc/${id}/cmdline`, 'utf8').catch(() => '');
        if (!cmdline.includes('--extension-process')) continue;
        const status = await readFile(`/proc/${id}/status`, 'utf8').catch(() => '');
        const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
        if (kb !== undefined) total += Number(kb) * 1024;
      }
      return total;
    },
    close: () => ws.close(),
  };
}
