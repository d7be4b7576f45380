/**
 * A quick fix: a labelled edit (one undoable step, as the editor applies it) and what it did,
 * said to the user afterwards ("Added 2 routes: …").
 */
import type { LabelledEdit } from '../edit/workflow';

export interface QuickFix extends LabelledEdit {
  /** Past tense, with names: the status line after applying it. */
  readonly done: string;
}
