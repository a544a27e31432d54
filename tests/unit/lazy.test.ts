import { describe, expect, it, vi } from 'vitest';
import { lazy } from '../../lib/lazy';

describe('lazy', () => {
  it('builds nothing until asked, then once', () => {
    const build = vi.fn(() => ({ built: true }));
    const value = lazy(build);
    expect(build).not.toHaveBeenCalled();
    const first = value();
    expect(value()).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('keeps a falsy value instead of building again', () => {
    const build = vi.fn(() => 0);
    const value = lazy(build);
    expect([value(), value()]).toEqual([0, 0]);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
