/**
 * Native open and save dialogs for the handlers (`NativeFiles`). The renderer may write only where
 * the user pointed a save dialog in this session: a path it names itself is refused, so a hostile
 * plan that somehow ran script still could not write ~/.bashrc.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { NativeFiles } from '../handlers';
import { ApiFailure } from '../ipc/api-failure';

const MAX_PLAN_BYTES = 64 * 1024 * 1024;

interface FileFilter {
  name: string;
  extensions: string[];
}

/** The parts of Electron's `dialog` used here (bound to the window by the caller). */
export interface Dialogs {
  showSaveDialog(options: { title?: string; defaultPath?: string; filters?: FileFilter[] }): Promise<{
    canceled: boolean;
    filePath?: string;
  }>;
  showOpenDialog(options: { title?: string; filters?: FileFilter[]; properties?: 'openFile'[] }): Promise<{
    canceled: boolean;
    filePaths: string[];
  }>;
}

function filtersFor(fileName: string): FileFilter[] {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1) : '';
  return extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [];
}

/** Renders an HTML document to PDF bytes (Electron: a hidden window's printToPDF). */
export type PrintToPdf = (html: string) => Promise<Uint8Array>;

export function createNativeFiles(dialogs: Dialogs, printToPdf?: PrintToPdf): NativeFiles {
  const chosen = new Set<string>();

  async function choose(title: string, suggestedName: string, path?: string): Promise<string | null> {
    if (path !== undefined) {
      const absolute = resolve(path);
      if (!chosen.has(absolute)) {
        throw new ApiFailure({
          code: 'FORBIDDEN',
          message: `${path}: Peerplan writes only to files chosen in a save dialog.`,
        });
      }
      return absolute;
    }
    const answer = await dialogs.showSaveDialog({
      title,
      defaultPath: suggestedName,
      filters: filtersFor(suggestedName),
    });
    if (answer.canceled || !answer.filePath) return null;
    const absolute = resolve(answer.filePath);
    chosen.add(absolute);
    return absolute;
  }

  return {
    async saveText(suggestedName, text, path) {
      const target = await choose('Export', suggestedName, path);
      if (target === null) return null;
      await writeFile(target, text, 'utf8');
      return target;
    },
    async saveBytes(suggestedName, bytes, path) {
      const target = await choose('Export', suggestedName, path);
      if (target === null) return null;
      await writeFile(target, bytes);
      return target;
    },
    async savePdf(suggestedName, html) {
      if (!printToPdf) {
        throw new ApiFailure({ code: 'UNSUPPORTED', message: 'Printing to PDF is not available here.' });
      }
      const target = await choose('Save as PDF', suggestedName);
      if (target === null) return null;
      await writeFile(target, await printToPdf(html));
      return target;
    },
    async openText(title) {
      const answer = await dialogs.showOpenDialog({
        title: title ?? 'Import plan',
        filters: [{ name: 'Plan files', extensions: ['json'] }],
        properties: ['openFile'],
      });
      const file = answer.filePaths[0];
      if (answer.canceled || !file) return null;
      if ((await stat(file)).size > MAX_PLAN_BYTES) {
        throw new ApiFailure({ code: 'TOO_LARGE', message: `${file}: larger than 64 MiB, not a plan file.` });
      }
      return { fileName: basename(file), text: await readFile(file, 'utf8') };
    },
    libraryCopyPath(path) {
      return choose('Save a copy of the library', 'Peerplan library copy.peerplan.sqlite', path);
    },
  };
}
