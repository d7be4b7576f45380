/** Restoring a revision is one undoable step: `plan.replace` and its inverse. */
import { describe, expect, it } from 'vitest';
import { HistoryManager } from '../../shared/edit/history';
import { applyEdit } from '../../shared/edit/operations';
import { examplePlan } from './export/plans';

describe('plan.replace', () => {
  it('replaces the whole plan; undo gives back the very plan it replaced, redo the restored one', () => {
    const current = examplePlan('quickstart');
    const restored = examplePlan('shanghai-hub');
    const history = new HistoryManager();
    const step = history.apply(current, { kind: 'plan.replace', plan: restored }, 'Restore revision 1');
    expect(step.plan).toBe(restored);
    expect(history.undoLabel).toBe('Restore revision 1');
    const undone = history.undo(step.plan)!;
    expect(undone.plan).toBe(current);
    expect(history.redo(undone.plan)!.plan).toBe(restored);
    expect(
      applyEdit(restored, applyEdit(current, { kind: 'plan.replace', plan: restored }).inverse).plan,
    ).toBe(current);
  });
});
