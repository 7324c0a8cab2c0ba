/**
 * Where a build is and how long it has left (build/progress.ts), from its events and a clock
 * given here: the edition i of n, the stage, n of m, and an estimate that moves to the pace
 * measured on the editions already built.
 */
import { expect, it } from "vitest";
import { BuildProgress, formatSeconds } from "../../build/progress.ts";

it("says the edition, stage and count, and estimates the time left from the pace of the editions built", () => {
  let ms = 0;
  const progress = new BuildProgress(() => ms);
  // Two editions: 100 print pages and 40 cards (15 + 100 + 20 = 135 units), then 10 pages and no card (25 units).
  progress.on({
    type: "plan",
    editions: [
      { edition: "main", printPages: 100, cards: 40 },
      { edition: "brazil", printPages: 10, cards: 0 },
    ],
  });
  const first = progress.on({ type: "edition", edition: "main", index: 0, count: 2 });
  expect(first.edition).toEqual({ id: "main", index: 0, count: 2 });
  expect(first.secondsLeft).toBe(Math.round((135 + 25) * 0.3)); // a cold 2-core machine's pace before anything is measured
  ms = 10_000;
  const printing = progress.on({ type: "stage", stage: "print 100 pages" });
  expect(printing.stage).toBe("print 100 pages");
  expect(progress.on({ type: "progress", done: 25, total: 100, item: "en/leaflet" }).count).toEqual({ done: 25, total: 100 });
  expect(printing.secondsLeft).toBe(Math.round(160 * 0.3 - 10));

  // The main edition took 27 s for 135 units: 0.2 s a unit, and the partner edition is estimated at that pace.
  ms = 27_000;
  const next = progress.on({ type: "edition", edition: "brazil", index: 1, count: 2 });
  expect(next).toMatchObject({ edition: { id: "brazil", index: 1, count: 2 }, secondsLeft: 5 });
  expect(next.count).toBeUndefined(); // a new edition starts uncounted
  ms = 34_000; // later than its estimate: never a negative time
  expect(progress.on({ type: "stage", stage: "publish" }).secondsLeft).toBe(0);
});

it("words the time left as a person would say it", () => {
  expect(formatSeconds(4)).toBe("a few seconds");
  expect(formatSeconds(42)).toBe("about 40 s");
  expect(formatSeconds(200)).toBe("about 3 min");
});
