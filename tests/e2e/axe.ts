import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  targets: string[];
}

/**
 * axe-core's serious and critical findings on a page in the colour scheme given (the page's
 * `prefers-color-scheme` is emulated first), for everything or for `include` (axe's context, e.g.
 * `[{ fromShadowDom: ['keel-sidebar', 'aside.keel'] }]` for the sidebar's shadow root).
 */
export async function seriousAxeFindings(
  page: Page,
  scheme: 'light' | 'dark',
  include?: unknown,
): Promise<AxeFinding[]> {
  await page.emulateMedia({ colorScheme: scheme });
  // Evaluated rather than added as a <script>: extension pages' CSP refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const findings = await page.evaluate(
    async (context) => {
      type Result = { violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] };
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } })
        .axe;
      const result = await axe.run(context ?? document, {});
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n) => JSON.stringify(n.target)),
      }));
    },
    include ? { include } : null,
  );
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}
