/**
 * The layer rules (.dependency-cruiser.cjs) catch what they promise: run on a
 * tiny tree (tests/unit/fixtures/layers), they flag an uphill import and a
 * cycle and leave a clean module alone. A rule set that flags nothing would
 * pass `npm run lint:layers` forever.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixtureRoot = fileURLToPath(new URL('./fixtures/layers/', import.meta.url));
const config = require(`${repoRoot}.dependency-cruiser.cjs`) as IConfiguration;

async function violations(): Promise<{ rule: string; from: string; to: string }[]> {
  const cwd = process.cwd();
  process.chdir(fixtureRoot);
  try {
    const { output } = await cruise(['lib'], {
      ...config.options,
      tsConfig: undefined,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
    });
    const result = output as ICruiseResult;
    return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
  } finally {
    process.chdir(cwd);
  }
}

describe('layer rules', () => {
  it("flag an uphill import, a cycle and a type cycle, and not the message table's own type cycle", async () => {
    const found = await violations();
    expect(found).toContainEqual({
      rule: 'base-imports-only-base',
      from: 'lib/validate.ts',
      to: 'lib/networks/uphill.ts',
    });
    const cycles = found.filter((v) => v.rule === 'no-circular');
    expect(cycles).toHaveLength(1);
    expect(['lib/links/cycle-a.ts', 'lib/links/cycle-b.ts']).toContain(cycles[0]?.from);
    const typeCycles = found.filter((v) => v.rule === 'no-circular-types' && v.from.includes('type-cycle'));
    expect(typeCycles).toHaveLength(1);
    expect(found.filter((v) => v.from === 'lib/links/clean.ts')).toEqual([]);
    // The message table's slice imports the table's types back: allowed.
    expect(found.filter((v) => v.from.endsWith('messages.ts') || v.to.endsWith('messages.ts'))).toEqual([]);
  });
});
