// biome-ignore-all lint/suspicious/noExplicitAny: the packages load untyped from a scratch directory, outside the project
/**
 * Scratch measurement (issue 13, deliverable 5): would wink-nlp (+ eng-lite-web-model) or
 * compromise judge the expectation step (tense, negation, dates/durations) better than the rules,
 * and at what cost? Run: mkdir -p /tmp/h13e-nlp && cd /tmp/h13e-nlp && npm init -y && npm i wink-nlp wink-eng-lite-web-model compromise,
 * then npx tsx tests/tools/nlp-measure.ts from the project (neither package is a Keel dependency).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { checkReply, nonReplyRanges } from '../../utils/checker/index';
import { maskRanges } from '../../utils/checker/reply';
import { DEFAULT_PLAYBOOKS } from '../../utils/playbook/library';
import { loadBlindCorpus, ticketOf } from '../corpus/blind/score';
import { htmlToText } from '../corpus/html-to-text';

const require = createRequire('/tmp/h13e-nlp/');
let t0 = performance.now();
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');
const nlp = winkNLP(model);
const its = nlp.its;
const winkLoad = performance.now() - t0;
t0 = performance.now();
const compromise = require('compromise');
const compromiseLoad = performance.now() - t0;

/** wink: a commitment = a DATE/DURATION/TIME entity in a sentence with no negated token before it and not past tense per compromise. */
function winkExpectation(text: string): boolean {
  const doc = nlp.readDoc(text);
  let found = false;
  doc.sentences().each((sentence: any) => {
    const entities = sentence
      .entities()
      .filter((e: any) => ['DATE', 'DURATION', 'TIME'].includes(e.out(its.type)));
    if (entities.length() === 0) return;
    const negated =
      sentence
        .tokens()
        .filter((t: any) => t.out(its.negationFlag))
        .length() > 0;
    const past = isPast(compromise(sentence.out()));
    if (!negated && !past) found = true;
  });
  return found;
}

const isPast = (s: any) => s.has('#PastTense') && !s.has('(will|shall|#Modal)');

/** compromise alone: #Date / #Duration tagged words in a non-past, non-negative sentence. */
function compromiseExpectation(text: string): boolean {
  const doc = compromise(text);
  let found = false;
  doc.sentences().forEach((s: any) => {
    const hasTime = s.has('#Date') || s.has('#Duration') || s.has('#Time');
    if (hasTime && !isPast(s) && !s.has('#Negative')) found = true;
  });
  return found;
}

let rules = 0;
let wink = 0;
let comp = 0;
let total = 0;
const disagreements: string[] = [];
for (const file of loadBlindCorpus()) {
  for (const entry of file.cases) {
    const want = entry.expect['set-expectation'];
    if (want === undefined || want === 'na') continue;
    const playbook = DEFAULT_PLAYBOOKS.find((p) => p.id === entry.expectPlaybook);
    if (!playbook) continue;
    const text = entry.replyFormat === 'html' ? htmlToText(entry.reply) : entry.reply;
    const ruleStatus = checkReply(text, ticketOf(entry.helpdesk, entry.ticket), playbook).steps.find(
      (s) => s.stepId === 'set-expectation',
    )?.status;
    if (ruleStatus === 'na') continue;
    // The agent's own words as the checker reads them: quoted history and signature blanked out.
    const own = maskRanges(text, nonReplyRanges(text));
    const w = winkExpectation(own) ? 'pass' : 'fail';
    const c = compromiseExpectation(own) ? 'pass' : 'fail';
    total++;
    if (ruleStatus === want) rules++;
    if (w === want) wink++;
    if (c === want) comp++;
    if (w !== want && ruleStatus === want) disagreements.push(`${entry.id} want ${want} wink ${w}`);
  }
}
console.log(`expectation steps judged: ${total}`);
console.log(`  rules       ${rules}/${total} (${((100 * rules) / total).toFixed(1)}%)`);
console.log(`  wink+compr. ${wink}/${total} (${((100 * wink) / total).toFixed(1)}%)`);
console.log(`  compromise  ${comp}/${total} (${((100 * comp) / total).toFixed(1)}%)`);
console.log(`  wink wrong where rules right: ${disagreements.slice(0, 8).join('; ')}`);

// Cost: cold start (require + model), time per reply of ~1,900 characters.
const sample = loadBlindCorpus()
  .flatMap((f) => f.cases)
  .map((c) => (c.replyFormat === 'html' ? htmlToText(c.reply) : c.reply))
  .sort((a, b) => Math.abs(a.length - 1900) - Math.abs(b.length - 1900))[0] as string;
const time = (fn: () => void, runs = 200) => {
  for (let i = 0; i < 20; i++) fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - start) / runs;
};
const ticket = ticketOf('zendesk', {
  ticketId: '1',
  subject: 'Where is my parcel',
  customerMessage: 'It has not arrived.',
});
const delivery = DEFAULT_PLAYBOOKS.find((p) => p.id === 'delivery');
if (!delivery) throw new Error('no delivery playbook');
console.log(`sample reply: ${sample.length} chars`);
console.log(
  `cold start: wink-nlp + model ${winkLoad.toFixed(0)} ms, compromise ${compromiseLoad.toFixed(0)} ms`,
);
console.log(
  `per reply: rules (whole checkReply) ${time(() => checkReply(sample, ticket, delivery)).toFixed(3)} ms`,
);
console.log(
  `per reply: wink readDoc + entities ${time(() => nlp.readDoc(sample).entities().out()).toFixed(3)} ms`,
);
console.log(
  `per reply: compromise parse + dates ${time(() => compromise(sample).match('#Date').out('array'), 50).toFixed(3)} ms`,
);
