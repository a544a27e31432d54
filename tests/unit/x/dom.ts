/** A linkedom document for the x.com modules' tests. */
import { parseHTML } from 'linkedom';

export function dom(body: string) {
  const { document, MutationObserver, Event } = parseHTML(
    `<!DOCTYPE html><html><head></head><body>${body}</body></html>`,
  );
  return {
    document: document as unknown as Document,
    Observer: MutationObserver as unknown as typeof globalThis.MutationObserver,
    /** linkedom's own Event class (its dispatch refuses Node's). */
    click: (el: Element) => el.dispatchEvent(new Event('click') as unknown as globalThis.Event),
  };
}

/** linkedom delivers mutation records asynchronously. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** X's inline composer (Draft.js editor with one block per line). */
export function inlineComposer(lines: string[] = [], images: string[] = []): string {
  const blocks = lines.map((l) => `<div data-block="true"><span data-text="true">${l}</span></div>`).join('');
  return `<div id="inline"><div data-testid="tweetTextarea_0_label"><div class="DraftEditor-root">
    <div contenteditable="true" role="textbox" data-testid="tweetTextarea_0"><div data-contents="true">${blocks}</div></div>
  </div></div>
  <div data-testid="attachments">${images.map((src) => `<img src="${src}">`).join('')}</div>
  <div role="group"><button data-testid="tweetButtonInline">Post</button></div></div>`;
}

/** X's modal composer holding a thread: one editor per post, the contenteditable inside the testid element. */
export function modalComposer(posts: string[]): string {
  const editors = posts
    .map((p, i) => `<div data-testid="tweetTextarea_${i}"><div contenteditable="true">${p}</div></div>`)
    .join('');
  return `<div role="dialog" id="modal">${editors}<button data-testid="tweetButton">Post all</button></div>`;
}
