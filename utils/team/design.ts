import { DOC_FIELDS } from './doc';

/** The design document's id; the popup's views live under it. */
export const DESIGN_ID = '_design/keel';

/** Roles in the team database's `_security`: agents write, leads read the team scope. */
export const AGENT_ROLE = 'keel-agent';
export const LEAD_ROLE = 'keel-lead';

export interface DesignOptions {
  /** Per-agent CouchDB users: a record's `agent` must equal the writer's user name. */
  perAgentUsers: boolean;
}

/**
 * validate_doc_update, as source (CouchDB runs it in its JS engine; pouchdb-server evaluates it).
 * Only new documents, only Keel's record shapes (the allow-list of fields per format from
 * DOC_FIELDS), bounded strings, and the writer's own agent name when `perAgentUsers`.
 */
export function validateSource(options: DesignOptions): string {
  return `function (newDoc, oldDoc, userCtx) {
  var FIELDS = ${JSON.stringify(DOC_FIELDS)};
  var PER_AGENT = ${options.perAgentUsers ? 'true' : 'false'};
  var roles = (userCtx && userCtx.roles) || [];
  var admin = roles.indexOf('_admin') !== -1;
  function refuse(why) { throw({ forbidden: why }); }
  function str(key, max) {
    if (typeof newDoc[key] !== 'string' || newDoc[key].length > max) refuse(key + ' must be a string of at most ' + max + ' characters');
  }
  function num(key, min, max) {
    if (typeof newDoc[key] !== 'number' || !(newDoc[key] >= min && newDoc[key] <= max)) refuse(key + ' must be a number from ' + min + ' to ' + max);
  }
  if (admin) return;
  if (newDoc._id.indexOf('_design/') === 0) refuse('only an administrator changes the design document');
  // The same record pushed again (no _rev): let it through to CouchDB's own conflict, "already there".
  if (oldDoc && !newDoc._rev && !newDoc._deleted) return;
  if (oldDoc || newDoc._deleted) refuse('records are immutable: only new documents');
  if (newDoc.type !== 'keel.reply') refuse('only Keel records (type keel.reply)');
  var format = newDoc.format === undefined ? 1 : newDoc.format;
  var allowed = FIELDS[String(format)];
  if (!allowed || format === 1 && newDoc.format !== undefined) refuse('unknown record format ' + format);
  for (var key in newDoc) {
    if (key === '_rev' || key === '_revisions') continue;
    if (allowed.indexOf(key) === -1) refuse('field not allowed in record format ' + format + ': ' + key);
  }
  str('id', 64);
  if (newDoc._id !== 'reply:' + newDoc.id) refuse('_id must be reply:<id>');
  num('time', 0, 1e14);
  if (typeof newDoc.day !== 'string' || !/^\\d{4}-\\d{2}-\\d{2}$/.test(newDoc.day)) refuse('day must be YYYY-MM-DD');
  str('helpdesk', 64); str('ticketId', 128); str('playbookId', 64); str('agent', 120);
  num('playbookVersion', 0, 1e9); num('score', 0, 100); num('wordCount', 0, 1e6);
  if (typeof newDoc.fullAdherence !== 'boolean') refuse('fullAdherence must be true or false');
  if (!Array.isArray(newDoc.steps) || newDoc.steps.length > 200) refuse('steps must be a list of at most 200');
  for (var i = 0; i < newDoc.steps.length; i++) {
    var step = newDoc.steps[i];
    if (!step || typeof step !== 'object') refuse('steps[' + i + '] must be an object');
    for (var k in step) {
      if (k !== 'id' && k !== 'status' && !(k === 'override' && format >= 2)) refuse('field not allowed in steps[' + i + ']: ' + k);
    }
    if (typeof step.id !== 'string' || step.id.length > 64) refuse('steps[' + i + '].id must be a short string');
    if (step.status !== 'pass' && step.status !== 'fail' && step.status !== 'na') refuse('steps[' + i + '].status must be pass, fail or na');
    if (step.override !== undefined && step.override !== 'done' && step.override !== 'na') refuse('steps[' + i + '].override must be done or na');
  }
  if (newDoc.lowConfidence !== undefined && typeof newDoc.lowConfidence !== 'boolean') refuse('lowConfidence must be true or false');
  if (newDoc.ticketUrl !== undefined) {
    str('ticketUrl', 500);
    if (!/^https?:\\/\\/[^\\s#]+$/.test(newDoc.ticketUrl)) refuse('ticketUrl must be an http(s) address without a fragment');
  }
  if (PER_AGENT && newDoc.agent !== userCtx.name) refuse('agent must be the writer (' + userCtx.name + ')');
}`;
}

const IS_REPLY = "if (doc.type !== 'keel.reply') return;";

/**
 * The views, with built-in reducers only (fast on a cluster). The popup's team scope reads one view,
 * `team`, so a server builds one index for it (few rows per record: index builds cost per row): rows keyed by kind, then [day, agent, playbookId,
 * helpdesk], so group_level rolls records up by day × agent × playbook × helpdesk (values summed
 * element-wise by `_sum`):
 * - `['reply', day, agent, playbook, helpdesk]` → [replies, score sum, full-adherence replies]
 * - `['step', day, agent, playbook, helpdesk, stepId]` → [applicable, misses] (steps not `na`)
 */
export const VIEWS = {
  team: {
    map: `function (doc) { ${IS_REPLY} var k = [doc.day, doc.agent, doc.playbookId, doc.helpdesk]; emit(['reply'].concat(k), [1, doc.score, doc.fullAdherence ? 1 : 0]); for (var i = 0; i < doc.steps.length; i++) { var s = doc.steps[i]; if (s.status !== 'na') emit(['step'].concat(k, [s.id]), [1, s.status === 'fail' ? 1 : 0]); } }`,
    reduce: '_sum',
  },
  /** Overrides per step and kind. */
  overrides: {
    map: `function (doc) { ${IS_REPLY} for (var i = 0; i < doc.steps.length; i++) { var s = doc.steps[i]; if (s.override) emit([doc.day, doc.agent, doc.playbookId, doc.helpdesk, s.id, s.override], 1); } }`,
    reduce: '_count',
  },
  /**
   * Drill-down: the replies behind a missed step, newest first by a descending key range, for the
   * team (`['any', playbookId, stepId, time]`) or one agent (`['agent', agent, playbookId, stepId, time]`).
   */
  misses: {
    map: `function (doc) { ${IS_REPLY} for (var i = 0; i < doc.steps.length; i++) { if (doc.steps[i].status !== 'fail') continue; var v = { id: doc.id, ticketId: doc.ticketId, helpdesk: doc.helpdesk, agent: doc.agent, score: doc.score, ticketUrl: doc.ticketUrl || null }; emit(['any', doc.playbookId, doc.steps[i].id, doc.time], v); emit(['agent', doc.agent, doc.playbookId, doc.steps[i].id, doc.time], v); } }`,
  },
  /** Records by agent and time: erasure of one agent and purge by age page through these. */
  by_agent: { map: `function (doc) { ${IS_REPLY} emit([doc.agent, doc.time], null); }` },
  by_time: { map: `function (doc) { ${IS_REPLY} emit(doc.time, null); }` },
} as const;

/** The design document the setup command installs (and re-installs after an upgrade). */
export function designDoc(options: DesignOptions): Record<string, unknown> {
  return {
    _id: DESIGN_ID,
    language: 'javascript',
    keel: { perAgentUsers: options.perAgentUsers, formats: Object.keys(DOC_FIELDS).map(Number) },
    validate_doc_update: validateSource(options),
    views: VIEWS,
  };
}

/** The `_security` object: agents and leads by role (plus any listed user names). */
export function securityDoc(names: { agents?: string[]; leads?: string[] } = {}): Record<string, unknown> {
  return {
    admins: { names: [], roles: [] },
    members: { names: [...(names.agents ?? []), ...(names.leads ?? [])], roles: [AGENT_ROLE, LEAD_ROLE] },
  };
}
