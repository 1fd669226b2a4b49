/** A problem between fields of a model's rules, as a zod custom issue takes it. */
export interface RuleIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

interface RulesInput {
  readonly behaviours: Record<string, { readonly resets?: true | readonly string[] | undefined }>;
  readonly groups?: Record<string, { readonly behaviours: readonly string[] }> | undefined;
}

/**
 * Every problem between the fields of a model's rules: a group or a reset list naming a behaviour
 * the model does not define, a behaviour listed in two groups (or twice in one).
 */
export function rulesIssues(model: RulesInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const known = (id: string): boolean => Object.hasOwn(model.behaviours, id);
  const owner = new Map<string, string>();
  for (const [name, group] of Object.entries(model.groups ?? {})) {
    group.behaviours.forEach((id, index) => {
      const path = ['groups', name, 'behaviours', index];
      if (!known(id)) {
        issues.push({
          path,
          message: `names behaviour ${JSON.stringify(id)}, which the model does not define; add it to behaviours or remove it from the group`,
        });
        return;
      }
      const first = owner.get(id);
      if (first !== undefined) {
        issues.push({
          path,
          message: `lists behaviour ${JSON.stringify(id)}, already in group ${JSON.stringify(first)}; a behaviour belongs to at most one group`,
        });
        return;
      }
      owner.set(id, name);
    });
  }
  for (const [id, behaviour] of Object.entries(model.behaviours)) {
    if (!Array.isArray(behaviour.resets)) continue;
    behaviour.resets.forEach((target: string, index: number) => {
      if (!known(target)) {
        issues.push({
          path: ['behaviours', id, 'resets', index],
          message: `names behaviour ${JSON.stringify(target)}, which the model does not define; list behaviours of the model or use true for all`,
        });
      }
    });
  }
  return issues;
}
