/**
 * Where a build is and how long it has left, from its events: the edition (i of n), the stage,
 * how many of how many in a counted stage, and an estimate of the time left for the whole build.
 *
 * The estimate counts work in units: a print page (two PDFs) is one, a page's share cards half
 * of one, and each edition has a fixed part (loading, the site, fonts, bundles). Seconds per unit
 * start from what a 2-core machine takes cold and are then measured on the editions already
 * built, so a rebuild whose PDFs come from the cache soon says so.
 */
import type { BuildEvent } from "./context.ts";

/** Seconds a unit of work takes before any is measured: a print page cold on 2 cores, both variants, checked. */
const DEFAULT_SECONDS_PER_UNIT = 0.3;
/** Units of an edition's fixed work (load, site, fonts, weighing, bundles). */
const FIXED_UNITS = 15;
const CARD_UNITS = 0.5;

export interface BuildStatus {
  edition?: { id: string; index: number; count: number };
  stage?: string;
  /** In a counted stage: items done and in all. */
  count?: { done: number; total: number };
  /** Estimated seconds left for the whole build, when it can be estimated. */
  secondsLeft?: number;
}

export class BuildProgress {
  private editions: { id: string; units: number }[] = [];
  private current = -1;
  private editionStarted = 0;
  private measured = { seconds: 0, units: 0 };
  private state: BuildStatus = {};

  constructor(private readonly now: () => number = () => performance.now()) {}

  on(event: BuildEvent): BuildStatus {
    if (event.type === "plan") {
      this.editions = event.editions.map((e) => ({ id: e.edition, units: FIXED_UNITS + e.printPages + CARD_UNITS * e.cards }));
    } else if (event.type === "edition") {
      const t = this.now();
      if (this.current >= 0)
        this.measured = { seconds: this.measured.seconds + (t - this.editionStarted) / 1000, units: this.measured.units + this.editions[this.current]!.units };
      this.current = event.index;
      this.editionStarted = t;
      this.state = { edition: { id: event.edition, index: event.index, count: event.count } };
    } else if (event.type === "stage") {
      this.state = { ...(this.state.edition ? { edition: this.state.edition } : {}), stage: event.stage };
    } else if (event.type === "progress") {
      this.state = { ...this.state, count: { done: event.done, total: event.total } };
    }
    const left = this.secondsLeft();
    if (left === undefined) delete this.state.secondsLeft;
    else this.state.secondsLeft = left;
    return { ...this.state };
  }

  /** The current edition's work less what it has taken, plus the editions still to come, at the measured pace. */
  private secondsLeft(): number | undefined {
    if (this.current < 0 || !this.editions[this.current]) return undefined;
    const pace = this.measured.units ? this.measured.seconds / this.measured.units : DEFAULT_SECONDS_PER_UNIT;
    const spent = (this.now() - this.editionStarted) / 1000;
    const here = Math.max(0, this.editions[this.current]!.units * pace - spent);
    const later = this.editions.slice(this.current + 1).reduce((n, e) => n + e.units * pace, 0);
    return Math.round(here + later);
  }
}

/** "about 3 min", "about 40 s", "a few seconds". */
export function formatSeconds(s: number): string {
  if (s < 10) return "a few seconds";
  if (s < 90) return `about ${Math.round(s / 5) * 5} s`;
  return `about ${Math.round(s / 60)} min`;
}

/** Each stage's wall time, from its announcement to the next one's. */
export function stageClock() {
  const stages: { stage: string; ms: number }[] = [];
  let started = performance.now();
  const close = () => {
    if (stages.length) stages.at(-1)!.ms = Math.round(performance.now() - started);
  };
  return {
    start(stage: string) {
      close();
      stages.push({ stage, ms: 0 });
      started = performance.now();
    },
    end() {
      close();
      return stages;
    },
  };
}
