/**
 * The follow bridge's quality targets on a generated population of 480 X
 * accounts with every known trap (population.ts): a regression in scoring or
 * hint reading fails here.
 */
import { describe, expect, it } from 'vitest';
import { generatePopulation } from './population';
import { addressesListed, evaluate, precisionSure, precisionSureLikely, recallBluesky } from './quality';

describe('follow bridge match quality on the generated population', () => {
  const people = generatePopulation();
  const q = evaluate(people);

  it('has at least 400 X accounts and every trap', () => {
    expect(people.length).toBeGreaterThanOrEqual(400);
    expect(q.byTrap.size).toBeGreaterThanOrEqual(18);
  });

  it('meets the targets', () => {
    expect({ mistakes: q.mistakes, sure: precisionSure(q.overall) }).toMatchObject({ sure: expect.any(Number) });
    expect(precisionSure(q.overall)).toBeGreaterThanOrEqual(0.98);
    expect(precisionSureLikely(q.overall)).toBeGreaterThanOrEqual(0.95);
    expect(recallBluesky(q.overall)).toBeGreaterThanOrEqual(0.9);
    expect(addressesListed(q.overall)).toBe(1);
  });

  it('never calls a decoy sure: organisations, parodies, impersonators, look-alikes, strangers', () => {
    for (const trap of [
      'parody / fan / not-affiliated account, same handle and name',
      'impersonation label',
      'homoglyph name',
      'look-alike handle',
      'same-name stranger',
      'same-handle stranger',
      "employer's domain in the website field",
    ]) {
      const c = q.byTrap.get(trap)!;
      expect(c.sure - c.sureRight, trap).toBe(0);
      expect(c.likely - c.likelyRight, trap).toBe(0);
    }
    const orgs = q.byTrap.get('organisation named in the bio (pour, chez, at, for, @ work, co-founder of)')!;
    expect(orgs.sure - orgs.sureRight + orgs.likely - orgs.likelyRight).toBe(0);
  });

  it('is deterministic', () => {
    expect(generatePopulation().map((p) => p.x.handle)).toEqual(people.map((p) => p.x.handle));
  });
});
