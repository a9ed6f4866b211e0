import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './paths';

// Issue 7, item 6: the Firefox build passes `web-ext lint` (Mozilla's addons-linter, as AMO runs
// it). Firefox itself is not needed: the build and the linter run in Node.

const OUT_DIR = join(PROJECT_ROOT, '.tmp', 'e2e-firefox-build');
const EXTENSION_DIR = join(OUT_DIR, 'firefox-mv2');

interface LintMessage {
  code: string;
  message: string;
  description: string;
  file?: string;
  line?: number;
  column?: number;
}

interface LintReport {
  summary: { errors: number; notices: number; warnings: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(join(PROJECT_ROOT, 'node_modules', '.bin', command), args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 50_000,
  });
}

const describeMessage = (m: LintMessage) =>
  `${m.code} in ${m.file ?? '?'}${m.line ? `:${m.line}:${m.column}` : ''}: ${m.message}`;

/**
 * Whether a warning is one we know and accept. UNSAFE_VAR_ASSIGNMENT is accepted only where it
 * points at Preact's `dangerouslySetInnerHTML` branch (Keel's code never uses it); anywhere else
 * it fails the test.
 */
function isExplained(warning: LintMessage): boolean {
  switch (warning.code) {
    case 'UNSAFE_VAR_ASSIGNMENT': {
      if (!warning.file || warning.line === undefined || warning.column === undefined) return false;
      // The bundle is mostly one line, but a template literal can carry line breaks into it.
      const line =
        readFileSync(join(EXTENSION_DIR, warning.file), 'utf8').split('\n')[warning.line - 1] ?? '';
      const around = line.slice(Math.max(0, warning.column - 300), warning.column + 100);
      return around.includes('dangerouslySetInnerHTML') && around.includes('.innerHTML=');
    }
    default:
      return false;
  }
}

describe('the Firefox build', () => {
  let manifest: Record<string, unknown>;
  let report: LintReport;

  beforeAll(() => {
    rmSync(OUT_DIR, { recursive: true, force: true });
    const build = run('wxt', ['build', '-b', 'firefox'], { KEEL_OUT_DIR: OUT_DIR });
    if (build.status !== 0) {
      throw new Error(
        `wxt build -b firefox failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`,
      );
    }
    manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

    const lint = run('web-ext', ['lint', '--source-dir', EXTENSION_DIR, '--output', 'json', '--no-input']);
    try {
      report = JSON.parse(lint.stdout) as LintReport;
    } catch {
      throw new Error(
        `web-ext lint gave no JSON report (exit ${lint.status}):\n${lint.stdout}\n${lint.stderr}`,
      );
    }
  }, 60_000);

  it('passes web-ext lint without errors', () => {
    expect(report.errors.map(describeMessage)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('has no lint warnings beyond the explained ones', () => {
    expect(report.warnings.filter((warning) => !isExplained(warning)).map(describeMessage)).toEqual([]);
  });

  it('is a Firefox manifest: a gecko id, no Chrome key, and every file it names exists', () => {
    expect(manifest.manifest_version).toBe(2);
    expect(manifest).not.toHaveProperty('key');
    expect(manifest).toMatchObject({ browser_specific_settings: { gecko: { id: expect.any(String) } } });
    const background = manifest.background as { scripts?: string[] };
    const popup = (manifest.browser_action as { default_popup?: string }).default_popup;
    const options = (manifest.options_ui as { page?: string }).page;
    const contentScripts = (manifest.content_scripts as { js: string[] }[]).flatMap((script) => script.js);
    const named = [...(background.scripts ?? []), popup, options, ...contentScripts];
    expect(named.length).toBeGreaterThanOrEqual(4);
    for (const file of named) expect(existsSync(join(EXTENSION_DIR, String(file))), String(file)).toBe(true);
  });
});
