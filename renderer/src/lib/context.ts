/**
 * Typed contexts: the App creates the stateful services once and components read them here.
 */
import { createContext } from 'svelte';
import type { EditorState } from './editor.svelte';
import type { LibraryState } from './library.svelte';
import type { UiState } from './ui.svelte';
import type { Commands } from './commands.svelte';
import type { ReviewState } from './review.svelte';
import type { MigrationState } from './migration.svelte';

export const [getEditor, setEditor] = createContext<EditorState>();
export const [getLibrary, setLibrary] = createContext<LibraryState>();
export const [getUi, setUi] = createContext<UiState>();
export const [getCommands, setCommands] = createContext<Commands>();
export const [getReview, setReview] = createContext<ReviewState>();
export const [getMigration, setMigration] = createContext<MigrationState>();
