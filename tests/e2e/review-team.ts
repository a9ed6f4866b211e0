import type { Page } from 'playwright-core';

/**
 * The lead's weekly review (review.e2e.ts, issue 17): a seeded team file, the figures the popup
 * must show for it worked out here by hand (never read back from Keel), and readers of what the
 * popup shows.
 */

interface Seed {
  daysAgo: number;
  agent: string;
  playbookId: string;
  score: number;
  /** Step id → status. */
  steps: Record<string, 'pass' | 'fail' | 'na'>;
}

export const LUKASZ = 'Łukasz Żółć';
const SEEDS: Seed[] = [
  // The last 30 days.
  {
    daysAgo: 1,
    agent: LUKASZ,
    playbookId: 'refund',
    score: 100,
    steps: { greet: 'pass', apologise: 'pass' },
  },
  { daysAgo: 3, agent: LUKASZ, playbookId: 'refund', score: 60, steps: { greet: 'fail', apologise: 'pass' } },
  {
    daysAgo: 5,
    agent: LUKASZ,
    playbookId: 'delivery',
    score: 0,
    steps: { greet: 'pass', 'no-overpromise': 'fail' },
  },
  { daysAgo: 10, agent: 'Ana', playbookId: 'refund', score: 100, steps: { greet: 'pass', apologise: 'na' } },
  { daysAgo: 20, agent: 'Ana', playbookId: 'delivery', score: 100, steps: { greet: 'pass' } },
  { daysAgo: 2, agent: 'Ben', playbookId: 'refund', score: 40, steps: { greet: 'fail', apologise: 'fail' } },
  // The 30 days before.
  {
    daysAgo: 35,
    agent: LUKASZ,
    playbookId: 'refund',
    score: 90,
    steps: { greet: 'pass', apologise: 'fail' },
  },
  {
    daysAgo: 40,
    agent: LUKASZ,
    playbookId: 'refund',
    score: 100,
    steps: { greet: 'pass', apologise: 'pass' },
  },
  { daysAgo: 50, agent: 'Ana', playbookId: 'delivery', score: 70, steps: { greet: 'fail' } },
  // Older than both.
  { daysAgo: 80, agent: 'Ben', playbookId: 'refund', score: 20, steps: { greet: 'fail' } },
];

/** Local noon `daysAgo` days before today: the same calendar day in the browser and in this test. */
export function noonDaysAgo(daysAgo: number): number {
  const date = new Date();
  date.setDate(date.getDate() - daysAgo);
  date.setHours(12, 0, 0, 0);
  return date.getTime();
}

export const records = SEEDS.map((seed, i) => ({
  id: `seed-${i}`,
  time: noonDaysAgo(seed.daysAgo),
  helpdesk: 'zendesk',
  ticketId: String(5000 + i),
  ticketUrl: `https://acme.zendesk.com/agent/tickets/${5000 + i}`,
  playbookId: seed.playbookId,
  playbookVersion: 1,
  agent: seed.agent,
  score: seed.score,
  fullAdherence: !Object.values(seed.steps).includes('fail'),
  steps: Object.entries(seed.steps).map(([id, status]) => ({ id, status })),
  wordCount: 90,
  origin: 'import' as const,
  format: 2,
}));
export type SeedRecord = (typeof records)[number];

export const TEAM_FILE = {
  format: 'keel.replies/1',
  app: 'keel',
  version: '0.1.0',
  agent: 'the team',
  exportedAt: new Date().toISOString(),
  records,
};

export const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** What the popup must show for these records, computed by hand. */
export function figuresOf(chosen: readonly SeedRecord[]) {
  const mean = (list: readonly SeedRecord[]) =>
    oneDecimal(list.reduce((s, r) => s + r.score, 0) / list.length);
  const full = (list: readonly SeedRecord[]) =>
    oneDecimal((list.filter((r) => r.fullAdherence).length / list.length) * 100);
  const group = (key: 'playbookId' | 'agent') =>
    Object.fromEntries(
      [...new Set(chosen.map((r) => r[key]))].map((value) => {
        const list = chosen.filter((r) => r[key] === value);
        return [value, { count: String(list.length), adherence: String(mean(list)) }];
      }),
    );
  const misses = new Map<string, number>();
  for (const r of chosen)
    for (const step of r.steps)
      if (step.status === 'fail')
        misses.set(`${r.playbookId}/${step.id}`, (misses.get(`${r.playbookId}/${step.id}`) ?? 0) + 1);
  return {
    total: chosen.length,
    adherence: mean(chosen),
    fullAdherence: full(chosen),
    byPlaybook: group('playbookId'),
    byAgent: group('agent'),
    missed: Object.fromEntries(misses),
  };
}

export const current = (r: SeedRecord) => r.time >= noonDaysAgo(29) - 12 * 3_600_000;
export const previous = (r: SeedRecord) => !current(r) && r.time >= noonDaysAgo(59) - 12 * 3_600_000;

export async function readPopup(popup: Page) {
  const value = async (testId: string) =>
    Number(await popup.locator(`[data-testid=${testId}]`).first().getAttribute('data-value'));
  const rows = async (selector: string, key: string) => {
    const result: Record<string, { count: string | null; adherence: string | null }> = {};
    for (const row of await popup.locator(selector).all()) {
      result[(await row.getAttribute(key)) ?? ''] = {
        count: await row.getAttribute('data-count'),
        adherence: await row.getAttribute('data-adherence'),
      };
    }
    return result;
  };
  const missed: Record<string, number> = {};
  for (const row of await popup.locator('[data-testid=missed-step]').all()) {
    missed[`${await row.getAttribute('data-playbook-id')}/${await row.getAttribute('data-step-id')}`] =
      Number(await row.getAttribute('data-misses'));
  }
  return {
    total: await value('total-replies'),
    adherence: await value('adherence'),
    fullAdherence: await value('full-adherence'),
    byPlaybook: await rows('[data-testid=by-playbook] [data-playbook-id]', 'data-playbook-id'),
    byAgent: await rows('[data-testid=by-agent] [data-agent]', 'data-agent'),
    missed,
  };
}

export async function readDeltas(page: Page): Promise<Record<string, [number, string | null]>> {
  const deltas: Record<string, [number, string | null]> = {};
  for (const delta of await page.locator('[data-testid=delta]').all()) {
    deltas[(await delta.getAttribute('data-metric')) ?? ''] = [
      Number(await delta.getAttribute('data-value')),
      await delta.getAttribute('data-unit'),
    ];
  }
  return deltas;
}

/** How the page sits in its viewport: horizontal overflow and the smallest font size of any text. */
export async function layoutOf(page: Page) {
  return page.evaluate(() => {
    let smallest = Number.POSITIVE_INFINITY;
    let smallestText = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || parent.closest('.visually-hidden')) continue;
      const size = Number.parseFloat(getComputedStyle(parent).fontSize);
      if (size < smallest) {
        smallest = size;
        smallestText = node.textContent.trim();
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      bodyFontSize: getComputedStyle(document.body).fontSize,
      smallest,
      smallestText,
    };
  });
}
