/**
 * The engine's side of the follow bridge: one run at a time, either looking
 * the collected X accounts up or following chosen matches. Progress is kept
 * in IndexedDB (`bridgeRuns`) and announced, so a page opened mid-run shows
 * it, and a run cut short (engine closed, browser quit) is resumed by
 * starting again: entries already looked up are skipped.
 */
import type { Account } from '../../model/account.ts';
import { getAccount } from '../../accounts/store.ts';
import type { Db } from '../../db.ts';
import { SortieError } from '../../messaging/errors.ts';
import { PublishError } from '../../networks/types.ts';
import { bumpStatQuietly } from '../../stats.ts';
import { extractHints } from '../hints.ts';
import { openNetwork, type NetworkContext, type OpenedNetwork } from '../match.ts';
import { abortableSleep, createPacer, DEFAULT_PACE, type Pacer } from '../pace.ts';
import { getEntry, listEntries, putRun, saveMatch, setFollowState } from '../store.ts';
import type { BridgeEntry, BridgeRun, PlannedFollow, MatchResult, RunKind } from '../../model/bridge.ts';

export interface BridgeServiceDeps {
  db: Db;
  now: () => number;
  /** The account's network adapter's `lookup` (lib/networks/engine-registry.ts): that network's lookup type. */
  lookup: (account: Account) => Promise<unknown>;
  /** Tells open pages the run moved on. */
  announce: () => void;
  /** The run ended: the engine may close if nothing else runs. */
  onFinished: () => void;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface MatchArgs {
  /** The user's accounts to look the X accounts up with, in the order they are asked (any network, each from its record). */
  accountIds: string[];
  /** Look again at entries already looked up with these accounts. */
  recheck: boolean;
}

export interface BridgeService {
  startMatch: (args: MatchArgs) => Promise<{ started: boolean }>;
  startFollow: (targets: readonly PlannedFollow[]) => Promise<{ started: boolean }>;
  stop: () => void;
  running: () => boolean;
}

/** X accounts looked up at once (each makes a few calls, paced per server). */
const ENTRY_WORKERS = 4;
const HEARTBEAT_MS = 10_000;

const isGood = (r: MatchResult | undefined): boolean => r?.candidates.some((c) => c.confidence !== 'unsure') ?? false;

function anyGood(entry: BridgeEntry): boolean {
  return Object.values(entry.matches).some(isGood);
}

/** Pages re-read the store on each announcement: at most one every ANNOUNCE_MS, the last one always sent. */
const ANNOUNCE_MS = 250;

function throttled(fn: () => void, ms: number): { call: () => void; flush: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const fire = (): void => {
    timer = null;
    last = Date.now();
    fn();
  };
  return {
    call() {
      if (timer !== null) return;
      timer = setTimeout(fire, Math.max(0, last + ms - Date.now()));
    },
    flush() {
      if (timer !== null) clearTimeout(timer);
      fire();
    },
  };
}

export function createBridgeService(deps: BridgeServiceDeps): BridgeService {
  let active: AbortController | null = null;
  const sleep = deps.sleep ?? abortableSleep;
  const announce = throttled(deps.announce, ANNOUNCE_MS);

  async function accountOf(id: string): Promise<Account> {
    const account = await getAccount(deps.db, id);
    if (!account) throw new SortieError('error.accountGone', id);
    return account;
  }

  /** The bridge on one account, paced on its own (each server limits its own requests). */
  async function open(
    account: Account,
    pacer: Pacer,
    signal: AbortSignal,
  ): Promise<{ account: Account; opened: OpenedNetwork; ctx: NetworkContext }> {
    const ctx: NetworkContext = { pacer, signal, now: deps.now };
    return { account, opened: await openNetwork(account.network, await deps.lookup(account), ctx), ctx };
  }

  /** Starts a run in the background of the engine; the returned promise only covers its start. */
  function launch(
    kind: RunKind,
    accountIds: string[],
    body: (run: BridgeRun, save: () => Promise<void>, pacer: () => Pacer, signal: AbortSignal) => Promise<void>,
  ): void {
    const controller = new AbortController();
    active = controller;
    const run: BridgeRun = {
      key: 'current',
      kind,
      state: 'running',
      done: 0,
      total: 0,
      found: 0,
      followed: 0,
      failed: 0,
      startedAt: deps.now(),
      heartbeatAt: deps.now(),
      waitingUntil: null,
      notes: [],
      error: null,
      accountIds,
    };
    const save = async (): Promise<void> => {
      run.heartbeatAt = deps.now();
      await putRun(deps.db, { ...run, notes: [...run.notes] });
      announce.call();
    };
    const pacer = (): Pacer =>
      createPacer({
        ...DEFAULT_PACE,
        now: deps.now,
        sleep,
        onWait: (until) => {
          run.waitingUntil = until;
          void save();
        },
      });
    const heartbeat = setInterval(() => void save(), HEARTBEAT_MS);
    void (async () => {
      try {
        await save();
        await body(run, save, pacer, controller.signal);
        run.state = controller.signal.aborted ? 'stopped' : 'done';
      } catch (error) {
        if (controller.signal.aborted) run.state = 'stopped';
        else {
          run.state = 'failed';
          run.error =
            error instanceof PublishError || error instanceof SortieError
              ? { messageKey: error.messageKey, detail: error.detail }
              : { messageKey: 'error.generic', detail: error instanceof Error ? error.message : String(error) };
          console.error('Sortie: follow bridge run failed', error);
        }
      } finally {
        clearInterval(heartbeat);
        run.waitingUntil = null;
        await save().catch((error: unknown) => console.error('Sortie: could not store the bridge run', error));
        if (active === controller) active = null;
        announce.flush();
        deps.onFinished();
      }
    })();
  }

  /**
   * Runs `work` over `items` with a few workers; stops taking items once
   * aborted or once one failed, but lets the others finish (and store) the
   * item they hold before reporting the failure.
   */
  async function pool<T>(
    items: readonly T[],
    workers: number,
    signal: AbortSignal,
    work: (item: T) => Promise<void>,
  ): Promise<void> {
    let next = 0;
    let failed = false;
    const results = await Promise.allSettled(
      Array.from({ length: Math.min(workers, items.length) }, async () => {
        while (next < items.length && !signal.aborted && !failed) {
          try {
            await work(items[next++]!);
          } catch (error) {
            failed = true;
            throw error;
          }
        }
      }),
    );
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
  }

  /** Permanent account trouble ends the run; anything else only fails this item. */
  function fatal(error: unknown, signal: AbortSignal): boolean {
    return (
      signal.aborted || (error instanceof PublishError && error.kind === 'auth') || !(error instanceof PublishError)
    );
  }

  return {
    async startMatch(args) {
      if (active) throw new SortieError('error.bridge.busy');
      const accounts: Account[] = [];
      for (const id of new Set(args.accountIds)) accounts.push(await accountOf(id));
      if (accounts.length === 0) throw new SortieError('error.bridge.noAccount');
      const ids = accounts.map((a) => a.id);
      launch('match', ids, async (run, save, pacer, signal) => {
        const todo = (await listEntries(deps.db)).filter((e) => args.recheck || ids.some((id) => !e.matches[id]));
        run.total = todo.length;
        await save();
        const nets: Awaited<ReturnType<typeof open>>[] = [];
        for (const account of accounts) nets.push(await open(account, pacer(), signal));
        const suffixes = [...new Set(nets.flatMap((n) => n.opened.handleSuffixes))];
        await pool(todo, ENTRY_WORKERS, signal, async (entry) => {
          // No network named its own handle domains: the defaults.
          const hints = suffixes.length > 0 ? extractHints(entry.x, suffixes) : extractHints(entry.x);
          let latest: BridgeEntry | null = entry;
          let failed = false;
          for (const net of nets) {
            if (!args.recheck && entry.matches[net.account.id]) continue;
            let result: MatchResult;
            try {
              result = await net.opened.match(entry.x, hints, net.ctx);
            } catch (error) {
              if (fatal(error, signal)) throw error;
              failed = true;
              result = { checkedAt: deps.now(), candidates: [], notes: ['bridge.note.lookupFailed'] };
            }
            for (const note of result.notes) if (!run.notes.includes(note)) run.notes.push(note);
            // Counted as each network's result is stored, not once both are: a run stopped
            // between the two lookups has already counted what the first one found.
            const hadGood = latest !== null && anyGood(latest);
            latest = await saveMatch(deps.db, entry.key, net.account.id, result);
            if (latest && !hadGood && anyGood(latest)) {
              run.found++;
              bumpStatQuietly(deps.db, 'follows.found');
            }
          }
          if (failed) run.failed++;
          run.done++;
          await save();
        });
      });
      return { started: true };
    },

    async startFollow(targets) {
      if (active) throw new SortieError('error.bridge.busy');
      const accountIds = [...new Set(targets.map((t) => t.accountId))];
      const accounts = new Map<string, Account>();
      for (const id of accountIds) {
        const account = await getAccount(deps.db, id);
        if (!account) throw new SortieError('error.accountGone', id);
        accounts.set(id, account);
      }
      launch('follow', accountIds, async (run, save, pacer, signal) => {
        run.total = targets.length;
        const clients = new Map<string, { opened: OpenedNetwork; ctx: NetworkContext }>();
        for (const [id, account] of accounts) clients.set(id, await open(account, pacer(), signal));
        // One at a time: follows are what servers limit most, and order is the user's.
        await pool(targets, 1, signal, async (target) => {
          const client = clients.get(target.accountId)!;
          const entry = await getEntry(deps.db, target.key);
          const candidate = entry?.matches[target.accountId]?.candidates.find((c) => c.id === target.candidateId);
          try {
            if (!candidate) throw new PublishError('validation', 'error.bridge.candidateGone', target.key);
            if (candidate.follow === 'none') {
              const state = await client.opened.follow(candidate.id, client.ctx);
              await setFollowState(deps.db, target.key, target.accountId, candidate.id, state);
              run.followed++;
              bumpStatQuietly(deps.db, 'follows.followed');
            }
          } catch (error) {
            if (fatal(error, signal)) throw error;
            run.failed++;
          }
          run.done++;
          await save();
        });
      });
      return { started: true };
    },

    stop() {
      active?.abort(new DOMException('stopped by the user', 'AbortError'));
    },

    running: () => active !== null,
  };
}
