/**
 * Applying a quick fix from any view: one undoable step, then what it did in the status line
 * ("Added 2 routes: …"). The fixes themselves come from shared/fix, the same for every view.
 */
import type { QuickFix } from '../../../shared/fix/quick-fix';
import type { EditorState } from './editor.svelte';

export function applyQuickFix(editor: EditorState, fix: QuickFix): boolean {
  const applied = editor.apply(fix);
  if (applied) editor.notice = { text: fix.done, tone: 'info' };
  return applied;
}
