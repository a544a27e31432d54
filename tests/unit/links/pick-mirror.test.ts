import { describe, expect, it } from 'vitest';
import { pickMirror, type HealthMap, type MirrorHealth } from '../../../lib/links/health';
import type { Mirror } from '../../../lib/links/mirrors';

const m = (id: string): Mirror => ({
  id,
  name: id,
  origin: `https://${id}`,
  scheme: 'nitter',
  builtIn: true,
  addedByUser: false,
  pinned: false,
});
const MIRRORS = [m('a.example'), m('b.example'), m('c.example')];
const h = (state: MirrorHealth['state'], latencyMs: number | null = 200): MirrorHealth => ({
  state,
  reason: null,
  latencyMs,
  checkedAt: 1,
  failures: state === 'down' ? 1 : 0,
});
const pick = (health: HealthMap, over: Partial<Parameters<typeof pickMirror>[2]> = {}) =>
  pickMirror(MIRRORS, health, { pinnedId: null, currentId: null, rebalance: false, random: () => 0, ...over })?.id ??
  null;

describe('pickMirror', () => {
  it('uses a mirror before any check ran (fresh install)', () => {
    expect(pick({})).toBe('a.example');
    expect(pick({}, { random: () => 0.99 })).toBe('c.example');
  });

  it('prefers the pinned mirror unless it is known down, even when never checked', () => {
    expect(pick({ 'a.example': h('up') }, { pinnedId: 'c.example' })).toBe('c.example');
    expect(pick({ 'a.example': h('up'), 'c.example': h('down') }, { pinnedId: 'c.example' })).toBe('a.example');
  });

  it('keeps the current mirror while up, draws again when rebalancing', () => {
    const health = { 'a.example': h('up', 5_000), 'b.example': h('up', 100) };
    expect(pick(health, { currentId: 'a.example', random: () => 0.99 })).toBe('a.example');
    expect(pick(health, { currentId: 'a.example', rebalance: true, random: () => 0.5 })).toBe('b.example');
  });

  it('prefers a healthy mirror over one never checked, and unknown over down', () => {
    expect(pick({ 'c.example': h('up') }, { currentId: 'a.example' })).toBe('c.example');
    expect(pick({ 'a.example': h('down'), 'b.example': h('down') })).toBe('c.example');
  });

  it('returns null when every mirror is known down', () => {
    expect(
      pick({ 'a.example': h('down'), 'b.example': h('down'), 'c.example': h('down') }, { pinnedId: 'a.example' }),
    ).toBeNull();
  });
});
