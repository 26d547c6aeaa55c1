/**
 * "Follow the newest" for a scroll area that grows while a live capture runs (the call list, the ladder): while
 * following, every growth scrolls to the newest end (the bottom; the top for a list sorted newest first); a
 * scroll the person makes away from that end pauses it, one back to it resumes it. Scrolls the views make themselves (re-rendering, keeping a selection in view)
 * change nothing: only a scroll shortly after the person's wheel, touch, key or pointer counts.
 */

/** Pixels from the bottom that still count as "at the bottom" (a row's worth). */
export const BOTTOM_SLACK_PX = 32;
/** A scroll within this long after the person's input is theirs. */
export const INTENT_WINDOW_MS = 800;

export function isAtBottom(scrollTop: number, clientHeight: number, scrollHeight: number, slackPx = BOTTOM_SLACK_PX): boolean {
  return scrollTop + clientHeight >= scrollHeight - slackPx;
}

/** Whether a scroll event was the person's: within the window after their last input. */
/** At the newest end: the bottom, or the top when the newest rows come first. */
export function isAtNewest(scrollTop: number, clientHeight: number, scrollHeight: number, newestAtTop: boolean, slackPx = BOTTOM_SLACK_PX): boolean {
  return newestAtTop ? scrollTop <= slackPx : isAtBottom(scrollTop, clientHeight, scrollHeight, slackPx);
}

export function isUserScroll(nowMs: number, lastIntentMs: number, windowMs = INTENT_WINDOW_MS): boolean {
  return nowMs - lastIntentMs <= windowMs;
}

const INTENT_EVENTS = ['wheel', 'touchstart', 'touchmove', 'pointerdown', 'keydown'] as const;

export class FollowScroll {
  private followingNow = true;
  private lastIntent = -Infinity;
  private readonly listeners = new Set<(following: boolean) => void>();

  /**
   * `intentRoot`: where the person's input lands (the view: its keys go to a focused grid or list around or
   * inside the scroller). `content`, when given, is observed: while following, each growth scrolls along
   * (the call list; the ladder is scrolled by whoever reloads it).
   */
  constructor(
    private readonly scroller: HTMLElement, intentRoot: HTMLElement, private readonly enabled: () => boolean, content?: HTMLElement,
    private readonly newestAtTop: () => boolean = () => false,
  ) {
    for (const type of INTENT_EVENTS) intentRoot.addEventListener(type, () => (this.lastIntent = performance.now()), { passive: true, capture: true });
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    if (content !== undefined) {
      new ResizeObserver(() => {
        if (this.enabled() && this.followingNow) this.toNewest();
      }).observe(content);
    }
  }

  get following(): boolean {
    return this.followingNow;
  }

  onChange(listener: (following: boolean) => void): void {
    this.listeners.add(listener);
  }

  /** Follow again (the Follow button) and go to the newest now. */
  resume(): void {
    this.set(true);
    this.toNewest();
  }

  /** Follow from the next growth on (something new was opened), without moving now. */
  reset(): void {
    this.set(true);
  }

  toNewest(): void {
    this.scroller.scrollTop = this.newestAtTop() ? 0 : this.scroller.scrollHeight;
  }

  private onScroll(): void {
    if (!this.enabled() || !isUserScroll(performance.now(), this.lastIntent)) return;
    this.set(isAtNewest(this.scroller.scrollTop, this.scroller.clientHeight, this.scroller.scrollHeight, this.newestAtTop()));
  }

  private set(following: boolean): void {
    if (following === this.followingNow) return;
    this.followingNow = following;
    for (const l of this.listeners) l(following);
  }
}
