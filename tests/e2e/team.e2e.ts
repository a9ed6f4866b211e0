import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_ROLE, LEAD_ROLE } from '../../utils/team/design';
import { ADMIN, type CouchServer, startCouch } from '../couch/server';
import type { DemoHelpdesk } from '../demo-helpdesk/server.mjs';
import { setupTeam } from '../tools/team-setup';
import { BARE_ANSWER, GOOD_REFUND } from './drafts';
import { type KeelBrowser, launchKeel, sidebar, startDemoHelpdesk, waitForAttribute } from './harness';

// Issue 16, "Done when": two agents' browsers send replies through the UI to the team store
// (pouchdb-server, per-agent users), and the lead's popup in the team scope shows the same
// figures as the two agents' local summaries added up.

const DATABASE = 'keel-team';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const REPLIES = [GOOD_REFUND, BARE_ANSWER] as const;

/** The popup's headline figures and per-agent rows, through DESIGN.md's hooks. */
interface Figures {
  total: string | null;
  adherence: string | null;
  fullAdherence: string | null;
  byAgent: Record<string, { count: string | null; adherence: string | null }>;
}

async function readFigures(popup: Page): Promise<Figures> {
  const value = (testId: string) => popup.locator(`[data-testid=${testId}]`).getAttribute('data-value');
  const byAgent: Figures['byAgent'] = {};
  for (const row of await popup.locator('[data-testid=by-agent] [data-agent]').all()) {
    byAgent[(await row.getAttribute('data-agent')) ?? ''] = {
      count: await row.getAttribute('data-count'),
      adherence: await row.getAttribute('data-adherence'),
    };
  }
  return {
    total: await value('total-replies'),
    adherence: await value('adherence'),
    fullAdherence: await value('full-adherence'),
    byAgent,
  };
}

/** The sidebar's score once two reads in a row agree and no step is pending. */
async function settledScore(page: Page): Promise<{ score: number; full: boolean }> {
  const read = () =>
    sidebar(page).evaluate((host) => {
      const root = host.shadowRoot;
      const statuses = [...(root?.querySelectorAll('[data-testid=step]') ?? [])].map((step) =>
        step.getAttribute('data-status'),
      );
      return {
        score: root?.querySelector('[data-testid=score]')?.getAttribute('data-score') ?? null,
        statuses,
      };
    });
  const deadline = Date.now() + 15_000;
  let previous = JSON.stringify(await read());
  for (;;) {
    await sleep(400);
    const current = await read();
    const serialized = JSON.stringify(current);
    if (serialized === previous && current.score !== null && !current.statuses.includes('pending')) {
      return { score: Number(current.score), full: !current.statuses.includes('fail') };
    }
    if (Date.now() > deadline) throw new Error(`the sidebar's check did not settle: ${serialized}`);
    previous = serialized;
  }
}

/** Connects a browser to the team store through the options page's Team tab. */
async function connect(
  keel: KeelBrowser,
  couch: CouchServer,
  username: string,
  password: string,
): Promise<Page> {
  const options = await keel.context.newPage();
  await options.goto(`chrome-extension://${keel.extensionId}/options.html#team`);
  await options.fill('[data-testid=team-url]', couch.url);
  await options.fill('[data-testid=team-database]', DATABASE);
  await options.fill('[data-testid=team-username]', username);
  await options.fill('[data-testid=team-password]', password);
  await options.click('[data-testid=team-save]');
  await options.click('[data-testid=team-test]');
  await waitForAttribute(options.locator('[data-testid=team-status]'), 'data-state', 'ok', 20_000);
  // Never shown back in full.
  expect(await options.inputValue('[data-testid=team-password]')).toBe('');
  expect(await options.locator('body').textContent()).not.toContain(password);
  return options;
}

/** One agent's browser: signed in to the helpdesk as `agent`, sends the replies, returns its local figures. */
async function agentSends(
  couch: CouchServer,
  helpdesk: DemoHelpdesk,
  agent: string,
  password: string,
): Promise<{ figures: Figures; scores: { score: number; full: boolean }[] }> {
  const keel = await launchKeel();
  try {
    // The demo helpdesk signs everyone in as Sam Rivera; this browser's agent is someone else.
    await keel.context.route(`${helpdesk.url}/tickets/**`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replaceAll('Sam Rivera', agent);
      await route.fulfill({ response, body });
    });
    const options = await connect(keel, couch, agent, password);
    const scores: { score: number; full: boolean }[] = [];
    for (const reply of REPLIES) {
      const page = await keel.context.newPage();
      await page.goto(`${helpdesk.url}/tickets/${reply.ticketId}`);
      const select = sidebar(page).locator('[data-testid=playbook-select]');
      await select.waitFor({ timeout: 20_000 });
      if ((await select.inputValue()) !== reply.playbookId) await select.selectOption(reply.playbookId);
      await page.click('.hd-editor');
      await page.keyboard.type(reply.text);
      scores.push(await settledScore(page));
      const sent = page.locator('.hd-message[data-author=agent]');
      const before = await sent.count();
      await page.click('.hd-send');
      await sent.nth(before).waitFor();
    }
    // Stored and pushed: the local summary counts them, the queue is empty.
    const popup = await keel.openPopup();
    await expect
      .poll(
        async () => {
          await popup.reload();
          return popup
            .locator('[data-testid=total-replies]')
            .getAttribute('data-value', { timeout: 3_000 })
            .catch(() => null);
        },
        { timeout: 30_000 },
      )
      .toBe(String(REPLIES.length));
    await options.reload();
    await waitForAttribute(options.locator('[data-testid=team-status]'), 'data-pending', '0', 30_000);
    await waitForAttribute(options.locator('[data-testid=team-status]'), 'data-state', 'ok');
    return { figures: await readFigures(popup), scores };
  } finally {
    await keel.close();
  }
}

const oneDecimal = (value: number) => String(Math.round(value * 10) / 10);

describe('team store: two agents push, the lead reads the team', () => {
  let helpdesk: DemoHelpdesk;
  let couch: CouchServer;
  let keel: KeelBrowser | undefined;

  beforeAll(async () => {
    [helpdesk, couch] = await Promise.all([startDemoHelpdesk(), startCouch({ inMemory: true })]);
    await setupTeam({
      url: couch.url,
      database: DATABASE,
      admin: `${ADMIN.name}:${ADMIN.password}`,
      perAgentUsers: true,
    });
    await couch.addUser('Ana Lopez', 'ana-pw-1', [AGENT_ROLE]);
    await couch.addUser('Ben Okafor', 'ben-pw-2', [AGENT_ROLE]);
    await couch.addUser('Lena Lead', 'lead-pw-3', [LEAD_ROLE]);
  });
  afterEach(async () => {
    await keel?.close();
    keel = undefined;
  });
  afterAll(async () => {
    await Promise.all([helpdesk?.close(), couch?.stop()]);
  });

  it('shows in the lead’s team scope the figures of both agents’ local summaries added up', async () => {
    const ana = await agentSends(couch, helpdesk, 'Ana Lopez', 'ana-pw-1');
    const ben = await agentSends(couch, helpdesk, 'Ben Okafor', 'ben-pw-2');

    keel = await launchKeel();
    await connect(keel, couch, 'Lena Lead', 'lead-pw-3');
    const popup = await keel.openPopup();
    await popup.locator('[data-testid=scope]').selectOption('team');
    await waitForAttribute(popup.locator('[data-testid=scope]'), 'data-shown', 'team');
    await waitForAttribute(
      popup.locator('[data-testid=total-replies]'),
      'data-value',
      String(2 * REPLIES.length),
      20_000,
    );

    const all = [...ana.scores, ...ben.scores];
    const team = await readFigures(popup);
    expect(team).toEqual({
      total: String(Number(ana.figures.total) + Number(ben.figures.total)),
      adherence: oneDecimal(all.reduce((sum, reply) => sum + reply.score, 0) / all.length),
      fullAdherence: oneDecimal((all.filter((reply) => reply.full).length / all.length) * 100),
      byAgent: { ...ana.figures.byAgent, ...ben.figures.byAgent },
    });
    expect(Object.keys(team.byAgent).sort()).toEqual(['Ana Lopez', 'Ben Okafor']);

    // The store goes away: the popup says so and shows this browser's (empty) local scope.
    await couch.kill();
    await popup.reload();
    await popup.locator('[data-testid=scope]').selectOption('team');
    await waitForAttribute(popup.locator('[data-testid=scope-offline]'), 'data-state', 'offline', 20_000);
    await waitForAttribute(popup.locator('[data-testid=scope]'), 'data-shown', 'local');
    await popup.locator('[data-testid=empty-state]').waitFor();
  }, 300_000);
});
