// The state browser's tree: vertices → subtasks → key groups → keys, each level asked of the host a
// page at a time (nothing loads a whole checkpoint into the DOM), with the keyboard model of an ARIA
// tree (arrows, Home/End, Enter). Browser only; imports protocol/ and common/.
import type { StateNode } from '../../protocol/index.js';
import type { HostConnection } from '../common/hostConnection.js';
import { formatBytes, h } from '../common/dom.js';

/** Children shown per page. */
export const PAGE_SIZE = 100;

/** A lazily loaded tree of one checkpoint. */
export class StateTree {
  readonly element: HTMLUListElement;
  /** Called when a node is selected (Enter or click). */
  onSelect: (node: StateNode) => void = () => {};

  constructor(
    private readonly host: HostConnection<unknown>,
    private readonly checkpoint: string,
  ) {
    this.element = h('ul', { role: 'tree', class: 'tree', 'aria-label': `State of ${checkpoint}` });
    this.element.addEventListener('keydown', (e) => this.key(e));
    void this.loadInto(this.element, '', 0, 1);
  }

  private async loadInto(list: HTMLUListElement, path: string, offset: number, level: number): Promise<void> {
    const page = await this.host.request('stateChildren', { checkpoint: this.checkpoint, path, offset, limit: PAGE_SIZE });
    list.querySelector(':scope > li.more')?.remove();
    if (!page.ok) {
      list.append(h('li', { class: 'error', role: 'none' }, page.error));
      return;
    }
    for (const n of page.nodes) list.append(this.item(n, level));
    const shown = page.offset + page.nodes.length;
    if (shown < page.total) {
      const more = h('button', { type: 'button' }, `Load more (${shown} of ${page.total})`);
      more.addEventListener('click', () => void this.loadInto(list, path, shown, level));
      list.append(h('li', { class: 'more', role: 'none' }, more));
    }
    if (list === this.element && !list.querySelector('[tabindex="0"]')) list.querySelector<HTMLElement>('[role="treeitem"]')?.setAttribute('tabindex', '0');
  }

  private item(n: StateNode, level: number): HTMLLIElement {
    const label = h('span', { class: 'label' }, n.label);
    const meta = h('span', { class: 'muted' }, [n.childCount !== undefined ? `${n.childCount}` : '', n.stateBytes !== undefined ? formatBytes(n.stateBytes) : ''].filter(Boolean).join(' · '));
    const li = h('li', { role: 'treeitem', tabindex: -1, 'aria-level': level, 'data-path': n.path, 'aria-selected': 'false', ...(n.hasChildren ? { 'aria-expanded': 'false' } : {}) }, h('div', { class: 'row-label' }, h('span', { class: 'twisty', 'aria-hidden': 'true' }, n.hasChildren ? '▸' : ' '), label, ' ', meta));
    // The twisty (or a double click) opens and closes; a click on the row selects.
    const twisty = li.querySelector<HTMLElement>(':scope > .row-label > .twisty')!;
    twisty.addEventListener('click', (e) => {
      e.stopPropagation();
      this.focus(li);
      if (n.hasChildren) void this.toggle(li, n, level);
    });
    li.addEventListener('dblclick', (e) => {
      e.stopPropagation();
      if (n.hasChildren) void this.toggle(li, n, level);
    });
    li.addEventListener('click', (e) => {
      e.stopPropagation();
      this.focus(li);
      this.select(li, n);
    });
    (li as HTMLLIElement & { node?: StateNode }).node = n;
    return li;
  }

  private select(li: HTMLLIElement, n: StateNode): void {
    for (const x of this.element.querySelectorAll('[aria-selected="true"]')) x.setAttribute('aria-selected', 'false');
    li.setAttribute('aria-selected', 'true');
    this.onSelect(n);
  }

  private async toggle(li: HTMLLIElement, n: StateNode, level: number, open?: boolean): Promise<void> {
    const expanded = li.getAttribute('aria-expanded') === 'true';
    const want = open ?? !expanded;
    if (want === expanded) return;
    li.setAttribute('aria-expanded', String(want));
    li.querySelector(':scope > .row-label > .twisty')!.textContent = want ? '▾' : '▸';
    let group = li.querySelector<HTMLUListElement>(':scope > ul');
    if (!want) {
      group?.remove();
      return;
    }
    group = h('ul', { role: 'group' });
    li.append(group);
    await this.loadInto(group, n.path, 0, level + 1);
  }

  private visible(): HTMLLIElement[] {
    return [...this.element.querySelectorAll<HTMLLIElement>('li[role="treeitem"]')];
  }

  private focus(li: HTMLLIElement): void {
    for (const x of this.element.querySelectorAll('[tabindex="0"]')) x.setAttribute('tabindex', '-1');
    li.setAttribute('tabindex', '0');
    li.focus();
  }

  private key(e: KeyboardEvent): void {
    const li = (e.target as HTMLElement).closest<HTMLLIElement>('li[role="treeitem"]');
    if (!li) return;
    const items = this.visible();
    const i = items.indexOf(li);
    const n = (li as HTMLLIElement & { node?: StateNode }).node!;
    const level = Number(li.getAttribute('aria-level'));
    switch (e.key) {
      case 'ArrowDown':
        if (items[i + 1]) this.focus(items[i + 1]!);
        break;
      case 'ArrowUp':
        if (items[i - 1]) this.focus(items[i - 1]!);
        break;
      case 'Home':
        this.focus(items[0]!);
        break;
      case 'End':
        this.focus(items[items.length - 1]!);
        break;
      case 'ArrowRight':
        if (n.hasChildren) void this.toggle(li, n, level, true);
        break;
      case 'ArrowLeft':
        if (li.getAttribute('aria-expanded') === 'true') void this.toggle(li, n, level, false);
        else {
          const parent = li.parentElement?.closest<HTMLLIElement>('li[role="treeitem"]');
          if (parent) this.focus(parent);
        }
        break;
      case 'Enter':
      case ' ':
        this.select(li, n);
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}
