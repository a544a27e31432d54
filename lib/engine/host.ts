/**
 * The background's handle on the engine: opens it on demand, sends it work,
 * closes it when the outbox is idle.
 */
import { browser } from 'wxt/browser';
import { SortieError } from '../messaging/errors.ts';
import type { EngineEnvelope, EngineOp, EngineOps } from './protocol.ts';
import { ENGINE_PORT, type EngineClient } from '../messaging/engine-client.ts';
import type { Reply } from '../messaging/spec.ts';

const ENGINE_PATH = '/engine.html';
/** How long a call waits for the engine to start listening. */
const ENGINE_START_MS = 15_000;

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
/** Calls waiting for the engine's answer: it is not closed under them. */
let inFlight = 0;
/** A drain was asked for and has not reported 'engine.idle' yet. */
let draining = false;
let closeTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * How long an engine opened only to queue a post for later stays, in case more
 * come. Under Chrome's 30 s: a timer does not keep the worker alive.
 */
const UNUSED_CLOSE_MS = 15_000;

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

/**
 * Closes the engine, unless a call is waiting for it (queueing a post that was
 * pressed just as a drain ended): that call's own drain closes it later.
 */
export async function closeEngine(): Promise<void> {
  if (inFlight > 0 || !(await engineIsOpen()) || inFlight > 0) return;
  const offscreen = offscreenApi();
  if (offscreen) await offscreen.closeDocument();
  else document.getElementById('sortie-engine')?.remove();
}

/** The engine reported the end of a drain. */
export function markDrainEnded(): void {
  draining = false;
}

/**
 * Closes the engine after a quiet moment unless a drain runs meanwhile (whose
 * 'engine.idle' closes it). For an engine opened to queue posts due later. If
 * the worker is stopped first, the engine stays until the next drain's end.
 */
export function closeEngineWhenUnused(): void {
  clearTimeout(closeTimer);
  closeTimer = setTimeout(() => {
    if (!draining) void closeEngine();
  }, UNUSED_CLOSE_MS);
}

/**
 * One request over the engine's own port (see ENGINE_PORT): its answer, or
 * undefined when nothing listens yet or the engine went away before answering.
 */
function askEngine(envelope: EngineEnvelope): Promise<Reply<unknown> | undefined> {
  return new Promise((resolve) => {
    const port = browser.runtime.connect({ name: ENGINE_PORT });
    port.onMessage.addListener((reply: unknown) => {
      resolve(reply as Reply<unknown>);
      port.disconnect();
    });
    port.onDisconnect.addListener(() => resolve(undefined));
    try {
      port.postMessage(envelope);
    } catch {
      resolve(undefined);
    }
  });
}

export async function callEngine<K extends EngineOp>(
  op: K,
  args: EngineOps[K]['args'],
): Promise<EngineOps[K]['result']> {
  inFlight += 1;
  if (op === 'drain') draining = true;
  try {
    await ensureEngine();
    const envelope: EngineEnvelope = { sortieEngine: 1, op, args };
    let reply: Reply<EngineOps[K]['result']> | undefined;
    // A just-created document has no listener until its script has run (the network
    // clients make it large: seconds on a busy machine), and one that was closing as
    // this call began is gone: open it again before the next try.
    const giveUpAt = Date.now() + ENGINE_START_MS;
    for (;;) {
      reply = (await askEngine(envelope)) as typeof reply;
      if (reply) break;
      if (Date.now() > giveUpAt) throw new SortieError('error.generic', 'the posting engine did not answer');
      await new Promise((r) => setTimeout(r, 50));
      await ensureEngine();
    }
    if (!reply.ok) throw new SortieError(reply.error.messageKey, reply.error.detail);
    return reply.value;
  } finally {
    inFlight -= 1;
  }
}

/** The engine as the features' background halves get it (injected by lib/background/start.ts). */
export const engineHost: EngineClient = {
  call: callEngine,
  close: closeEngine,
  closeWhenUnused: closeEngineWhenUnused,
  markDrainEnded,
};
