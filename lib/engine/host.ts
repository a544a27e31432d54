/**
 * The background's handle on the engine: opens it on demand, sends it work,
 * closes it when the outbox is idle.
 */
import { browser } from 'wxt/browser';
import { SortieError } from '../messaging/errors.ts';
import type { EngineEnvelope, EngineOp, EngineOps, EngineReply } from './protocol.ts';

const ENGINE_PATH = '/engine.html';

/** The slice of chrome.offscreen we use (not in the polyfill's types). */
interface OffscreenApi {
  createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?: () => Promise<boolean>;
}

function offscreenApi(): OffscreenApi | undefined {
  return (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
}

let opening: Promise<void> | null = null;

async function engineIsOpen(): Promise<boolean> {
  const offscreen = offscreenApi();
  if (offscreen?.hasDocument) return offscreen.hasDocument();
  return typeof document !== 'undefined' && document.getElementById('sortie-engine') !== null;
}

async function openEngine(): Promise<void> {
  if (await engineIsOpen()) return;
  const offscreen = offscreenApi();
  if (offscreen) {
    await offscreen.createDocument({
      url: browser.runtime.getURL(ENGINE_PATH),
      // DOM_PARSER: link cards are read from shared pages; BLOBS: images are re-encoded to fit.
      reasons: ['DOM_PARSER', 'BLOBS'],
      justification: 'Publishes queued posts to the Mastodon and Bluesky accounts the user connected.',
    });
    return;
  }
  // Firefox: the background is a page, so the engine is a frame inside it.
  const frame = document.createElement('iframe');
  frame.id = 'sortie-engine';
  frame.src = browser.runtime.getURL(ENGINE_PATH);
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  document.body.append(frame);
  await loaded;
}

export function ensureEngine(): Promise<void> {
  opening ??= openEngine().finally(() => {
    opening = null;
  });
  return opening;
}

export async function closeEngine(): Promise<void> {
  if (!(await engineIsOpen())) return;
  const offscreen = offscreenApi();
  if (offscreen) await offscreen.closeDocument();
  else document.getElementById('sortie-engine')?.remove();
}

export async function callEngine<K extends EngineOp>(op: K, args: EngineOps[K]['args']): Promise<EngineOps[K]['result']> {
  await ensureEngine();
  const envelope: EngineEnvelope = { sortieEngine: 1, op, args };
  let reply: EngineReply<EngineOps[K]['result']> | undefined;
  // A just-created document may not have registered its listener yet.
  for (let attempt = 0; ; attempt++) {
    try {
      reply = (await browser.runtime.sendMessage(envelope)) as typeof reply;
      if (reply) break;
    } catch (error) {
      if (attempt >= 20) throw error;
    }
    if (attempt >= 20) throw new SortieError('error.generic', 'the posting engine did not answer');
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!reply.ok) throw new SortieError(reply.error.messageKey, reply.error.detail);
  return reply.value;
}
