import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import managedSchema from '@/assets/public/managed_schema.json';
import { StepItem } from '@/components/sidebar/StepItem';
import { demoAdapter } from '@/utils/adapters/demo';
import { DEFAULT_SETTINGS } from '@/utils/config/content-shapes';
import { applyManagedSettings } from '@/utils/config/in-force';
import { parseManagedPolicy } from '@/utils/config/policy';
import { DEFAULT_PLAYBOOKS } from '@/utils/playbook/library';
import type { PlaybookStep } from '@/utils/playbook/schema';
import { overrideAllowed } from '@/utils/sidebar/overrides';
import { SidebarSession } from '@/utils/sidebar/session';
import type { ReplyRecord } from '@/utils/store/types';
import { directVerdicts } from './direct-verdicts';

describe('the administrator’s policy on overrides of critical steps', () => {
  it.each([
    [{ allowCriticalOverrides: false }, { allowCriticalOverrides: false }, []],
    [{ allowCriticalOverrides: true }, { allowCriticalOverrides: true }, []],
    [{ allowCriticalOverrides: 'no' }, {}, ['settings.allowCriticalOverrides']],
  ])('reads settings %j as %j', (settings, expected, problems) => {
    const policy = parseManagedPolicy({ settings });
    expect(policy.settings).toEqual(expected);
    expect(policy.problems.map((problem) => problem.path)).toEqual(problems);
  });

  it('is declared in the managed schema, so Chrome passes it on', () => {
    expect(managedSchema.properties.settings.properties.allowCriticalOverrides.type).toBe('boolean');
  });

  it('is the administrator’s alone: an agent’s own settings never carry it', () => {
    const own = { ...DEFAULT_SETTINGS, allowCriticalOverrides: false };
    expect(applyManagedSettings(own, {}).allowCriticalOverrides).toBeUndefined();
    expect(
      applyManagedSettings(DEFAULT_SETTINGS, { allowCriticalOverrides: false }).allowCriticalOverrides,
    ).toBe(false);
  });

  it.each([
    ['critical', true, true],
    ['critical', false, false],
    ['required', false, true],
    ['recommended', false, true],
  ])('a %s step with critical overrides allowed=%s may be overridden: %s', (severity, allowed, expected) => {
    expect(overrideAllowed({ severity }, allowed)).toBe(expected);
  });
});

describe('a step whose override the policy forbids', () => {
  const step = (severity: PlaybookStep['severity']): PlaybookStep => ({
    id: 'no-overpromise',
    title: 'Promise only what we control',
    severity,
    weight: 1,
    check: { kind: 'forbid', any: ['guarantee'] },
  });

  afterEach(() => render(null, document.body));

  it('shows no override controls, and says why', () => {
    render(
      <StepItem
        step={step('critical')}
        status="fail"
        canInsert={false}
        onInsert={() => {}}
        canOverride={false}
        onOverride={() => {}}
      />,
      document.body,
    );
    expect(document.querySelector('[data-testid=override-done]')).toBeNull();
    expect(document.querySelector('[data-testid=override-na]')).toBeNull();
    expect(document.querySelector('[data-testid=override-locked]')?.textContent).toContain('administrator');
  });

  it('offers both controls on a failed step it may override', () => {
    render(
      <StepItem
        step={step('required')}
        status="fail"
        canInsert={false}
        onInsert={() => {}}
        canOverride={true}
        onOverride={() => {}}
      />,
      document.body,
    );
    expect(document.querySelector('[data-testid=override-done]')).not.toBeNull();
    expect(document.querySelector('[data-testid=override-na]')).not.toBeNull();
    expect(document.querySelector('[data-testid=override-locked]')).toBeNull();
  });
});

describe('the sidebar session under the policy', () => {
  let allowCritical: boolean;
  let records: ReplyRecord[];
  let abort: AbortController;

  beforeEach(() => {
    allowCritical = false;
    records = [];
    abort = new AbortController();
    document.documentElement.dataset.helpdesk = 'keel-demo';
    document.body.innerHTML = `
      <header><span class="hd-agent" data-agent-name="Sam Rivera">Sam Rivera</span></header>
      <main class="hd-ticket" data-ticket-id="1042">
        <h1 class="hd-subject">Refund for order #A10234</h1>
        <dl class="hd-fields">
          <dd data-field="type">refund</dd>
          <dd data-field="requester" data-email="maria@example.com">María García</dd>
          <dd data-field="tags"><span class="hd-tag">refund</span></dd>
        </dl>
        <ol class="hd-conversation">
          <li class="hd-message" data-author="customer"><div class="hd-message-body">I would like my money back.</div></li>
        </ol>
        <form class="hd-composer"><div class="hd-editor" contenteditable="true" role="textbox"></div></form>
      </main>`;
  });
  afterEach(() => abort.abort());

  async function sessionWithDraft(draft: string): Promise<SidebarSession> {
    const session = new SidebarSession({
      adapter: demoAdapter,
      doc: document,
      location: () => new URL('http://127.0.0.1:4173/tickets/1042'),
      verdicts: directVerdicts,
      loadPlaybooks: async () => DEFAULT_PLAYBOOKS,
      loadChoice: async () => undefined,
      saveChoice: async () => {},
      record: async (record) => {
        records.push(record);
        return { ok: true };
      },
      now: () => 1_700_000_000_000,
      newId: () => 'reply-1',
      sendGateOn: () => false,
      allowCriticalOverrides: () => allowCritical,
      fallbackAgentName: () => '',
      ask: () => true,
      signal: abort.signal,
    });
    await session.start();
    const editor = document.querySelector<HTMLElement>('.hd-editor');
    if (!editor) throw new Error('no editor');
    editor.textContent = draft;
    session.checkNow();
    return session;
  }
  const stepOf = (session: SidebarSession, id: string) =>
    session.state.get().result?.steps.find((step) => step.stepId === id);

  it('refuses to override a failed critical step, and still overrides a required one', async () => {
    const session = await sessionWithDraft('Hi María, I guarantee your refund arrives tomorrow.');
    expect(stepOf(session, 'no-overpromise')?.status).toBe('fail');
    expect(stepOf(session, 'greet')?.status).toBe('pass');
    session.overrideStep('no-overpromise', 'done');
    session.overrideStep('greet', 'na');
    expect(stepOf(session, 'no-overpromise')).toMatchObject({ status: 'fail' });
    expect(stepOf(session, 'no-overpromise')?.override).toBeUndefined();
    expect(stepOf(session, 'greet')).toMatchObject({ status: 'na', override: 'na' });
    expect(session.state.get().result?.criticalMiss).toBe(true);
  });

  it('drops an override of a critical step once a new policy forbids it', async () => {
    allowCritical = true;
    const session = await sessionWithDraft('Hi María, I guarantee your refund arrives tomorrow.');
    session.overrideStep('no-overpromise', 'done');
    expect(stepOf(session, 'no-overpromise')).toMatchObject({ status: 'pass', override: 'done' });
    allowCritical = false;
    await session.reloadPlaybooks();
    await vi.waitFor(() => expect(stepOf(session, 'no-overpromise')?.status).toBe('fail'));
    expect(stepOf(session, 'no-overpromise')?.override).toBeUndefined();
  });
});
