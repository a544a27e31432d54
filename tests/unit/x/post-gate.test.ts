import { describe, expect, it } from 'vitest';
import {
  createPostGate,
  TRACK_DELAY_MS,
  VISIBLE_FOR_MS,
  type GateEnv,
} from '../../../components/composer/visibility.ts';

type Report = { target: 'text' | 'button'; isIntersecting: boolean; isVisible?: boolean; at: number };

/** `timerLag`: how much earlier than asked a timer fires (browsers truncate fractional delays). */
function harness(supported = true, timerLag = 0) {
  let now = 0;
  let callback: ((entries: Array<{ target: Element; isIntersecting: boolean; isVisible?: boolean }>) => void) | null =
    null;
  let options: { trackVisibility: boolean; delay: number } | null = null;
  const env: GateEnv = {
    supported,
    now: () => now,
    sleep: async (ms) => {
      now += Math.max(0, ms - timerLag);
    },
    Observer: class {
      constructor(cb: typeof callback, opts: { trackVisibility: boolean; delay: number }) {
        callback = cb;
        options = opts;
      }
      observe() {}
      disconnect() {
        callback = null;
      }
    } as unknown as GateEnv['Observer'],
  };
  const text = { id: 'text' } as unknown as Element;
  const button = { id: 'button' } as unknown as Element;
  const gate = createPostGate(env);
  const stop = gate.watch(text, button);
  return {
    gate,
    stop,
    options: () => options,
    run(reports: Report[], checkAt: number) {
      for (const r of reports) {
        now = r.at;
        callback?.([
          { target: r.target === 'text' ? text : button, isIntersecting: r.isIntersecting, isVisible: r.isVisible },
        ]);
      }
      now = checkAt;
      return { button: gate.check('button'), shortcut: gate.check('shortcut') };
    },
  };
}

describe('posting from the composer framed on x.com', () => {
  it('asks IntersectionObserver v2 to track visibility, at least every 100 ms', () => {
    const h = harness();
    expect(h.options()).toMatchObject({ trackVisibility: true, delay: TRACK_DELAY_MS });
    expect(TRACK_DELAY_MS).toBeGreaterThanOrEqual(100);
  });

  const cases: Array<{ name: string; reports: Report[]; checkAt: number; button: string; shortcut: string }> = [
    { name: 'nothing reported yet: hidden', reports: [], checkAt: 10_000, button: 'hidden', shortcut: 'hidden' },
    {
      name: 'both visible long enough: both actions go through',
      reports: [
        { target: 'text', isIntersecting: true, isVisible: true, at: 0 },
        { target: 'button', isIntersecting: true, isVisible: true, at: 0 },
      ],
      checkAt: VISIBLE_FOR_MS,
      button: 'visible',
      shortcut: 'visible',
    },
    {
      name: 'visible only just now (slid under the cursor): not yet',
      reports: [{ target: 'button', isIntersecting: true, isVisible: true, at: 1_000 }],
      checkAt: 1_000 + VISIBLE_FOR_MS - 1,
      button: 'hidden',
      shortcut: 'hidden',
    },
    {
      name: 'covered or made transparent after being seen: hidden again',
      reports: [
        { target: 'button', isIntersecting: true, isVisible: true, at: 0 },
        { target: 'button', isIntersecting: true, isVisible: false, at: 2_000 },
      ],
      checkAt: 5_000,
      button: 'hidden',
      shortcut: 'hidden',
    },
    {
      name: 'on screen but never reported visible (opacity, overlap): hidden',
      reports: [{ target: 'button', isIntersecting: true, isVisible: false, at: 0 }],
      checkAt: 5_000,
      button: 'hidden',
      shortcut: 'hidden',
    },
    {
      name: 'text visible, Post scrolled away: only Ctrl+Enter from the text box',
      reports: [
        { target: 'text', isIntersecting: true, isVisible: true, at: 0 },
        { target: 'button', isIntersecting: false, isVisible: false, at: 0 },
      ],
      checkAt: 5_000,
      button: 'hidden',
      shortcut: 'visible',
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(harness().run(c.reports, c.checkAt)).toEqual({ button: c.button, shortcut: c.shortcut }));
  }

  it('an action pressed just after the composer showed waits out the rest, then goes through if it stayed visible', async () => {
    const h = harness();
    h.run([{ target: 'button', isIntersecting: true, isVisible: true, at: 1_000 }], 1_100);
    expect(h.gate.check('button')).toBe('hidden');
    expect(await h.gate.settle('button')).toBe('visible');
    expect(await h.gate.settle('shortcut')).toBe('hidden');
  });

  it('a timer that fires a fraction early does not refuse an action that stayed visible', async () => {
    const h = harness(true, 0.6);
    h.run([{ target: 'text', isIntersecting: true, isVisible: true, at: 211.8 }], 286.3);
    expect(await h.gate.settle('shortcut')).toBe('visible');
  });

  it('without IOv2 (Firefox) nothing posts from the frame', () => {
    const h = harness(false);
    expect(h.gate.supported).toBe(false);
    expect(h.run([{ target: 'button', isIntersecting: true, isVisible: true, at: 0 }], 10_000)).toEqual({
      button: 'unsupported',
      shortcut: 'unsupported',
    });
  });

  it('forgets what it saw once unwatched', () => {
    const h = harness();
    h.run([{ target: 'button', isIntersecting: true, isVisible: true, at: 0 }], 0);
    h.stop();
    expect(h.run([], 10_000).button).toBe('hidden');
  });
});
