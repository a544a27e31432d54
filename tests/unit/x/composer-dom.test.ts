import { describe, expect, it } from 'vitest';
import {
  activeComposer,
  composerOfButton,
  composerText,
  editableOf,
  findComposers,
  hasContent,
  imageUrls,
  THREAD_BREAK,
} from '../../../lib/x/composer-dom.ts';
import { MANUAL_SPLIT_MARKER } from '../../../lib/model/draft.ts';
import { dom, inlineComposer, modalComposer } from './dom.ts';

describe("reading X's composer", () => {
  it('finds the inline composer, its editor and its Post button', () => {
    const { document } = dom(inlineComposer(['Hello', 'second line']));
    const [composer, ...rest] = findComposers(document);
    expect(rest).toEqual([]);
    expect(composer!.root.id).toBe('inline');
    expect(composer!.modal).toBe(false);
    expect(composer!.postButton?.getAttribute('data-testid')).toBe('tweetButtonInline');
    expect(composerText(composer!)).toBe('Hello\nsecond line');
  });

  it("reads a thread in the modal composer with Sortie's manual breaks, skipping empty posts", () => {
    const { document } = dom(modalComposer(['First post', '', 'Third post']));
    const composer = findComposers(document)[0]!;
    expect(composer.modal).toBe(true);
    expect(composer.editors.map((e) => e.getAttribute('contenteditable'))).toEqual(['true', 'true', 'true']);
    expect(composerText(composer)).toBe(`First post${THREAD_BREAK}Third post`);
    expect(THREAD_BREAK).toBe(MANUAL_SPLIT_MARKER);
  });

  it('takes the contenteditable inside the testid element, or the element itself', () => {
    const { document } = dom(
      '<div data-testid="tweetTextarea_0"><div contenteditable="true">x</div></div><div id="b" contenteditable="true"></div>',
    );
    expect(editableOf(document.querySelector('[data-testid]')!).textContent).toBe('x');
    const self = document.getElementById('b')!;
    expect(editableOf(self)).toBe(self);
  });

  it('lists only blob: image previews, once each', () => {
    const { document } = dom(
      inlineComposer(
        ['a'],
        ['blob:https://x.com/1', 'https://pbs.twimg.com/x.jpg', 'blob:https://x.com/1', 'blob:https://x.com/2'],
      ),
    );
    const composer = findComposers(document)[0]!;
    expect(imageUrls(composer)).toEqual(['blob:https://x.com/1', 'blob:https://x.com/2']);
  });

  it('ignores an editor without a Post button near it', () => {
    const { document } = dom('<div data-testid="tweetTextarea_0" contenteditable="true">alone</div>');
    expect(findComposers(document)).toEqual([]);
  });

  it('prefers the modal composer, then a composer holding text', () => {
    const both = dom(inlineComposer(['typed']) + modalComposer(['']));
    expect(activeComposer(both.document, null)?.modal).toBe(true);
    const empty = dom(inlineComposer([]));
    expect(activeComposer(empty.document, null)).toBeNull();
    const typed = dom(inlineComposer(['typed']));
    expect(activeComposer(typed.document, null)?.root.id).toBe('inline');
  });

  it("keeps the last focused composer active while focus sits in Sortie's UI", () => {
    const { document } = dom(inlineComposer([]));
    const editor = document.querySelector('[data-testid="tweetTextarea_0"]')!;
    expect(activeComposer(document, editor)?.root.id).toBe('inline');
  });

  it('finds the composer of a Post button; images alone count as content', () => {
    const { document } = dom(inlineComposer([], ['blob:https://x.com/9']));
    const composer = composerOfButton(document, document.querySelector('[data-testid="tweetButtonInline"]')!);
    expect(composer?.root.id).toBe('inline');
    expect(hasContent(composer!)).toBe(true);
  });
});
