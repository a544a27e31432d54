/**
 * Reading X's composer from its markup. X's class names are generated and
 * change often; its `data-testid` attributes are what its own tests use and
 * have been stable for years, so they are the only hooks used here:
 *   tweetTextarea_0, _1...   the editor of each post of a thread (the
 *                            contenteditable itself, or its wrapper)
 *   tweetButton              Post, in the modal composer
 *   tweetButtonInline        Post, in the composer inline on a page
 *   attachments              the previews of attached media
 * Nothing here changes X's DOM except `clearComposer`, which only runs after
 * the user posted the same text through Sortie.
 */

export const POST_BUTTON_SELECTOR = '[data-testid="tweetButton"], [data-testid="tweetButtonInline"]';
export const FIRST_EDITOR_SELECTOR = '[data-testid="tweetTextarea_0"]';
const EDITOR_TESTID = /^tweetTextarea_\d+$/;
/** Deep enough for X's nesting between an editor and its Post button, small enough to stay cheap. */
const MAX_DEPTH = 30;

export interface XComposer {
  /** The smallest element holding the first editor and a Post button. */
  root: Element;
  /** One editable element per post of the thread, in order. */
  editors: HTMLElement[];
  postButton: HTMLElement | null;
  /** Inside X's modal dialog (the composer opened from "Post" or a reply button). */
  modal: boolean;
}

const roots = new WeakMap<Element, Element>();

function rootFor(editor: Element): Element | null {
  const cached = roots.get(editor);
  if (cached && cached.isConnected && cached.contains(editor) && cached.querySelector(POST_BUTTON_SELECTOR))
    return cached;
  let node: Element | null = editor.parentElement;
  for (let depth = 0; node !== null && depth < MAX_DEPTH; depth += 1, node = node.parentElement) {
    if (node.querySelector(POST_BUTTON_SELECTOR)) {
      roots.set(editor, node);
      return node;
    }
  }
  return null;
}

/** The element that takes the typing: the testid element itself or the contenteditable inside it. */
export function editableOf(editor: Element): HTMLElement {
  if (editor.getAttribute('contenteditable') === 'true') return editor as HTMLElement;
  return (editor.querySelector('[contenteditable="true"]') as HTMLElement | null) ?? (editor as HTMLElement);
}

function editorsIn(root: Element): HTMLElement[] {
  return [...root.querySelectorAll('[data-testid^="tweetTextarea_"]')]
    .filter((el) => EDITOR_TESTID.test(el.getAttribute('data-testid') ?? ''))
    .sort((a, b) => editorIndex(a) - editorIndex(b))
    .map(editableOf);
}

function editorIndex(el: Element): number {
  return Number((el.getAttribute('data-testid') ?? '').slice('tweetTextarea_'.length));
}

/** Every composer open on the page (the inline one and the modal one can coexist). */
export function findComposers(doc: Document): XComposer[] {
  const composers: XComposer[] = [];
  for (const first of doc.querySelectorAll(FIRST_EDITOR_SELECTOR)) {
    const root = rootFor(first);
    if (root === null || composers.some((c) => c.root === root)) continue;
    composers.push({
      root,
      editors: editorsIn(root),
      postButton: root.querySelector(POST_BUTTON_SELECTOR) as HTMLElement | null,
      modal: root.closest('[role="dialog"]') !== null,
    });
  }
  return composers;
}

/** The composer a Post button belongs to. */
export function composerOfButton(doc: Document, button: Element): XComposer | null {
  return findComposers(doc).find((c) => c.root.contains(button)) ?? null;
}

/** The composer holding this element (an editor, usually). */
export function composerOf(doc: Document, el: Element): XComposer | null {
  return findComposers(doc).find((c) => c.root.contains(el)) ?? null;
}

/**
 * The text of one editor. X's editor (Draft.js) renders one `data-block`
 * element per line; reading blocks avoids innerText's layout dependence.
 */
export function editorText(editable: HTMLElement): string {
  const blocks = editable.querySelectorAll('[data-block="true"]');
  if (blocks.length > 0) return [...blocks].map((b) => b.textContent ?? '').join('\n');
  const inner = (editable as { innerText?: unknown }).innerText;
  return (typeof inner === 'string' ? inner : (editable.textContent ?? '')).replace(/\n$/, '');
}

/** Sortie's own manual thread break (lib/model/draft.ts MANUAL_SPLIT_MARKER), so X's thread keeps its cuts. */
export const THREAD_BREAK = '\n---\n';

/** All the text typed in the composer: a thread's posts joined by manual breaks. */
export function composerText(composer: XComposer): string {
  return composer.editors
    .map(editorText)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .join(THREAD_BREAK);
}

/** blob: URLs of attached images (X builds its previews from the files the user picked). */
export function imageUrls(composer: XComposer): string[] {
  const urls = [...composer.root.querySelectorAll('[data-testid="attachments"] img')]
    .map((img) => img.getAttribute('src') ?? '')
    .filter((src) => src.startsWith('blob:'));
  return [...new Set(urls)];
}

export function hasContent(composer: XComposer): boolean {
  return composerText(composer) !== '' || imageUrls(composer).length > 0;
}

/**
 * The composer the offer is about: X's modal composer when open; else the
 * inline one being used (focused, recently focused, or holding text).
 */
export function activeComposer(doc: Document, lastFocused: Element | null): XComposer | null {
  const all = findComposers(doc);
  const active = doc.activeElement;
  return (
    all.find((c) => c.modal) ??
    all.find((c) => active !== null && c.root.contains(active)) ??
    all.find((c) => lastFocused !== null && c.root.contains(lastFocused)) ??
    all.find(hasContent) ??
    null
  );
}

/**
 * Empties X's editors after the text went out through Sortie. The browser's
 * own editing commands fire trusted beforeinput/input events, which is what
 * X's editor and its React state follow; setting the DOM directly would
 * leave X's state (and its Post button) holding the old text. Returns true
 * when every editor is empty afterwards.
 */
export async function clearComposer(doc: Document, composer: XComposer): Promise<boolean> {
  for (const editable of [...composer.editors].reverse()) {
    if (!editable.isConnected || editorText(editable).trim() === '') continue;
    editable.focus();
    doc.getSelection()?.selectAllChildren(editable);
    // Let the editor see the selection change (React listens to selectionchange) before deleting it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    doc.execCommand('selectAll', false);
    doc.execCommand('delete', false);
  }
  return composer.editors.every((e) => !e.isConnected || editorText(e).trim() === '');
}
