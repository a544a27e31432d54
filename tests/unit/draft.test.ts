import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../lib/model/draft';

describe('emptyDraft', () => {
  it('starts public, open to replies and quotes, with no targets', () => {
    const d = emptyDraft('d1', 5, ['fr']);
    expect(d).toMatchObject({ id: 'd1', visibility: 'public', langs: ['fr'], targets: [], createdAt: 5 });
    expect(d.interaction).toEqual({ reply: 'everyone', allowQuotes: true });
  });
});
