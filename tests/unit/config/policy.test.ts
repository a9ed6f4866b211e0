import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  loadManagedPolicy,
  managedSettingsSchema,
  parseManagedPolicy,
  readManagedStorage,
} from '@/utils/config/policy';

interface JsonSchemaProperty {
  type: 'integer' | 'boolean' | 'array' | 'object' | 'string';
  minimum?: number;
  maximum?: number;
}

/** What an administrator's tools read (Chrome's managed storage schema). */
const managedJsonSchema = JSON.parse(
  readFileSync(join(process.cwd(), 'assets/public/managed_schema.json'), 'utf8'),
) as { properties: { settings: { properties: Record<string, JsonSchemaProperty> } } };
const jsonSettings = managedJsonSchema.properties.settings.properties;

const goodFile = {
  format: 'keel.playbooks/1',
  playbooks: [
    {
      id: 'escalation',
      name: 'Escalation',
      steps: [{ id: 'expect', title: 'Say when we get back', check: { kind: 'expectation' } }],
    },
  ],
};

describe('managed policy parsing', () => {
  it('accepts a playbook file given as an object', () => {
    const policy = parseManagedPolicy({ playbooks: goodFile });
    expect(policy.problems).toEqual([]);
    expect(policy.playbooks.map((p) => p.id)).toEqual(['escalation']);
    // Defaults are filled in exactly as for an imported file.
    expect(policy.playbooks[0]?.steps[0]?.severity).toBe('required');
  });

  it('accepts the same file given as JSON text', () => {
    const policy = parseManagedPolicy({ playbooks: JSON.stringify(goodFile) });
    expect(policy.problems).toEqual([]);
    expect(policy.playbooks[0]?.name).toBe('Escalation');
  });

  it('drops a bad playbook file entirely and names every problem under playbooks', () => {
    const bad = structuredClone(goodFile) as { playbooks: { steps: { check: { kind: string } }[] }[] };
    const step = bad.playbooks[0]?.steps[0];
    if (step) step.check.kind = 'phrse';
    const policy = parseManagedPolicy({ playbooks: bad });
    expect(policy.playbooks).toEqual([]);
    expect(policy.problems).toEqual([
      { path: 'playbooks.playbooks[0].steps[0].check.kind', message: 'unknown kind "phrse"' },
    ]);
  });

  it('reads valid settings and reports the invalid ones without applying them', () => {
    const policy = parseManagedPolicy({
      settings: { sendGate: true, retentionDays: -3, disabledHelpdesks: ['Zendesk'], colour: 'red' },
    });
    expect(policy.settings).toEqual({ sendGate: true, disabledHelpdesks: ['zendesk'] });
    expect(policy.problems.map((p) => p.path)).toEqual(['settings.retentionDays', 'settings.colour']);
  });

  it.each([
    [{ retentionDays: 3651 }, 'settings.retentionDays', 'must be a whole number from 1 to 3650'],
    [{ retentionDays: 2.5 }, 'settings.retentionDays', 'must be a whole number from 1 to 3650'],
    [{ retentionDays: '30' }, 'settings.retentionDays', 'must be a whole number from 1 to 3650'],
    [{ sendGate: 'yes' }, 'settings.sendGate', 'must be true or false'],
    [{ allowCriticalOverrides: 0 }, 'settings.allowCriticalOverrides', 'must be true or false'],
    [{ disabledHelpdesks: 'zendesk' }, 'settings.disabledHelpdesks', 'must be a list of helpdesk ids'],
    [{ disabledHelpdesks: ['zendesk', 3] }, 'settings.disabledHelpdesks', 'must be a list of helpdesk ids'],
    [{ colour: 'red' }, 'settings.colour', 'unknown setting "colour"'],
    [{ constructor: 'x' }, 'settings.constructor', 'unknown setting "constructor"'],
  ])('refuses the setting %o as %s: %s', (settings, path, message) => {
    const policy = parseManagedPolicy({ settings });
    expect(policy.settings).toEqual({});
    expect(policy.problems).toEqual([{ path, message }]);
  });

  it.each([['off'], [['sendGate']], [null]])('refuses settings that are not an object (%o)', (settings) => {
    expect(parseManagedPolicy({ settings }).problems).toEqual([
      { path: 'settings', message: 'must be an object' },
    ]);
  });

  it('takes every setting the policy may hold', () => {
    const settings = {
      retentionDays: 90,
      sendGate: true,
      disabledHelpdesks: ['front'],
      allowCriticalOverrides: false,
    };
    expect(parseManagedPolicy({ settings })).toMatchObject({ settings, problems: [] });
  });

  it('treats an empty policy as nothing pushed', () => {
    expect(parseManagedPolicy({})).toEqual({ playbooks: [], settings: {}, sites: [], problems: [] });
  });
});

describe('the settings validator and managed_schema.json', () => {
  it('know the same settings', () => {
    expect(Object.keys(managedSettingsSchema.entries).sort()).toEqual(Object.keys(jsonSettings).sort());
  });

  it.each(Object.entries(jsonSettings))('agree on what %s takes', (key, json) => {
    const problemsOf = (value: unknown) => parseManagedPolicy({ settings: { [key]: value } }).problems;
    const valid = { integer: json.minimum ?? 1, boolean: true, array: ['zendesk'] } as Record<
      string,
      unknown
    >;
    const wrongType = { integer: 'ten', boolean: 'yes', array: 'zendesk' } as Record<string, unknown>;
    expect(json.type in valid).toBe(true);
    expect(problemsOf(valid[json.type])).toEqual([]);
    expect(problemsOf(wrongType[json.type]).map((problem) => problem.path)).toEqual([`settings.${key}`]);
    if (json.type === 'integer') {
      expect(problemsOf(1.5)).toHaveLength(1);
      if (json.minimum !== undefined) expect(problemsOf(json.minimum - 1)).toHaveLength(1);
      if (json.maximum !== undefined) {
        expect(problemsOf(json.maximum)).toEqual([]);
        expect(problemsOf(json.maximum + 1)).toHaveLength(1);
      }
    }
  });
});

describe('reading storage.managed', () => {
  beforeEach(() => fakeBrowser.reset());

  it('resolves to nothing when the browser throws because no policy exists', async () => {
    const managed = fakeBrowser.storage.managed;
    const original = managed.get;
    managed.get = () => Promise.reject(new Error('Managed storage manifest not found'));
    try {
      expect(await readManagedStorage()).toEqual({});
      expect(await loadManagedPolicy()).toEqual({ playbooks: [], settings: {}, sites: [], problems: [] });
    } finally {
      managed.get = original;
    }
  });

  it('loads the playbooks an administrator pushed', async () => {
    await fakeBrowser.storage.managed.set({ playbooks: goodFile });
    expect((await loadManagedPolicy()).playbooks.map((p) => p.id)).toEqual(['escalation']);
  });
});

describe('sites pushed by the administrator (issue 15)', () => {
  const corp = {
    id: 'corp',
    name: 'Corp Helpdesk',
    urlPattern: 'http://helpdesk.corp/tickets/*',
    ticketId: {},
    selectors: { editor: '#reply-text', send: 'button.send-reply' },
    sentWhen: { replyIn: '.thread' },
    note: { kind: 'checkbox', selector: '#private' },
  };
  const rt = {
    id: 'corp-rt',
    name: 'Corp RT',
    software: 'rt',
    urlPattern: 'http://rt.corp/*',
    ticketId: { queryParam: 'id' },
    selectors: {},
  };

  it('takes every valid site, as the Sites form makes them, from a list or its JSON text', () => {
    expect(parseManagedPolicy({ sites: [corp, rt] })).toMatchObject({ sites: [corp, rt], problems: [] });
    expect(parseManagedPolicy({ sites: JSON.stringify([corp]) }).sites).toEqual([corp]);
  });

  it('leaves a bad site out and names it by its place, keeping the others', () => {
    const policy = parseManagedPolicy({
      sites: [corp, { ...corp, id: 'two', selectors: {} }, { ...corp, name: 'Again' }],
    });
    expect(policy.sites).toEqual([corp]);
    expect(policy.problems).toEqual([
      { path: 'sites[1].selectors.editor', message: 'is empty' },
      { path: 'sites[2].id', message: '"corp" is used twice' },
    ]);
    expect(parseManagedPolicy({ sites: 'not json' }).problems).toEqual([
      { path: 'sites', message: 'is not JSON' },
    ]);
  });

  it('is described in the managed schema an administrator’s tools read', () => {
    const schema = JSON.parse(readFileSync(join(process.cwd(), 'assets/public/managed_schema.json'), 'utf8'));
    expect(Object.keys(schema.properties.sites.items.properties)).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'software',
        'urlPattern',
        'ticketId',
        'selectors',
        'sentWhen',
        'note',
      ]),
    );
  });
});
