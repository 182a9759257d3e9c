import { getContext } from 'svelte';
import type { StudioApi } from '../contract.ts';
import { CorporaState } from './CorporaState.svelte.ts';
import { DropState } from './DropState.svelte.ts';
import { ExploreState } from './ExploreState.svelte.ts';
import { LocaleState } from './LocaleState.svelte.ts';
import { Router } from './Router.svelte.ts';
import { RunsState } from './RunsState.svelte.ts';
import { SamplesState } from './SamplesState.svelte.ts';
import { StudioClient } from './StudioClient.svelte.ts';
import { TrainState } from './TrainState.svelte.ts';

/** Everything the views share: the client over `window.studio` and one state object per view. */
export class AppState {
  readonly client: StudioClient;
  readonly router = new Router();
  readonly corpora: CorporaState;
  readonly runs: RunsState;
  readonly train: TrainState;
  readonly explore: ExploreState;
  /** Files dropped anywhere in the window. */
  readonly drops: DropState;
  readonly samples: SamplesState;
  /** The UI's language (set first: everything after it may format text). */
  readonly locale: LocaleState;

  constructor(api: StudioApi) {
    this.locale = new LocaleState((locale) => void api.shell?.setLocale(locale).catch(() => undefined));
    this.client = new StudioClient(api);
    this.corpora = new CorporaState(this.client);
    this.runs = new RunsState(this.client);
    this.train = new TrainState(this.client);
    this.explore = new ExploreState(this.client);
    this.drops = new DropState(this);
    this.samples = new SamplesState(this.client, this.corpora, this.train, this.router);
    // Jobs can end while another view is open, or be started by another window: keep the lists current.
    this.client.onSettled((job) => {
      if (job.result?.kind === 'import') void this.corpora.imported(job.result.corpus);
      if (job.kind === 'train' || job.kind === 'vectors' || job.result?.kind === 'train' || job.result?.kind === 'vectors') void this.runs.refresh();
    });
    this.client.onReady(() => void Promise.all([this.corpora.refresh(), this.runs.refresh(), this.train.refreshRun()]));
    // The desktop shell hands files over as an event (File › Add files…, "Open with", a second launch): each is
    // opened as what it is, as a drop is (a corpus to the import form, a model zip or vectors file imported).
    this.client.api.on('files', (event) => {
      if (event.type !== 'picked' || this.corpora.importer.running) return;
      void this.drops.open(event.files);
    });
    // The desktop's Go menu and its notifications ("training finished": open the run).
    this.client.api.on('navigate', ({ view, param }) => this.router.go(view, param));
  }

  async start(): Promise<void> {
    const [running] = await Promise.all([this.client.start(), this.corpora.refresh(), this.runs.refresh()]);
    for (const job of running) {
      if (job.kind === 'import') this.corpora.importer.follow(job);
      if (job.kind === 'train' && !this.train.job) void this.train.resume(job);
    }
  }
}

const key = Symbol('app');

/** The context `mount` gives the component tree (see main.ts). */
export function appContext(app: AppState): Map<symbol, AppState> {
  return new Map([[key, app]]);
}

export function getApp(): AppState {
  return getContext<AppState>(key);
}
