/**
 * The page's side of a live capture: takes the status the server pushes (about 4 times a second), shows it in
 * the live bar, keeps the call list and the open ladder following the newest (paused while the person scrolls
 * elsewhere), reloads the ladder when its call changed, and saves the live capture. The call list itself is
 * refreshed by the app on each progress event (the worker sends one when rows change); nothing here waits per
 * message: every update is one batch per status.
 */
import type { LiveStartRequest, LiveStatus } from '../../shared/ipcContract.ts';
import type { RendererApi } from '../api/rendererApi.ts';
import { byId } from '../dom.ts';
import { exportBytes, saveBytes } from '../export/saveExport.ts';
import { FollowScroll } from './followScroll.ts';
import { LiveBar } from './liveBar.ts';

export interface LiveHooks {
  /** The ladder view: the rows it shows, and (re)opening them keeping a selection. */
  ladder: { readonly rows: number[]; open(rows: number[], selectIndex?: number): Promise<void> };
  callsRoot: HTMLElement;
  ladderRoot: HTMLElement;
  tab(): string;
  /** The session the page shows (the last progress event's). */
  currentSession(): number;
  toast(message: string): void;
  /** A session turned out to be live: the top bar should say so. */
  sessionKnown(): void;
}

/** The record index selected in the ladder (its scroll area names the selected arrow). */
function selectedIndex(scroller: HTMLElement): number {
  const m = /^ladder-msg-(\d+)$/.exec(scroller.getAttribute('aria-activedescendant') ?? '');
  return m === null ? -1 : Number(m[1]);
}

export class LiveController {
  private status: LiveStatus | undefined;
  private readonly bar: LiveBar;
  private readonly sessions = new Set<number>();
  private readonly listFollow: FollowScroll | undefined;
  private readonly ladderFollow: FollowScroll | undefined;
  private readonly ladderScroller: HTMLElement | null;
  /** The ladder's rows as last seen, and the session they belong to (only a live session's are reloaded). */
  private knownRows: number[] = [];
  private rowsSession = -1;
  private ladderDirty = false;
  private refreshing = false;

  constructor(private readonly api: RendererApi, private readonly hooks: LiveHooks) {
    this.bar = new LiveBar(byId('live-bar'), {
      stop: () => void this.run(api.liveStop()),
      start: (request: LiveStartRequest) => void this.run(api.liveStart(request)),
      saveAll: () => void this.saveAll(),
      saveLadderCalls: () => void this.saveLadderCalls(),
      follow: () => {
        this.listFollow?.resume();
        this.ladderFollow?.resume();
        this.showFollow();
      },
    });
    const enabled = (): boolean => this.owns(hooks.currentSession());
    const callScroll = hooks.callsRoot.querySelector<HTMLElement>('.call-scroll');
    const callSpacer = hooks.callsRoot.querySelector<HTMLElement>('.call-spacer');
    // Sorted by start, newest first (the Start header says so), the newest calls are at the top.
    const startHeader = hooks.callsRoot.querySelector<HTMLElement>('.call-header [data-column="start"]');
    const newestFirst = (): boolean => startHeader?.getAttribute('aria-sort') === 'descending';
    this.listFollow = callScroll && callSpacer ? new FollowScroll(callScroll, hooks.callsRoot, enabled, callSpacer, newestFirst) : undefined;
    this.ladderScroller = hooks.ladderRoot.querySelector<HTMLElement>('.ladder-scroll');
    this.ladderFollow = this.ladderScroller ? new FollowScroll(this.ladderScroller, hooks.ladderRoot, enabled) : undefined;
    this.listFollow?.onChange(() => this.showFollow());
    this.ladderFollow?.onChange(() => this.showFollow());
    api.onLiveStatus?.((s) => this.onStatus(s));
    api.liveStatus().then((s) => {
      if (s !== null) this.onStatus(s);
    }, () => undefined);
  }

  /** This session is a live capture. */
  owns(session: number): boolean {
    return this.sessions.has(session);
  }

  /** A tab was shown: a ladder that changed while hidden is reloaded now. */
  shown(tab: string): void {
    this.showFollow();
    if (tab === 'ladder' && this.ladderDirty) void this.refreshLadder();
  }

  private onStatus(s: LiveStatus): void {
    const known = this.sessions.has(s.session);
    if (s.session > 0) this.sessions.add(s.session);
    this.status = s;
    const current = this.hooks.currentSession();
    const rows = this.hooks.ladder.rows;
    if (rows !== this.knownRows) {
      // The person opened other calls in the ladder: follow them from their next message on.
      this.knownRows = rows;
      this.rowsSession = current;
      this.ladderFollow?.reset();
    }
    const note = s.session === 0 || current === s.session || current === 0 ? '' : 'another capture is open in the page';
    this.bar.render(s, this.ladderRows().length, note);
    this.showFollow();
    if (!known && s.session > 0) this.hooks.sessionKnown();
    if (this.ladderRows().length > 0 && (s.changedOverflow || this.ladderRows().some((id) => s.changed.includes(id)))) this.ladderDirty = true;
    if (this.ladderDirty && this.hooks.tab() === 'ladder') void this.refreshLadder();
  }

  /** The ladder's rows when they are rows of the live capture on screen. */
  private ladderRows(): number[] {
    const s = this.status;
    return s !== undefined && this.rowsSession === s.session && this.hooks.currentSession() === s.session ? this.hooks.ladder.rows : [];
  }

  private showFollow(): void {
    const follow = this.hooks.tab() === 'ladder' ? this.ladderFollow : this.listFollow;
    this.bar.setFollowing(follow?.following ?? true);
  }

  /** Reloads the open ladder in place: the selection stays, and the view stays where it was — or at the newest when following. */
  private async refreshLadder(): Promise<void> {
    const rows = this.ladderRows();
    if (this.refreshing || rows.length === 0 || this.ladderScroller === null) return;
    this.ladderDirty = false;
    this.refreshing = true;
    const scroller = this.ladderScroller;
    const top = scroller.scrollTop;
    const following = this.ladderFollow?.following ?? false;
    try {
      await this.hooks.ladder.open(rows, selectedIndex(scroller));
      this.knownRows = this.hooks.ladder.rows;
      if (following) this.ladderFollow?.toNewest();
      else scroller.scrollTop = top;
    } catch (error) {
      this.rowsSession = -1;
      this.hooks.toast((error as Error).message);
    } finally {
      this.refreshing = false;
    }
    if (this.ladderDirty && this.hooks.tab() === 'ladder') void this.refreshLadder();
  }

  private async run(request: Promise<LiveStatus>): Promise<void> {
    try {
      this.onStatus(await request);
    } catch (error) {
      this.hooks.toast((error as Error).message);
    }
  }

  private async saveAll(): Promise<void> {
    try {
      if (this.api.liveCaptureFile === undefined) throw new Error('saving the live capture works in the page `sipladder serve --capture` serves');
      const file = await this.api.liveCaptureFile();
      const result = await saveBytes({ nativeDialogs: false, api: this.api }, file.name, 'application/octet-stream', file.bytes);
      this.hooks.toast(`${result.message} (${file.bytes.length.toLocaleString('en')} bytes: every frame captured so far)`);
    } catch (error) {
      this.hooks.toast((error as Error).message);
    }
  }

  private async saveLadderCalls(): Promise<void> {
    const rows = this.ladderRows();
    if (rows.length === 0) return this.hooks.toast('open calls in the ladder first (Enter on a call, or Space to mark several)');
    try {
      const result = await this.api.exportCalls({ kind: 'pcapng', rows, records: null, merge: 'node', fold: true, hops: false, time: 'abs' });
      if (!result.ok || result.fileName === null) return this.hooks.toast(result.message);
      const saved = await saveBytes({ nativeDialogs: false, api: this.api }, result.fileName, result.mediaType ?? 'application/octet-stream', exportBytes(result));
      this.hooks.toast(`${saved.message} (${result.message})`);
    } catch (error) {
      this.hooks.toast((error as Error).message);
    }
  }
}
