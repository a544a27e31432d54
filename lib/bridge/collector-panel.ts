/**
 * The small panel Sortie shows on X's follow lists, framework-free (it lives
 * in a content script on x.com): how many accounts were read, auto-scroll
 * with stop and resume, a way to the results, and a way to hide it. Built
 * inside a shadow root, so X's styles and scripts leave it alone.
 */
import type { BridgePanelStrings } from './messages.ts';
import type { AutoScrollState } from './auto-scroll.ts';

export const PANEL_CSS = `
:host { all: initial; }
.panel { position: fixed; inset-block-end: 16px; inset-inline-end: 16px; z-index: 2147483000; max-width: 20rem;
  background: #16161a; color: #ececf1; border: 1px solid #44444c; border-radius: 10px; padding: 10px 12px;
  font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 4px 16px rgb(0 0 0 / 40%); }
.panel h2 { font-size: 14px; margin: 0 0 4px; }
.panel p { margin: 0 0 8px; }
.row { display: flex; gap: 6px; flex-wrap: wrap; }
button { font: inherit; color: #16161a; background: #b7a6ff; border: 0; border-radius: 6px; padding: 4px 10px; cursor: pointer; }
button.secondary { background: transparent; color: #ececf1; border: 1px solid #44444c; }
button:focus-visible { outline: 3px solid #ffffff; outline-offset: 2px; }
`;

export interface PanelActions {
  onAutoScroll: () => void;
  onStop: () => void;
  onOpen: () => void;
  onHide: () => void;
}

export interface PanelView {
  setCount: (count: number) => void;
  setScroll: (state: AutoScrollState) => void;
}

function button(doc: Document, text: string, onClick: () => void, secondary = false): HTMLButtonElement {
  const b = doc.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (secondary) b.className = 'secondary';
  b.addEventListener('click', onClick);
  return b;
}

export function buildPanel(container: HTMLElement, strings: BridgePanelStrings, actions: PanelActions): PanelView {
  const doc = container.ownerDocument;
  const panel = doc.createElement('section');
  panel.className = 'panel';
  panel.setAttribute('aria-label', strings.title);
  panel.dataset.testid = 'sortie-bridge-panel';
  const title = doc.createElement('h2');
  title.textContent = strings.title;
  const count = doc.createElement('p');
  count.setAttribute('role', 'status');
  count.dataset.testid = 'sortie-bridge-count';
  const row = doc.createElement('div');
  row.className = 'row';
  const scroll = button(doc, strings.autoScroll, () => actions.onAutoScroll());
  const stop = button(doc, strings.stop, () => actions.onStop());
  stop.hidden = true;
  row.append(
    scroll,
    stop,
    button(doc, strings.open, () => actions.onOpen(), true),
    button(doc, strings.hide, () => actions.onHide(), true),
  );
  panel.append(title, count, row);
  container.append(panel);

  let current = 0;
  let scrollState: AutoScrollState = 'idle';
  const render = (): void => {
    const counted = strings.count.replace('{n}', String(current));
    count.textContent = scrollState === 'done' ? `${counted} ${strings.done}` : counted;
    stop.hidden = scrollState !== 'running';
    scroll.hidden = scrollState === 'running';
    scroll.textContent = scrollState === 'stopped' ? strings.resume : strings.autoScroll;
  };
  render();
  return {
    setCount(n) {
      current = n;
      render();
    },
    setScroll(state) {
      scrollState = state;
      render();
    },
  };
}
