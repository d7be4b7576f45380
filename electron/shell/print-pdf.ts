/**
 * Print… in the desktop app: the HTML report laid out by Chromium in a hidden window and printed
 * to PDF (`webContents.printToPDF`). The window runs no script (the report has none), has no
 * preload, and may not navigate; the report is loaded from a temporary file, not a data URL, so
 * a report of megabytes loads too.
 */
import { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'peerplan-print-'));
  const file = join(dir, 'report.html');
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  try {
    await writeFile(file, html, 'utf8');
    await window.loadFile(file);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
