import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import { formatBlindReport, loadBlindCorpus, scoreBlindCorpus } from '../../corpus/blind/score';

// Floors set from the measured figures (see the README's "Blind corpus" figures): a drop below
// them is a regression. They rise as the engine improves; they never fall to let a change pass.
const FLOORS = {
  classifier: 0.89,
  stepAccuracy: 0.97,
  precision: 0.9,
  recall: 0.93,
  criticalPrecision: 0.97,
  criticalRecall: 0.97,
  criticalAccuracy: 0.99,
  fullAdherenceKept: 0.95,
};

describe('the blind corpus (written from the playbooks alone by people who had not read the checker)', () => {
  const files = loadBlindCorpus();

  it('holds at least 150 replies and 60 tickets, each case judging every step of its playbook', () => {
    const cases = files.flatMap((file) => file.cases);
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(files.flatMap((file) => file.tickets).length).toBeGreaterThanOrEqual(60);
    for (const entry of cases) {
      const playbook = DEFAULT_PLAYBOOKS.find((candidate) => candidate.id === entry.expectPlaybook);
      expect(playbook, entry.id).toBeDefined();
      expect(Object.keys(entry.expect).sort(), entry.id).toEqual(
        playbook?.steps.map((step) => step.id).sort(),
      );
    }
  });

  it('keeps its precision, recall and accuracy above the floors', () => {
    const report = scoreBlindCorpus(files);
    console.log(formatBlindReport(report));
    expect(report.classifier.value).toBeGreaterThanOrEqual(FLOORS.classifier);
    expect(report.stepAccuracy.value).toBeGreaterThanOrEqual(FLOORS.stepAccuracy);
    expect(report.precision.value).toBeGreaterThanOrEqual(FLOORS.precision);
    expect(report.recall.value).toBeGreaterThanOrEqual(FLOORS.recall);
    expect(report.criticalPrecision.value).toBeGreaterThanOrEqual(FLOORS.criticalPrecision);
    expect(report.criticalRecall.value).toBeGreaterThanOrEqual(FLOORS.criticalRecall);
    expect(report.criticalAccuracy.value).toBeGreaterThanOrEqual(FLOORS.criticalAccuracy);
    expect(report.fullAdherenceKept.value).toBeGreaterThanOrEqual(FLOORS.fullAdherenceKept);
  });
});
