/** Human names for playbook and step ids, from the playbooks in force. Ids stand in when unknown. */
export interface PlaybookLabels {
  playbook(id: string): string;
  step(playbookId: string, stepId: string): string;
}

export interface NamedPlaybook {
  id: string;
  name: string;
  steps: readonly { id: string; title: string }[];
}

export function labelsFrom(playbooks: readonly NamedPlaybook[]): PlaybookLabels {
  const byId = new Map(playbooks.map((p) => [p.id, p]));
  return {
    playbook: (id) => byId.get(id)?.name || id,
    step: (playbookId, stepId) => byId.get(playbookId)?.steps.find((s) => s.id === stepId)?.title || stepId,
  };
}
