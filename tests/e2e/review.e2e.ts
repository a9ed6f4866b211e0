import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeFindings } from './axe';
import { type KeelBrowser, launchKeel, SCREENSHOTS_DIR, waitForPopupValue } from './harness';
import { PROJECT_ROOT } from './paths';
import { pdfText } from './pdf-text';
import {
  current,
  figuresOf,
  LUKASZ,
  layoutOf,
  noonDaysAgo,
  oneDecimal,
  previous,
  readDeltas,
  readPopup,
  records,
  TEAM_FILE,
} from './review-team';

// Issue 17, "Done when": a lead's weekly review with a seeded team file. Every expected figure
// is worked out from the seeded records (review-team.ts), never read back from Keel.

describe('the lead’s weekly review: filters, deltas, drill-down, report, CSV, accessibility', () => {
  let keel: KeelBrowser;
  let report: Page;
  const downloads = join(SCREENSHOTS_DIR, '..', 'review-e2e-downloads');
  const teamFilePath = join(downloads, 'team.json');

  beforeAll(async () => {
    mkdirSync(downloads, { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(teamFilePath, JSON.stringify(TEAM_FILE));
    keel = await launchKeel();
    // A Firefox lead's way in: team import on the report page, not in the popup.
    report = await keel.context.newPage();
    await report.goto(`chrome-extension://${keel.extensionId}/report.html`);
    await report.locator('[data-testid=import-team]').setInputFiles(teamFilePath);
    const notice = report.locator('[data-testid=data-notice]');
    await notice.waitFor({ timeout: 15_000 });
    if ((await notice.getAttribute('data-kind')) !== 'success')
      throw new Error(`import: ${await notice.textContent()}`);
    if ((await notice.textContent()) !== `Imported ${records.length} new replies from 1 file.`)
      throw new Error(`import said: ${await notice.textContent()}`);
    await report.close();
  });
  afterAll(async () => {
    await keel?.close();
  });

  it('filtering by one agent changes every figure consistently, and the deltas match both periods', async () => {
    const popup = await keel.openPopup();
    await popup.setViewportSize({ width: 380, height: 600 });
    const all = records.filter(current);
    await waitForPopupValue(popup, 'total-replies', String(all.length));
    expect(await readPopup(popup)).toEqual(figuresOf(all));

    await popup.locator('[data-testid=filter-agent]').selectOption(LUKASZ);
    const mine = all.filter((r) => r.agent === LUKASZ);
    await expect
      .poll(() => popup.locator('[data-testid=total-replies]').getAttribute('data-value'))
      .toBe(String(mine.length));
    const filtered = await readPopup(popup);
    expect(filtered).toEqual(figuresOf(mine));
    // Every figure changed with the filter (the seed is built so that each one differs).
    for (const key of ['total', 'adherence', 'fullAdherence', 'byPlaybook', 'byAgent', 'missed'] as const)
      expect(filtered[key], key).not.toEqual(figuresOf(all)[key]);

    const before = figuresOf(records.filter((r) => previous(r) && r.agent === LUKASZ));
    const now = figuresOf(mine);
    expect(await readDeltas(popup)).toEqual({
      total: [oneDecimal(((now.total - before.total) / before.total) * 100), 'percent'],
      adherence: [oneDecimal(now.adherence - before.adherence), 'points'],
      'full-adherence': [oneDecimal(now.fullAdherence - before.fullAdherence), 'points'],
    });
    await popup.close();
  });

  it('clicking a missed step lists exactly the replies that missed it, newest first, with ticket links', async () => {
    const popup = await keel.openPopup();
    await waitForPopupValue(popup, 'total-replies', String(records.filter(current).length));
    await popup.locator('[data-testid=missed-step][data-playbook-id=refund][data-step-id=greet]').click();
    const expected = records
      .filter(
        (r) =>
          current(r) &&
          r.playbookId === 'refund' &&
          r.steps.some((s) => s.id === 'greet' && s.status === 'fail'),
      )
      .sort((a, b) => b.time - a.time);
    const rows = popup.locator('[data-testid=missed-replies] [data-testid=reply-row]');
    await expect.poll(() => rows.count()).toBe(expected.length);
    const shown = await rows.evaluateAll((elements) =>
      elements.map((row) => ({
        ticketId: row.getAttribute('data-ticket-id'),
        agent: row.getAttribute('data-agent'),
        href: row.querySelector('a')?.getAttribute('href') ?? null,
      })),
    );
    expect(shown).toEqual(expected.map((r) => ({ ticketId: r.ticketId, agent: r.agent, href: r.ticketUrl })));
    await popup.close();
  });

  it('opens the report for the popup’s filters, prints every section, and copies a summary', async () => {
    const popup = await keel.openPopup();
    await waitForPopupValue(popup, 'total-replies', String(records.filter(current).length));
    await popup.locator('[data-testid=filter-agent]').selectOption(LUKASZ);
    const mine = records.filter((r) => current(r) && r.agent === LUKASZ);
    await expect
      .poll(() => popup.locator('[data-testid=total-replies]').getAttribute('data-value'))
      .toBe(String(mine.length));
    const [page] = await Promise.all([
      keel.context.waitForEvent('page'),
      popup.click('[data-testid=open-report]'),
    ]);
    report = page;
    await report.waitForLoadState();
    expect(new URL(report.url()).searchParams.get('agent')).toBe(LUKASZ);
    await expect
      .poll(() => report.locator('[data-testid=total-replies]').getAttribute('data-value'))
      .toBe(String(mine.length));
    expect(Number(await report.locator('[data-testid=adherence]').getAttribute('data-value'))).toBe(
      figuresOf(mine).adherence,
    );
    await expect
      .poll(() => report.locator('[data-testid=report-missed-step] [data-testid=reply-row]').count())
      .toBe(mine.filter((r) => r.steps.some((s) => s.status === 'fail')).length);

    const headings = ['Summary', 'Trend', 'Agents', 'Most-missed steps', 'Playbooks'];
    // A4's width less the page margins, at 96 dpi: the DOM checks below see the printed layout.
    await report.setViewportSize({ width: 688, height: 1000 });
    await report.emulateMedia({ media: 'print' });
    const printed = await report.evaluate(() => ({
      sections: [...document.querySelectorAll('[data-testid=report-section]')]
        .filter((s) => (s as HTMLElement).offsetParent !== null)
        .map((s) => s.querySelector('h2')?.textContent),
      controlsHidden: getComputedStyle(document.querySelector('.controls') as Element).display === 'none',
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      teamDataHidden: !(document.querySelector('[data-testid=import-team]') as HTMLElement).checkVisibility(),
    }));
    expect(printed).toEqual({ sections: headings, controlsHidden: true, overflow: 0, teamDataHidden: true });
    await report.screenshot({ path: join(SCREENSHOTS_DIR, 'report-print.png'), fullPage: true });
    const pdf = await report.pdf({ format: 'A4', printBackground: true });
    const pdfPath = join(downloads, 'report.pdf');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(pdfPath, pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statSync(pdfPath).size).toBeGreaterThan(10_000);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    // What the PDF says: every section's heading (upper case by the stylesheet), the agent's name,
    // the example tickets (their URLs are printed after the links); none of the screen's controls.
    const printedText = pdfText(pdf).toLowerCase();
    for (const heading of ['Keel team adherence report', ...headings])
      expect(printedText, heading).toContain(heading.toLowerCase());
    expect(printedText).toContain(LUKASZ.toLowerCase());
    for (const r of mine.filter((r) => r.steps.some((s) => s.status === 'fail')))
      expect(printedText).toContain(r.ticketUrl);
    for (const control of ['Copy summary', 'Team data', 'Import team files'])
      expect(printedText, control).not.toContain(control.toLowerCase());
    await report.emulateMedia({ media: 'screen' });

    await report.bringToFront();
    await report.click('[data-testid=copy-summary]');
    const copyNotice = report.locator('[data-testid=copy-notice]');
    await copyNotice.waitFor();
    expect(await copyNotice.textContent()).toContain('Summary copied');
    // What a lead pastes into a chat: the browser's clipboard, read back by pasting into a page.
    await keel.context.route('https://chat.keel.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><textarea id="message"></textarea>' }),
    );
    const chat = await keel.context.newPage();
    await chat.goto('https://chat.keel.test/');
    await chat.click('#message');
    await chat.keyboard.press('ControlOrMeta+V');
    const copied = await chat.inputValue('#message');
    await chat.close();
    expect(copied).toContain(`Keel team adherence: Last 30 days`);
    expect(copied).toContain(`agent ${LUKASZ}`);
    expect(copied).toContain(`Replies: ${mine.length}`);
    await popup.close();
  });

  it('exports CSVs that round-trip through a CSV parser with non-ASCII names intact', async () => {
    const page = await keel.context.newPage();
    await page.goto(`chrome-extension://${keel.extensionId}/report.html?period=90d`);
    const inPeriod = records.filter((r) => r.time >= noonDaysAgo(89) - 12 * 3_600_000);
    await expect
      .poll(() => page.locator('[data-testid=total-replies]').getAttribute('data-value'))
      .toBe(String(inPeriod.length));
    const save = async (testId: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`[data-testid=${testId}]`),
      ]);
      const path = join(downloads, file.suggestedFilename());
      await file.saveAs(path);
      return readFileSync(path);
    };
    const replies = await save('export-csv');
    expect([...replies.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(replies, { bom: true, columns: true });
    expect(rows).toHaveLength(inPeriod.length);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const record of inPeriod) {
      expect(byId.get(record.id)).toMatchObject({
        agent: record.agent,
        ticketId: record.ticketId,
        playbookId: record.playbookId,
        playbookName: record.playbookId === 'refund' ? 'Refund request' : expect.any(String),
        score: String(record.score),
        ticketUrl: record.ticketUrl,
        utcOffset: expect.stringMatching(/^UTC[+-]\d\d:\d\d$/),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\d 12:00:00$/),
      });
    }
    expect(rows.filter((row) => row.agent === LUKASZ)).toHaveLength(
      inPeriod.filter((r) => r.agent === LUKASZ).length,
    );

    const steps: Record<string, string>[] = parse(await save('export-csv-steps'), {
      bom: true,
      columns: true,
    });
    expect(steps).toHaveLength(inPeriod.reduce((sum, r) => sum + r.steps.length, 0));
    expect(steps.filter((row) => row.status === 'fail' && row.agent === LUKASZ).length).toBe(
      inPeriod.filter((r) => r.agent === LUKASZ).flatMap((r) => r.steps.filter((s) => s.status === 'fail'))
        .length,
    );
    expect(steps.find((row) => row.playbookId === 'refund' && row.stepId === 'greet')?.stepName).toBe(
      'Greet the customer by name',
    );
    await page.close();
  });

  it.each(['light', 'dark'] as const)(
    'popup (380×600) and report pass axe with nothing clipped in %s mode',
    async (colorScheme) => {
      const popup = await keel.openPopup();
      await popup.emulateMedia({ colorScheme });
      await popup.setViewportSize({ width: 380, height: 600 });
      await waitForPopupValue(popup, 'total-replies', String(records.filter(current).length));
      await popup.locator('[data-testid=trend-y-axis]').waitFor();
      const layout = await layoutOf(popup);
      expect(layout.scrollWidth, 'horizontal overflow').toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.bodyFontSize).toBe('13px');
      expect(layout.smallest, `smallest text: "${layout.smallestText}"`).toBeGreaterThanOrEqual(10);
      // The README's screenshots are rewritten only on request (KEEL_README_SCREENSHOTS=1), so a test
      // run leaves the working tree as it found it.
      const readme = process.env.KEEL_README_SCREENSHOTS === '1';
      const shots = readme ? join(PROJECT_ROOT, 'assets', 'readme') : SCREENSHOTS_DIR;
      mkdirSync(shots, { recursive: true });
      await popup.screenshot({ path: join(shots, `popup-${colorScheme}.png`) });
      expect(await seriousAxeFindings(popup, colorScheme), 'popup').toEqual([]);
      await popup.locator('[data-testid=missed-step]').first().click();
      await popup.locator('[data-testid=reply-row]').first().waitFor();
      expect(await seriousAxeFindings(popup, colorScheme), 'popup with the drill-down open').toEqual([]);
      await popup.close();

      const page = await keel.context.newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto(`chrome-extension://${keel.extensionId}/report.html?period=90d`);
      await page.locator('[data-testid=report-missed-step] [data-testid=reply-row]').first().waitFor();
      await page.locator('[data-testid=agent-trend]').first().waitFor();
      expect(await seriousAxeFindings(page, colorScheme), 'report').toEqual([]);
      await page.close();
    },
  );
});
