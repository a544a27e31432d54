/**
 * The draft being edited: loaded from IndexedDB, saved back on every change
 * (so a closed popup, a crashed tab or a restarted browser loses nothing).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { emptyDraft, type Draft, type InteractionPolicy } from '../../lib/model/draft.ts';
import { openSortieDb } from '../../lib/db.ts';
import {
  clampHandoff,
  createDraftWriter,
  getDraft,
  listDrafts,
  pruneUntouchedDrafts,
  saveDraft,
} from '../../lib/drafts.ts';

export interface DraftState {
  draft: Draft | null;
  update: (patch: Partial<Draft>) => void;
  /** Waits for the last save (before posting). */
  flush: () => Promise<void>;
  /** Starts a fresh draft (after posting). */
  reset: (seed?: Partial<Draft>) => void;
  open: (id: string) => Promise<void>;
  /** The text handed over was longer than MAX_HANDOFF_CHARS and was cut. */
  handoffTruncated: boolean;
}

function newId(): string {
  return crypto.randomUUID();
}

/** Text handed over by a share intent, a context menu or the x.com overlay. */
function handoffText(params: URLSearchParams): string {
  const text = params.get('text') ?? '';
  const url = params.get('url') ?? '';
  const hashtags = (params.get('hashtags') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .map((h) => `#${h}`);
  const via = params.get('via');
  return [text, url, hashtags.join(' '), via ? `via @${via}` : ''].filter(Boolean).join(' ').trim();
}

function isPristine(draft: Draft): boolean {
  return (
    draft.text === '' && draft.images.length === 0 && Object.keys(draft.overrides).length === 0 && draft.poll === null
  );
}

function seedFrom(defaults: DraftDefaults): Partial<Draft> {
  return { targets: defaults.targets, ...(defaults.interaction ? { interaction: defaults.interaction } : {}) };
}

export interface DraftDefaults {
  langs: string[];
  targets: string[];
  /** Every account connected now. */
  accountIds: string[];
  interaction?: InteractionPolicy;
}

export function useDraft(defaults: DraftDefaults | null): DraftState {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [handoffTruncated, setHandoffTruncated] = useState(false);
  // Each change is saved, the newest version first (see createDraftWriter): a closed popup keeps the last keys typed.
  const [writer] = useState(() => createDraftWriter(async (next) => saveDraft(await openSortieDb(), next)));

  useEffect(() => {
    if (!defaults || draft) return;
    void (async () => {
      const db = await openSortieDb();
      const params = new URLSearchParams(location.search);
      const wanted = params.get('draft');
      const clamped = clampHandoff(handoffText(params));
      const handoff = clamped.text;
      let next: Draft | undefined;
      if (wanted) next = await getDraft(db, wanted);
      if (!next && !handoff) {
        const latest = (await listDrafts(db))[0];
        // An untouched draft follows the current defaults (accounts, reply rule) rather than old ones.
        next = latest && isPristine(latest) ? { ...latest, ...seedFrom(defaults) } : latest;
      }
      // A draft started before any account was connected (or whose accounts were all removed) goes to
      // no one: it gets today's default accounts, as a new draft would, instead of "no account".
      if (next && !next.targets.some((id) => defaults.accountIds.includes(id)))
        next = { ...next, targets: defaults.targets };
      if (!next) {
        next = { ...emptyDraft(newId(), Date.now(), defaults.langs), text: handoff, ...seedFrom(defaults) };
        await saveDraft(db, next);
        // Any page can open the composer with text: untouched drafts stay few.
        await pruneUntouchedDrafts(db);
        setHandoffTruncated(clamped.truncated);
      }
      setDraft(next);
    })();
  }, [defaults, draft]);

  const persist = useCallback((next: Draft) => writer.write(next), [writer]);

  const update = useCallback(
    (patch: Partial<Draft>) => {
      setDraft((current) => {
        if (!current) return current;
        const next = { ...current, ...patch, updatedAt: Date.now() };
        persist(next);
        return next;
      });
    },
    [persist],
  );

  const reset = useCallback(
    (seed: Partial<Draft> = {}) => {
      const next = {
        ...emptyDraft(newId(), Date.now(), defaults?.langs),
        ...(defaults ? seedFrom(defaults) : {}),
        ...seed,
      };
      persist(next);
      setDraft(next);
    },
    [defaults, persist],
  );

  const open = useCallback(async (id: string) => {
    const found = await getDraft(await openSortieDb(), id);
    if (found) setDraft(found);
  }, []);

  return { draft, update, flush: () => writer.flush(), reset, open, handoffTruncated };
}
