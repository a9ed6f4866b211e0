/**
 * How the page bench (page.bench.ts) takes its samples: a cold load or a late ticket view for the
 * editor-to-checklist figure, and the same reply typed into both browsers in turns for the
 * per-keystroke figures. page.bench.ts runs them; report.ts turns them into figures and targets.
 */
import type { CDPSession, Page } from 'playwright-core';
import { INSERT_TICKET, PROBE, type ProbeReadings } from './probe';
import { type CpuProfile, type KeelShare, keelShare } from './profile';

/** Loads of each kind (cold, late ticket view) per side. */
export const LOADS_PER_SIDE = 10;
/** Browser starts (each a new browser on the same profile) for the first-ticket figure. */
export const BROWSER_STARTS = 3;
export const TICKET_ID = '1042';
/**
 * How a reply is typed: into which page (`path`), `delayMs` between each key's down and up,
 * `pauseMs` after each sentence.
 */
export interface Pace {
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
/** CPU profiler sampling interval, on both sides alike: fine enough to see Keel's small callbacks. */
export const PROFILE_INTERVAL_US = 500;
/** What the page is given to settle after typing: Keel's last check belongs to the typing. */
export const SETTLE_MS = 400;

export type Side = 'keel' | 'plain';
export const SIDES: Side[] = ['keel', 'plain'];

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

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export const readProbe = (page: Page) =>
  page.evaluate(
    (name) => (window as unknown as Record<string, { read(): ProbeReadings }>)[name]?.read(),
    PROBE,
  );

/** Waits (polling every 20 ms, so the wait itself stays off the page's frames) for a condition. */
export async function waitInPage(page: Page, predicate: string, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(predicate, undefined, { polling: 20, timeout: timeoutMs });
}

const stepSeen = `window.${PROBE}?.stepAt !== null`;

export interface LoadSample {
  loadEventEnd: number;
  editorToChecklist: number | null;
  /** Cold loads with Keel: editor → DOMContentLoaded → sidebar host attached → first step. */
  phases?: { toDomContentLoaded: number; toSidebar: number; toStep: number };
}

/** A cold load of the ticket page: the editor arrives with the HTML, Keel starts at document_idle. */
export async function coldLoad(page: Page, side: Side, baseUrl: string): Promise<LoadSample> {
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
export async function lateTicket(page: Page, side: Side, baseUrl: string): Promise<LoadSample> {
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

export interface TypingSample {
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
export async function typeBoth(
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
