/**
 * The page bench's printout (page.bench.ts): each figure with and without Keel, and the targets
 * met or missed. A bench reports and does not gate.
 */
import {
  BROWSER_STARTS,
  LOADS_PER_SIDE,
  type LoadSample,
  type Pace,
  PROFILE_INTERVAL_US,
  type Side,
  TICKET_ID,
  type TypingSample,
} from './measure';

const TARGET_CHECKLIST_MS = 300;
const TARGET_ADDED_PERCENT = 5;
const LONG_TASK_MS = 50;

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
}
const median = (values: number[]) => quantile(values, 0.5);

export function report(run: {
  version: string;
  cold: Record<Side, LoadSample[]>;
  late: Record<Side, LoadSample[]>;
  started: LoadSample[];
  typing: Map<Pace, Record<Side, TypingSample[]>>;
  seconds: number;
  phaseSeconds: Record<string, number>;
}): void {
  const { cold, late, started, typing } = run;
  const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
  const ratio = (a: number, b: number) => `${(a / b).toFixed(3)}x`;
  const row = (label: string, keel: string, plain: string, extra = '') =>
    console.log(`  ${label.padEnd(48)} ${keel.padStart(14)} ${plain.padStart(14)}   ${extra}`);
  const checklist = (samples: LoadSample[]) =>
    samples.map((sample) => sample.editorToChecklist).filter((value): value is number => value !== null);

  console.log(
    `\nPage bench: demo helpdesk ticket ${TICKET_ID} in Chromium ${run.version}, with vs without Keel, interleaved A/B`,
  );
  console.log(`  ${''.padEnd(48)} ${'with Keel'.padStart(14)} ${'without'.padStart(14)}   ratio`);
  console.log(`Loads (${LOADS_PER_SIDE} per side of each kind)`);
  const loadKeel = median(cold.keel.map((s) => s.loadEventEnd));
  const loadPlain = median(cold.plain.map((s) => s.loadEventEnd));
  row('ticket page load event end, median', ms(loadKeel), ms(loadPlain), ratio(loadKeel, loadPlain));
  const lateChecklist = checklist(late.keel);
  const coldChecklist = checklist(cold.keel);
  for (const [label, values] of [
    ['editor → checklist, late ticket view', lateChecklist],
    ['editor → checklist, cold page load', coldChecklist],
  ] as const) {
    row(`${label}, median`, ms(median(values)), '—', `(${values.length}/${LOADS_PER_SIDE} loads)`);
    row(`${label}, p95`, ms(quantile(values, 0.95)), '—', `max ${ms(Math.max(...values))}`);
  }
  const startedChecklist = checklist(started);
  row(
    'editor → checklist, first ticket after a browser start',
    ms(Math.max(...startedChecklist)),
    '—',
    `(max of ${startedChecklist.length}/${BROWSER_STARTS} starts: ${startedChecklist.map((value) => value.toFixed(0)).join(', ')} ms; no target: the whole browser starts cold)`,
  );
  // Not a target: on a browser start the whole browser is cold. One traced start: the page's own
  // first layout took 52 ms (5 warm), Chromium injected Keel 130 ms after the editor (document_idle,
  // right after DOMContentLoaded), and Keel's share was about 50 ms of JS, a 60 ms config.get round
  // trip to a new worker and a 28 ms first layout of the sidebar. What Keel controls there is the
  // policy wait (gone: the last policy read answers at once), its JS and its worker's start.
  const phases = cold.keel.flatMap((s) => (s.phases ? [s.phases] : []));
  console.log(
    `  cold load, medians: editor → DOMContentLoaded ${ms(median(phases.map((p) => p.toDomContentLoaded)))}, ` +
      `→ Keel's sidebar attached ${ms(median(phases.map((p) => p.toSidebar)))}, ` +
      `→ first step ${ms(median(phases.map((p) => p.toStep)))}`,
  );

  const paced = [...typing].map(([pace, samples]) => ({ pace, ...reportTyping(pace, samples, row, ms) }));
  const allKeel = [...typing.values()].flatMap((samples) => samples.keel);
  const allPlain = [...typing.values()].flatMap((samples) => samples.plain);
  const longestKeel = Math.max(...allKeel.map((s) => s.share.longestKeelMs));
  const checked = allKeel.every((s) => s.statuses.some((status) => status === 'pass' || status === 'fail'));
  const targets: [string, boolean, string][] = [
    [
      `checklist within ${TARGET_CHECKLIST_MS} ms of the editor, late ticket view (p95)`,
      quantile(lateChecklist, 0.95) <= TARGET_CHECKLIST_MS && lateChecklist.length === LOADS_PER_SIDE,
      ms(quantile(lateChecklist, 0.95)),
    ],
    [
      `checklist within ${TARGET_CHECKLIST_MS} ms of the editor, cold page load (p95)`,
      quantile(coldChecklist, 0.95) <= TARGET_CHECKLIST_MS && coldChecklist.length === LOADS_PER_SIDE,
      ms(quantile(coldChecklist, 0.95)),
    ],
    ...paced.map(({ pace, cpuAdded, cpuNoise, keelShareOfPlain }): [string, boolean, string] => [
      `at most ${TARGET_ADDED_PERCENT}% main-thread CPU added per keystroke, typing at ${pace.name}`,
      cpuAdded <= TARGET_ADDED_PERCENT,
      `${cpuAdded >= 0 ? '+' : ''}${cpuAdded.toFixed(1)}% (runs without Keel spread ${cpuNoise.toFixed(0)}%${keelShareOfPlain === null ? '' : `; Keel's own JS alone ${keelShareOfPlain.toFixed(1)}%`})`,
    ]),
    [
      `no long task over ${LONG_TASK_MS} ms while typing with Keel`,
      overLimit(allKeel).length === 0,
      `${overLimit(allKeel).length} (without Keel: ${overLimit(allPlain).length})`,
    ],
    [
      `Keel's own work never near a long task (longest stretch ≤ ${LONG_TASK_MS} ms)`,
      longestKeel <= LONG_TASK_MS,
      ms(longestKeel),
    ],
    ['Keel checked the typed reply (steps pass/fail, not pending)', checked, checked ? 'yes' : 'no'],
  ];
  console.log('Targets');
  for (const [label, met, value] of targets) console.log(`  ${met ? 'PASS' : 'MISS'}  ${label}: ${value}`);
  const missed = targets.filter(([, met]) => !met).map(([label]) => label);
  const phaseText = Object.entries(run.phaseSeconds)
    .map(([name, seconds]) => `${name} ${seconds.toFixed(0)} s`)
    .join(', ');
  console.log(
    `SUMMARY page bench: ${targets.length - missed.length}/${targets.length} targets met${missed.length ? ` (missed: ${missed.join('; ')})` : ''}; ${run.seconds.toFixed(0)} s (${phaseText})`,
  );
}

/** The long tasks over the limit in these runs. */
const overLimit = (samples: TypingSample[]) =>
  samples.flatMap((s) => s.longTasks.filter((t) => t.duration > LONG_TASK_MS));

type Row = (label: string, keel: string, plain: string, extra?: string) => void;

/** One pace's typing figures; returns what the targets need. */
export function reportTyping(
  pace: Pace,
  typing: Record<Side, TypingSample[]>,
  row: Row,
  ms: (value: number) => string,
): { cpuAdded: number; cpuNoise: number; keelShareOfPlain: number | null } {
  const keystrokes = typing.keel[0]?.keystrokes ?? 0;
  console.log(
    `Typing a ${keystrokes}-character reply at ${pace.name} (${pace.runs} run${pace.runs > 1 ? 's' : ''}, both browsers typing in turns sentence by sentence; ${pace.delayMs} ms from each key's down to its up, ${pace.pauseMs} ms pause after each pair of sentences)`,
  );
  const perKey = (samples: TypingSample[], pick: (s: TypingSample) => number) =>
    samples.map((s) => pick(s) / s.keystrokes);
  const added: Record<string, number> = {};
  const noise: Record<string, number> = {};
  // Runs are paired in the order they ran (A/B, B/A, …); the median of the pairs' ratios is the
  // figure, and the spread of the runs without Keel says how much the machine alone moves it.
  for (const [label, pick] of [
    ['main-thread CPU per keystroke (ThreadTime)', (s: TypingSample) => s.cpuMs],
    ['main-thread busy per keystroke (TaskDuration)', (s: TypingSample) => s.taskMs],
    ['JS per keystroke (ScriptDuration)', (s: TypingSample) => s.scriptMs],
    ['  busy time in layout (LayoutDuration)', (s: TypingSample) => s.layoutMs],
    ['  busy time in style (RecalcStyleDuration)', (s: TypingSample) => s.styleMs],
    ['  busy time elsewhere: paint, commit… (TaskOther)', (s: TypingSample) => s.otherMs],
  ] as const) {
    const keelRuns = perKey(typing.keel, pick);
    const plainRuns = perKey(typing.plain, pick);
    const keel = median(keelRuns);
    const plain = median(plainRuns);
    const pairRatio = median(keelRuns.map((value, i) => value / (plainRuns[i] as number)));
    added[label] = (pairRatio - 1) * 100;
    noise[label] = ((Math.max(...plainRuns) - Math.min(...plainRuns)) / plain) * 100;
    const sign = pairRatio >= 1 ? '+' : '';
    row(
      label,
      `${keel.toFixed(3)} ms`,
      `${plain.toFixed(3)} ms`,
      `${pairRatio.toFixed(3)}x  (${sign}${(added[label] as number).toFixed(1)}%, ${keel >= plain ? '+' : ''}${((keel - plain) * 1000).toFixed(0)} µs)`,
    );
    const runs = (values: number[]) => values.map((v) => v.toFixed(3)).join(' ');
    console.log(
      `    runs: with ${runs(keelRuns)} | without ${runs(plainRuns)} (spread without Keel ${(noise[label] as number).toFixed(0)}%)`,
    );
  }
  row(
    'layout objects in the page after typing',
    String(median(typing.keel.map((s) => s.layoutObjects))),
    String(median(typing.plain.map((s) => s.layoutObjects))),
    "Keel's sidebar is in the page's layout tree, which Chromium lays out from the root on each key",
  );
  const longest = (samples: TypingSample[]) => Math.max(0, ...overLimit(samples).map((t) => t.duration));
  row(
    'long tasks > 50 ms while typing: count, longest',
    `${overLimit(typing.keel).length}, ${ms(longest(typing.keel))}`,
    `${overLimit(typing.plain).length}, ${ms(longest(typing.plain))}`,
  );
  // A long task on a busy shared machine may be anyone's (the same count shows without Keel): the
  // CPU profile says how much of the main thread was Keel's, and its longest stretch of work.
  let keelShareOfPlain: number | null = null;
  if (pace.profile) {
    const keelPerKey = median(typing.keel.map((s) => s.share.keelMs / s.keystrokes));
    const plainCpuPerKey = median(typing.plain.map((s) => s.cpuMs / s.keystrokes));
    keelShareOfPlain = (keelPerKey / plainCpuPerKey) * 100;
    const longestKeel = Math.max(...typing.keel.map((s) => s.share.longestKeelMs));
    row(
      "Keel's own JS per keystroke (CPU profile)",
      `${(keelPerKey * 1000).toFixed(0)} µs`,
      '—',
      `${keelShareOfPlain.toFixed(1)}% of the main-thread CPU per keystroke without Keel`,
    );
    row(
      "Keel's longest stretch of JS (CPU profile)",
      ms(longestKeel),
      '—',
      `sampled every ${PROFILE_INTERVAL_US} µs, a sample counting ≤ ${(2 * PROFILE_INTERVAL_US) / 1000} ms`,
    );
    const top = typing.keel[0]?.share.topFunctions ?? [];
    console.log(
      `    where Keel's JS time goes (first run, innermost Keel frame in the built bundle): ${top.map((f) => `${f.name} ${f.ms.toFixed(1)} ms`).join('; ')}`,
    );
  }
  console.log(`  Keel's checklist after typing: ${typing.keel[0]?.statuses.join(' ') || 'none'}`);

  return {
    cpuAdded: added['main-thread CPU per keystroke (ThreadTime)'] as number,
    cpuNoise: noise['main-thread CPU per keystroke (ThreadTime)'] as number,
    keelShareOfPlain,
  };
}
