/** The links state from the background, reloaded after each change made here. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { LinksState } from '../../lib/links/state.ts';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';

export interface LinksStateHook {
  state: LinksState | null;
  error: SortieError | null;
  /** Runs a request that answers with the new state (or reloads it after). */
  run: (work: () => Promise<LinksState | unknown>) => Promise<void>;
  reload: () => Promise<void>;
}

export function useLinksState(): LinksStateHook {
  const [state, setState] = useState<LinksState | null>(null);
  const [error, setError] = useState<SortieError | null>(null);

  const reload = useCallback(async () => {
    try {
      setState(await send('links.state'));
    } catch (e) {
      setError(e instanceof SortieError ? e : new SortieError('error.generic', String(e)));
    }
  }, []);

  const run = useCallback(
    async (work: () => Promise<LinksState | unknown>) => {
      setError(null);
      try {
        const result = await work();
        if (typeof result === 'object' && result !== null && 'mirrors' in result) setState(result as LinksState);
        else await reload();
      } catch (e) {
        setError(e instanceof SortieError ? e : new SortieError('error.generic', String(e)));
      }
    },
    [reload],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, error, run, reload };
}
