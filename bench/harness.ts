/**
 * Timing: every sample is one call timed with process.hrtime.bigint. The two sides of a
 * comparison run in alternating rounds, so GC pressure, CPU frequency and page-cache state drift
 * affect both alike. Figures are reported, never judged: there is no pass/fail on a timing.
 */

export interface Budget {
  /** Untimed calls per side before sampling. */
  warmup: number;
  /** Stop once both sides have this many samples and the time budget is spent… */
  minSamples: number;
  /** …or once this many samples are taken, whichever comes first. */
  maxSamples: number;
  /** Wall time for sampling both sides together, in milliseconds. */
  timeMs: number;
}

export interface Stats {
  samples: number;
  medianUs: number;
  p95Us: number;
  /** 1e6 / median: calls per second at the typical call time. */
  opsPerSec: number;
}

export interface Comparison {
  group: string;
  name: string;
  /** What one timed call does ("1 row", "page of 50 + count", "5,000 rows"). */
  unit: string;
  /** Items handled per call, for a per-item rate (rows/s of a batch). */
  itemsPerOp: number;
  ours: Stats;
  /** What "ours" is compared with, in short ("raw", "repository.get"). Absent for absolute figures. */
  baselineName?: string;
  /** The baseline in full: the SQL and the work it does. */
  baselineDetail?: string;
  baseline?: Stats;
  /** ours median / baseline median. */
  ratio?: number;
  note?: string;
  /** No rate column: a per-second rate means nothing for the figure (gaps between timer ticks). */
  noRate?: true;
}

const ROUND_MS = 20;

type Op = (i: number) => unknown;
/** Untimed work after each call (e.g. deleting the rows a batch insert wrote). */
type Reset = () => void;

export interface Side {
  run: Op;
  reset?: Reset;
}

function timeOne(side: Side, i: number): number {
  const start = process.hrtime.bigint();
  // The result is dropped: every call reaches SQLite, which the JIT cannot optimise away.
  side.run(i);
  const elapsed = Number(process.hrtime.bigint() - start) / 1000;
  side.reset?.();
  return elapsed;
}

export function stats(samplesUs: number[]): Stats {
  const sorted = [...samplesUs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  // Median of an even count: mean of the middle two.
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? at(0.5) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return { samples: sorted.length, medianUs: median, p95Us: at(0.95), opsPerSec: 1e6 / median };
}

/**
 * Samples `ours` and `baseline` in alternating rounds until the budget is spent. Each round
 * takes a few samples of one side, then of the other, with the call index continuing so both
 * sides see the same sequence of inputs.
 */
export function compare(ours: Side, baseline: Side, budget: Budget): { ours: Stats; baseline: Stats } {
  const warmStart = performance.now();
  for (let i = 0; i < budget.warmup; i++) {
    timeOne(ours, i);
    timeOne(baseline, i);
  }
  const pairMs = budget.warmup > 0 ? (performance.now() - warmStart) / budget.warmup : 0;
  // Rounds of about ROUND_MS: short enough to interleave often, long enough to keep each
  // side's code hot between switches.
  const round = pairMs > 0 ? Math.max(1, Math.min(200, Math.round(ROUND_MS / pairMs))) : 1;
  const a: number[] = [];
  const b: number[] = [];
  const deadline = performance.now() + budget.timeMs;
  let i = budget.warmup;
  while (a.length < budget.maxSamples && (a.length < budget.minSamples || performance.now() < deadline)) {
    const start = i;
    for (let k = 0; k < round; k++) a.push(timeOne(ours, start + k));
    for (let k = 0; k < round; k++) b.push(timeOne(baseline, start + k));
    i += round;
  }
  return { ours: stats(a), baseline: stats(b) };
}

/** One side only, for absolute figures (startup). */
export function measure(side: Side, budget: Budget): Stats {
  for (let i = 0; i < budget.warmup; i++) timeOne(side, i);
  const samples: number[] = [];
  const deadline = performance.now() + budget.timeMs;
  let i = budget.warmup;
  while (samples.length < budget.maxSamples && (samples.length < budget.minSamples || performance.now() < deadline)) {
    samples.push(timeOne(side, i++));
  }
  return stats(samples);
}

// ---------------------------------------------------------------------------------------------
// Output

const fmt = (n: number, digits = 1) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-';

function rate(c: Comparison): string {
  if (c.noRate) return '';
  const perSec = c.ours.opsPerSec * c.itemsPerOp;
  return c.itemsPerOp === 1 ? `${fmt(perSec, 0)} ops/s` : `${fmt(perSec, 0)} rows/s`;
}

/** A plain-text table: one row per comparison, ratio ours/baseline. */
export function table(results: Comparison[]): string {
  const header = ['scenario', 'per call', 'ours med µs', 'ours p95 µs', 'vs', 'base med µs', 'base p95 µs', 'ours/base', 'ours rate'];
  const rows = results.map((c) => [
    `${c.group}: ${c.name}`,
    c.unit,
    fmt(c.ours.medianUs),
    fmt(c.ours.p95Us),
    c.baselineName ?? '',
    c.baseline ? fmt(c.baseline.medianUs) : '',
    c.baseline ? fmt(c.baseline.p95Us) : '',
    c.ratio === undefined ? '(absolute)' : `${fmt(c.ratio, 2)}×`,
    rate(c),
  ]);
  const left = new Set([0, 1, 4]);
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => (r[col] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, col) => (left.has(col) ? cell.padEnd(widths[col] as number) : cell.padStart(widths[col] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** What each baseline is, once per group, so the "vs" column is never ambiguous. */
export function legend(results: Comparison[]): string {
  const lines = new Map<string, string>();
  for (const c of results) {
    if (c.baselineName && c.baselineDetail) lines.set(`${c.group} — ${c.baselineName}`, c.baselineDetail);
  }
  return [...lines].map(([name, detail]) => `  ${name}: ${detail}`).join('\n');
}
