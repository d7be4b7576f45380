/**
 * Every export format in one table, for each caller: the command line's `--to`, and the app's
 * export menu and save dialog (label, file extension, media type). Each writer is a pure function
 * of the plan.
 */
import type { Plan } from '../plan/model';
import { exportApiSequence } from './api-sequence';
import { exportPlanJson } from './plan-json';
import { exportHtmlReport } from './report-html';
import { exportMarkdownReport } from './report-markdown';
import { exportRouteCsv } from './route-csv';
import { exportTerraform } from './terraform';

export type ExportFormatId = 'md' | 'html' | 'csv' | 'tf' | 'api' | 'json';

export interface ExportFormat {
  readonly id: ExportFormatId;
  /** For a menu: what the file is. */
  readonly label: string;
  /** Suggested file name ending, with its dot. */
  readonly extension: string;
  readonly mediaType: string;
  readonly write: (plan: Plan) => string;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'md',
    label: 'Review report (Markdown)',
    extension: '.md',
    mediaType: 'text/markdown',
    write: exportMarkdownReport,
  },
  {
    id: 'html',
    label: 'Review report (HTML)',
    extension: '.html',
    mediaType: 'text/html',
    write: exportHtmlReport,
  },
  {
    id: 'csv',
    label: 'Route tables (CSV)',
    extension: '.csv',
    mediaType: 'text/csv',
    write: (plan) => exportRouteCsv(plan),
  },
  {
    id: 'tf',
    label: 'Terraform (tencentcloud)',
    extension: '.tf',
    mediaType: 'text/plain',
    write: (plan) => exportTerraform(plan),
  },
  {
    id: 'api',
    label: 'Tencent Cloud API call sequence (JSON)',
    extension: '.api.json',
    mediaType: 'application/json',
    write: exportApiSequence,
  },
  {
    id: 'json',
    label: 'Plan file (JSON)',
    extension: '.json',
    mediaType: 'application/json',
    write: exportPlanJson,
  },
];

export function findExportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((format) => format.id === id);
}
