/**
 * Page bench (issue 4, issue 5 item 6): Keel on the bundled demo helpdesk in Debian's Chromium,
 * measured in one run against the same Chromium with the same flags and no extension. The two
 * browsers take turns (A/B/A/B…) so the shared machine's noise falls on both alike.
 *
 * 1. Editor to checklist: from the moment the reply editor is attached (a MutationObserver the
 *    bench installs before any page script) to the first `keel-sidebar [data-testid=step]`, on
 *    a ticket view inserted late (as single-page helpdesks do), on a cold load of a ticket page,
 *    and on the first ticket after a browser start (reported, with no target: see report()).
 * 2. Main-thread time per keystroke while a 2,000-character reply is typed with `page.keyboard.type`
 *    into both browsers in turns, sentence by sentence, at two paces: an agent's (about 130 ms a
 *    key, 90 words a minute, where every key gets its own frame and Keel's pause-driven checks run
 *    as they would for a real agent) and as fast as the keys go (many keys share a frame; the
 *    quick view), and at an agent's pace into a real ProseMirror editor as well (see
 *    page/prosemirror.ts). An earlier version typed only as fast as the keys go, which hid the
 *    check that then ran after every key at a human pace. Per run:
 *    the renderer's main-thread CPU time (CDP `Performance.getMetrics` ThreadTime) and busy time
 *    (TaskDuration), both of which include Keel's content script, divided by keystrokes.
 * 3. Long tasks (> 50 ms) during typing, from a buffered PerformanceObserver.
 * Targets: checklist within 300 ms; at most 5% added per keystroke; no long task over 50 ms.
 * A bench reports and does not gate: it exits 0 whether targets are met or missed.
 *
 * Run: npx tsx tests/bench/page.bench.ts   (or node tests/tools/bench.mjs page)
 * KEEL_BENCH_TYPING=<a word> types only the scenarios whose name has it ("prosemirror", "agent").
 * KEEL_BENCH_SKIP_BUILD=1 reuses the build in .tmp/perf-build; KEEL_BENCH_EXTENSION=<unpacked dir>
 * measures another build instead (a candidate fix built elsewhere).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { startDemoHelpdesk } from '../demo-helpdesk/server.mjs';
import { extensionIdOf, launchChromiumWithExtension } from '../e2e/chromium.mjs';
import { findChromium } from '../tools/ensure-chromium.mjs';
import { INSERT_TICKET, lateTicketPage, PROBE, PROBE_SCRIPT, type ProbeReadings } from './page/probe';
import { type CpuProfile, type KeelShare, keelShare } from './page/profile';
import { MODULE_PATH, proseMirrorTicketPage, serveProseMirror } from './page/prosemirror';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BUILD_DIR = join(ROOT, '.tmp', 'perf-build');
const EXTENSION_DIR = process.env.KEEL_BENCH_EXTENSION
  ? resolve(process.env.KEEL_BENCH_EXTENSION)
  : join(BUILD_DIR, 'chrome-mv3');
const SCRATCH_DIR = join(ROOT, '.tmp', 'perf-bench');

const LOADS_PER_SIDE = 10;
/** Browser starts (each a new browser on the same profile) for the first-ticket figure. */
const BROWSER_STARTS = 3;
const TICKET_ID = '1042';
/**
 * How a reply is typed: into which page (`path`), `delayMs` between each key's down and up,
 * `pauseMs` after each sentence.
 */
interface Pace {
  name: string;
  path: string;
  delayMs: number;
  pauseMs: number;
  runs: number;
  /**
   * Whether to run the CPU profiler (for Keel's own JS). Its sampling costs the main thread per
   * unit of time, not per key: at an agent's pace it doubled the CPU time per key on both sides and
   * so halved Keel's share. The paced runs go without it.
   */
  profile: boolean;
}
const PACES: Pace[] = [
  // 2,000 keys at ~130 ms take over four minutes a side: one run, its sentences in turns.
  {
    name: "an agent's pace, bare contenteditable",
    path: `/tickets/${TICKET_ID}`,
    delayMs: 120,
    pauseMs: 400,
    runs: 1,
    profile: false,
  },
  {
    name: 'as fast as the keys go, bare contenteditable',
    path: `/tickets/${TICKET_ID}`,
    delayMs: 0,
    pauseMs: 400,
    runs: 2,
    profile: true,
  },
  {
    name: "an agent's pace, ProseMirror editor",
    path: `/bench/prosemirror/${TICKET_ID}`,
    delayMs: 120,
    pauseMs: 400,
    runs: 1,
    profile: false,
  },
];
/** CPU profiler sampling interval, on both sides alike: fine enough to see Keel's small callbacks. */
const PROFILE_INTERVAL_US = 500;
/** What the page is given to settle after typing: Keel's last check belongs to the typing. */
const SETTLE_MS = 400;

const TARGET_CHECKLIST_MS = 300;
const TARGET_ADDED_PERCENT = 5;
const LONG_TASK_MS = 50;

type Side = 'keel' | 'plain';
const SIDES: Side[] = ['keel', 'plain'];

/** A 2,000-character reply to ticket 1042 (a refund), as sentences: the bench pauses after each. */
function replySentences(length = 2000): string[] {
  const opening = ['Hi María,\n\n'];
  const body = [
    "I'm so sorry the Aurora stand mixer from order #A10234 arrived with a cracked bowl. ",
    'Thank you for the photos offer; there is no need to send them. ',
    "I've processed a full refund of the order total to your original payment method today. ",
    'You will see it within 5 to 10 business days, depending on your bank. ',
    'You do not need to return the mixer; please recycle the bowl safely. ',
    'I have also flagged the batch with our warehouse team so it does not happen to anyone else. ',
    'If you would still like a mixer for the event, I can send a replacement by express delivery at no cost. ',
    'Just reply to this message and I will arrange it the same day. ',
    'Our help centre explains refunds in more detail at help.northwind.example/refunds. ',
  ];
  const closing = [
    '\n\nThanks for your patience, and let me know if anything else comes up.\n\nBest regards,\nSam',
  ];
  const fixed = opening.join('').length + closing.join('').length;
  const sentences: string[] = [];
  let used = 0;
  for (let i = 0; used < length - fixed; i++) {
    const sentence = (body[i % body.length] as string).slice(0, length - fixed - used);
    sentences.push(sentence);
    used += sentence.length;
  }
  return [...opening, ...sentences, ...closing];
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
}
const median = (values: number[]) => quantile(values, 0.5);

function build(): void {
  if (process.env.KEEL_BENCH_EXTENSION) {
    if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
      throw new Error(`No extension at ${EXTENSION_DIR}`);
    return;
  }
  if (process.env.KEEL_BENCH_SKIP_BUILD === '1' && existsSync(join(EXTENSION_DIR, 'manifest.json'))) return;
  const wxt = join(ROOT, 'node_modules', '.bin', 'wxt');
  const result = spawnSync(wxt, ['build'], {
    cwd: ROOT,
    env: { ...process.env, KEEL_OUT_DIR: BUILD_DIR, NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
  if (result.status !== 0 || !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`wxt build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** The same Chromium and flags as tests/e2e/chromium.mjs, without the extension. */
function launchPlainChromium(executablePath: string, profileDir: string, tmpDir: string) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: false,
    viewport: { width: 1440, height: 900 },
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    env: { ...process.env, TMPDIR: tmpDir },
  });
}

const readProbe = (page: Page) =>
  page.evaluate(
    (name) => (window as unknown as Record<string, { read(): ProbeReadings }>)[name]?.read(),
    PROBE,
  );

/** Waits (polling every 20 ms, so the wait itself stays off the page's frames) for a condition. */
async function waitInPage(page: Page, predicate: string, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(predicate, undefined, { polling: 20, timeout: timeoutMs });
}

const stepSeen = `window.${PROBE}?.stepAt !== null`;

interface LoadSample {
  loadEventEnd: number;
  editorToChecklist: number | null;
  /** Cold loads with Keel: editor → DOMContentLoaded → sidebar host attached → first step. */
  phases?: { toDomContentLoaded: number; toSidebar: number; toStep: number };
}

/** A cold load of the ticket page: the editor arrives with the HTML, Keel starts at document_idle. */
async function coldLoad(page: Page, side: Side, baseUrl: string): Promise<LoadSample> {
  await page.goto(`${baseUrl}/tickets/${TICKET_ID}`, { waitUntil: 'load' });
  if (side === 'keel') await waitInPage(page, stepSeen);
  const probe = (await readProbe(page)) as ProbeReadings;
  const { editorAt, sidebarAt, stepAt, domContentLoaded } = probe;
  return {
    loadEventEnd: probe.loadEventEnd,
    editorToChecklist: editorAt !== null && stepAt !== null ? stepAt - editorAt : null,
    phases:
      editorAt !== null && sidebarAt !== null && stepAt !== null
        ? {
            toDomContentLoaded: domContentLoaded - editorAt,
            toSidebar: sidebarAt - Math.max(domContentLoaded, editorAt),
            toStep: stepAt - sidebarAt,
          }
        : undefined,
  };
}

/**
 * A ticket view inserted late into a page Keel is already running on: the single-page helpdesk
 * case, where the checklist's delay is Keel's page observer and ticket reading, nothing else.
 */
async function lateTicket(page: Page, side: Side, baseUrl: string): Promise<LoadSample> {
  await page.goto(`${baseUrl}/bench/late/${TICKET_ID}`, { waitUntil: 'load' });
  if (side === 'keel') await page.locator('keel-sidebar').waitFor({ state: 'attached' });
  // An agent opens a ticket a moment after the app has loaded, not within the same frame.
  await sleep(400);
  await page.evaluate((name) => (window as unknown as Record<string, () => void>)[name]?.(), INSERT_TICKET);
  if (side === 'keel') await waitInPage(page, stepSeen);
  const probe = (await readProbe(page)) as ProbeReadings;
  if (probe.editorAt === null) throw new Error('the late ticket view was inserted but no editor was seen');
  return {
    loadEventEnd: probe.loadEventEnd,
    editorToChecklist: probe.stepAt !== null ? probe.stepAt - probe.editorAt : null,
  };
}

interface TypingSample {
  keystrokes: number;
  cpuMs: number;
  taskMs: number;
  scriptMs: number;
  /** Where the main thread's time went, from the same metrics: layout, style, and the rest of each task. */
  layoutMs: number;
  styleMs: number;
  otherMs: number;
  /** Layout objects in the page after typing: Keel's sidebar adds its own to the page's tree. */
  layoutObjects: number;
  longTasks: { start: number; duration: number }[];
  /** Keel's share of the CPU profile (empty without Keel; both sides are profiled alike). */
  share: KeelShare;
  /** Step statuses after typing (with Keel): proves the checks ran on the typed reply. */
  statuses: string[];
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((metric) => [metric.name, metric.value]));
}

/**
 * Types the same reply into both browsers at once, sentence by sentence, taking turns (A then B,
 * then B then A, …), so both sides type through the same seconds of the shared machine: a slow
 * stretch of the machine falls on both alike instead of on whichever run it happened to hit.
 */
async function typeBoth(
  pages: Record<Side, Page>,
  cdps: Record<Side, CDPSession>,
  baseUrl: string,
  pace: Pace,
): Promise<Record<Side, TypingSample>> {
  const start = {} as Record<Side, number>;
  const before = {} as Record<Side, Record<string, number>>;
  for (const side of SIDES) {
    const page = pages[side];
    await page.goto(`${baseUrl}${pace.path}`, { waitUntil: 'load' });
    if (side === 'keel') await waitInPage(page, stepSeen);
    await page.evaluate(
      (name) => (window as unknown as Record<string, { stop(): void }>)[name]?.stop(),
      PROBE,
    );
    await page.click('.hd-editor');
  }
  await sleep(300);
  for (const side of SIDES) {
    start[side] = await pages[side].evaluate(() => performance.now());
    if (pace.profile) await cdps[side].send('Profiler.start');
    before[side] = await metrics(cdps[side]);
  }
  let keystrokes = 0;
  const sentences = replySentences();
  for (const [index, sentence] of sentences.entries()) {
    const order = index % 2 === 0 ? SIDES : [...SIDES].reverse();
    for (const side of order) await pages[side].keyboard.type(sentence, { delay: pace.delayMs });
    keystrokes += sentence.length;
    await sleep(pace.pauseMs);
  }
  await sleep(SETTLE_MS);
  const samples = {} as Record<Side, TypingSample>;
  for (const side of SIDES) {
    const after = await metrics(cdps[side]);
    const profile = pace.profile ? (await cdps[side].send('Profiler.stop')).profile : { nodes: [] };
    const probe = (await readProbe(pages[side])) as ProbeReadings;
    const statuses =
      side === 'keel'
        ? await pages[side]
            .locator('keel-sidebar [data-testid=step]')
            .evaluateAll((steps) => steps.map((step) => (step as HTMLElement).dataset.status ?? ''))
        : [];
    const delta = (name: string) => ((after[name] ?? 0) - (before[side][name] ?? 0)) * 1000;
    samples[side] = {
      keystrokes,
      cpuMs: delta('ThreadTime'),
      taskMs: delta('TaskDuration'),
      scriptMs: delta('ScriptDuration'),
      layoutMs: delta('LayoutDuration'),
      styleMs: delta('RecalcStyleDuration'),
      otherMs: delta('TaskOtherDuration'),
      layoutObjects: after.LayoutObjects ?? 0,
      longTasks: probe.longTasks.filter((task) => task.start >= start[side]),
      share: keelShare(profile as CpuProfile, PROFILE_INTERVAL_US),
      statuses,
    };
  }
  return samples;
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) {
    console.log("SKIP page bench: no Chromium found (install Debian's `chromium` or set KEEL_CHROMIUM).");
    return;
  }
  const began = Date.now();
  build();
  mkdirSync(SCRATCH_DIR, { recursive: true });
  const profiles = mkdtempSync(join(SCRATCH_DIR, 'run-'));
  const tmpDir = join(profiles, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  const helpdesk = await startDemoHelpdesk();
  const contexts: Partial<Record<Side, BrowserContext>> = {};
  try {
    contexts.keel = await launchChromiumWithExtension({
      extensionDir: EXTENSION_DIR,
      profileDir: join(profiles, 'keel'),
      tmpDir,
    });
    await extensionIdOf(contexts.keel);
    contexts.plain = await launchPlainChromium(executablePath, join(profiles, 'plain'), tmpDir);

    const ticketHtml = await (await fetch(`${helpdesk.url}/tickets/${TICKET_ID}`)).text();
    const lateHtml = lateTicketPage(ticketHtml);
    const proseMirrorHtml = proseMirrorTicketPage(ticketHtml);
    const pages = {} as Record<Side, Page>;
    const cdps = {} as Record<Side, CDPSession>;
    for (const side of SIDES) {
      const context = contexts[side] as BrowserContext;
      await context.addInitScript({ content: PROBE_SCRIPT });
      await context.route(`${helpdesk.url}/bench/late/**`, (route) =>
        route.fulfill({ contentType: 'text/html; charset=utf-8', body: lateHtml }),
      );
      await context.route(`${helpdesk.url}/bench/prosemirror/**`, (route) =>
        route.fulfill({ contentType: 'text/html; charset=utf-8', body: proseMirrorHtml }),
      );
      await context.route(`${helpdesk.url}${MODULE_PATH}**`, (route) =>
        serveProseMirror(route, join(ROOT, 'node_modules')),
      );
      const page = context.pages()[0] ?? (await context.newPage());
      pages[side] = page;
      cdps[side] = await context.newCDPSession(page);
      await cdps[side].send('Performance.enable');
      await cdps[side].send('Profiler.enable');
      await cdps[side].send('Profiler.setSamplingInterval', { interval: PROFILE_INTERVAL_US });
    }
    const version =
      contexts.keel.browser()?.version() ?? (await pages.keel.evaluate(() => navigator.userAgent));

    const phaseSeconds: Record<string, number> = { 'build and launch': (Date.now() - began) / 1000 };
    let phaseStart = Date.now();
    const endPhase = (name: string) => {
      phaseSeconds[name] = (Date.now() - phaseStart) / 1000;
      phaseStart = Date.now();
    };
    // Warm both browsers (first navigation, first content-script compile) outside the figures.
    for (const side of SIDES) await coldLoad(pages[side], side, helpdesk.url);

    const cold: Record<Side, LoadSample[]> = { keel: [], plain: [] };
    const late: Record<Side, LoadSample[]> = { keel: [], plain: [] };
    for (let round = 0; round < LOADS_PER_SIDE; round++) {
      const order = round % 2 === 0 ? SIDES : [...SIDES].reverse();
      for (const side of order) {
        cold[side].push(await coldLoad(pages[side], side, helpdesk.url));
        late[side].push(await lateTicket(pages[side], side, helpdesk.url));
      }
    }
    endPhase('loads');

    const typing = new Map<Pace, Record<Side, TypingSample[]>>();
    // KEEL_BENCH_TYPING=prosemirror (a word of the names) runs only the matching typing scenarios.
    const only = process.env.KEEL_BENCH_TYPING?.toLowerCase();
    for (const pace of PACES.filter((p) => !only || p.name.toLowerCase().includes(only))) {
      const samples: Record<Side, TypingSample[]> = { keel: [], plain: [] };
      for (let round = 0; round < pace.runs; round++) {
        const both = await typeBoth(pages, cdps, helpdesk.url, pace);
        for (const side of SIDES) samples[side].push(both[side]);
      }
      typing.set(pace, samples);
      endPhase(`typing at ${pace.name}`);
    }

    // The first ticket after a browser start, same profile: what an agent sees each morning.
    const started: LoadSample[] = [];
    for (let start = 0; start < BROWSER_STARTS; start++) {
      await contexts.keel.close();
      contexts.keel = await launchChromiumWithExtension({
        extensionDir: EXTENSION_DIR,
        profileDir: join(profiles, 'keel'),
        tmpDir,
      });
      await extensionIdOf(contexts.keel);
      await contexts.keel.addInitScript({ content: PROBE_SCRIPT });
      const page = contexts.keel.pages()[0] ?? (await contexts.keel.newPage());
      started.push(await coldLoad(page, 'keel', helpdesk.url));
    }
    endPhase('browser starts');

    report({ version, cold, late, started, typing, seconds: (Date.now() - began) / 1000, phaseSeconds });
  } finally {
    for (const context of Object.values(contexts)) await context?.close().catch(() => {});
    await helpdesk.close();
    rmSync(profiles, { recursive: true, force: true });
  }
}

function report(run: {
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
function reportTyping(
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

await main();
