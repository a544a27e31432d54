/**
 * "The accounts changed", said by whoever writes the accounts store (the
 * background, the engine) to the extension's open pages, so that a composer
 * already open lists them again: an account just connected, removed, or
 * found needing reconnection.
 *
 * A BroadcastChannel is bound to its origin: only the extension's own pages,
 * worker and engine share this one (a content script's channel belongs to the
 * page's origin), so no site hears it or speaks on it. It carries nothing but
 * the fact; pages re-read through `accounts.list`, which the background
 * validates like any other message.
 */
const CHANNEL = 'sortie.accounts-changed';

export function announceAccountsChanged(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(null);
  // Messages already posted are still delivered once the sender is closed.
  channel.close();
}

/** Calls `listener` whenever the accounts change; returns the unsubscribe. */
export function onAccountsChanged(listener: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => listener();
  return () => channel.close();
}
