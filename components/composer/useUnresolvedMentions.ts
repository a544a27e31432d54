/**
 * Bluesky mentions that match no account, checked through the user's own
 * session (the background asks the engine) a moment after typing stops, so
 * the user sees them before posting instead of finding plain text later.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PublicAccount } from '../../lib/accounts/account.ts';
import { textFor } from '../../lib/compose/adapt.ts';
import type { Draft } from '../../lib/compose/draft.ts';
// Only texts with something RichText may link as a handle are worth a round trip.
import { mayMentionOnBluesky } from '../../lib/compose/tokens.ts';
import { send } from '../../lib/messaging/client.ts';

const DEBOUNCE_MS = 600;

export function useUnresolvedMentions(draft: Draft | null, accounts: PublicAccount[] | null): string[] {
  const [unresolved, setUnresolved] = useState<string[]>([]);
  const account = accounts?.find((a) => a.network === 'bluesky' && a.status === 'ok' && draft?.targets.includes(a.id));
  const text = draft ? textFor(draft, 'bluesky') : '';

  useEffect(() => {
    if (!account || !mayMentionOnBluesky(text)) {
      setUnresolved([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      send('compose.unresolvedMentions', { accountId: account.id, text }).then(
        (handles) => current && setUnresolved(handles),
        // Offline or the PDS is down: say nothing rather than cry wolf.
        () => current && setUnresolved([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [account?.id, text]);

  return unresolved;
}
