export const views = ['corpora', 'train', 'runs', 'explore'] as const;
export type ViewName = (typeof views)[number];

/**
 * Which view is shown, kept in the location hash (`#/runs/r-…`) so a reload comes back to the same place —
 * the hash works the same under file:// (Electron) and http:// (web host).
 */
export class Router {
  view = $state<ViewName>('corpora');
  /** The view's subject: a run id for runs and explore. */
  param = $state<string | null>(null);

  constructor() {
    this.#read();
    window.addEventListener('hashchange', () => this.#read());
  }

  go(view: ViewName, param: string | null = null): void {
    this.view = view;
    this.param = param;
    const hash = `#/${view}${param ? `/${encodeURIComponent(param)}` : ''}`;
    if (location.hash !== hash) history.pushState(null, '', hash);
  }

  #read(): void {
    const [view, param] = location.hash.replace(/^#\/?/, '').split('/');
    this.view = (views as readonly string[]).includes(view) ? (view as ViewName) : 'corpora';
    this.param = param ? decodeURIComponent(param) : null;
  }
}
