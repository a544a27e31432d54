import { describe, expect, it } from 'vitest';
import { classifyMirrorPage, mayBeFailure } from '../../../lib/links/page-health';

const panel = (text: string) => `<div class="error-panel"><span>${text}</span></div>`;

describe('classifyMirrorPage: does this page fail its reader?', () => {
  it.each([
    [429, '<html>Too many requests</html>', 'rate-limited'],
    [200, panel('Instance has been rate limited.'), 'rate-limited'],
    [200, panel('No auth tokens available'), 'no-sessions'],
    [502, '<html>Bad gateway</html>', 'http-error'],
    [0, panel('Instance has been rate limited.'), 'rate-limited'],
  ])('%i %s -> %s', (status, body, reason) => {
    expect(classifyMirrorPage({ status, body })?.reason).toBe(reason);
  });

  it.each([
    [200, '<div class="main-tweet">A post about rate limits</div>'],
    [404, panel('User "nobody" not found')],
    [200, '<title>Just a moment...</title>'],
    [503, '<title>Just a moment...</title><div id="cf-chl-widget"></div>'],
    [0, '<div class="timeline-item">post</div>'],
  ])('%i %s is not a mirror failure', (status, body) => {
    expect(classifyMirrorPage({ status, body })).toBeNull();
  });

  it('only reads pages with an error status or an error panel', () => {
    expect(mayBeFailure(200, false)).toBe(false);
    expect(mayBeFailure(404, false)).toBe(false);
    expect(mayBeFailure(429, false)).toBe(true);
    expect(mayBeFailure(503, false)).toBe(true);
    expect(mayBeFailure(200, true)).toBe(true);
  });
});
