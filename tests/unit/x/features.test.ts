import { describe, expect, it, vi } from 'vitest';
import { createFeatureManager, type XFeature } from '../../../lib/x/features.ts';
import { dom, settle } from './dom.ts';

/** Runs scheduled batches by hand, so a test can count them. */
function manualSchedule() {
  const queue: Array<() => void> = [];
  return {
    schedule: (fn: () => void) => void queue.push(fn),
    runAll: () => queue.splice(0).forEach((fn) => fn()),
    get pending() {
      return queue.length;
    },
  };
}

describe('feature manager', () => {
  it('runs listeners once now, then once per batch however many mutations arrived', async () => {
    const { document, Observer } = dom('<main></main>');
    const clock = manualSchedule();
    const listener = vi.fn();
    const manager = createFeatureManager([{ id: 'a', init: (env) => env.onDomChange(listener) }], {
      doc: document,
      Observer,
      schedule: clock.schedule,
    });
    manager.start(new URL('https://x.com/home'));
    expect(listener).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i += 1) document.querySelector('main')!.append(document.createElement('div'));
    await settle();
    expect(clock.pending).toBe(1);
    clock.runAll();
    expect(listener).toHaveBeenCalledTimes(2);
    manager.stop();
  });

  it('aborts the signal on in-page navigation and restarts the features that apply', async () => {
    const { document, Observer } = dom('<main></main>');
    const clock = manualSchedule();
    const signals: AbortSignal[] = [];
    const onHome = vi.fn();
    const features: XFeature[] = [
      { id: 'everywhere', init: (env) => void signals.push(env.signal) },
      { id: 'home', include: (url) => url.pathname === '/home', init: (env) => env.onDomChange(onHome) },
    ];
    const manager = createFeatureManager(features, { doc: document, Observer, schedule: clock.schedule });
    manager.start(new URL('https://x.com/home'));
    expect(onHome).toHaveBeenCalledTimes(1);
    manager.navigated(new URL('https://x.com/jack'));
    expect(signals).toHaveLength(2);
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[1]!.aborted).toBe(false);
    // The /home listener is gone with its signal: DOM changes no longer reach it.
    document.body.append(document.createElement('p'));
    await settle();
    clock.runAll();
    expect(onHome).toHaveBeenCalledTimes(1);
    manager.stop();
    expect(signals[1]!.aborted).toBe(true);
  });

  it('keeps the other features running when one throws', () => {
    const { document, Observer } = dom('');
    const onError = vi.fn();
    const ok = vi.fn();
    const manager = createFeatureManager(
      [
        {
          id: 'broken',
          init: () => {
            throw new Error('boom');
          },
        },
        { id: 'fine', init: (env) => env.onDomChange(ok) },
      ],
      { doc: document, Observer, schedule: () => undefined, onError },
    );
    manager.start(new URL('https://x.com/'));
    expect(onError).toHaveBeenCalledWith('broken', expect.any(Error));
    expect(ok).toHaveBeenCalledTimes(1);
    manager.stop();
  });

  it('uses one MutationObserver for all features', () => {
    const { document, Observer } = dom('');
    const created = vi.fn();
    class Counting extends Observer {
      constructor(cb: MutationCallback) {
        super(cb);
        created();
      }
    }
    const feature = (id: string): XFeature => ({ id, init: (env) => env.onDomChange(() => undefined) });
    const manager = createFeatureManager([feature('a'), feature('b'), feature('c')], {
      doc: document,
      Observer: Counting,
      schedule: () => undefined,
    });
    manager.start(new URL('https://x.com/'));
    manager.navigated(new URL('https://x.com/home'));
    expect(created).toHaveBeenCalledTimes(1);
    manager.stop();
  });
});
