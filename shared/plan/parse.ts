/**
 * Reading a `peerplan/1` plan file: text in, a normalised plan or one clear error out.
 *
 * The happy path is fast: `JSON.parse`, then the zod schema, then the normaliser. Only when
 * something is wrong do we parse the text a second time with jsonc-parser, which keeps offsets,
 * to say where: the line and column of a JSON syntax error, and for a schema error the JSON path
 * (`vpcs[3].subnets[0].cidr`) together with the line and column of the offending value (or of
 * the object that lacks a required field).
 *
 * A file that is not JSON, has the wrong `format`, a wrong type, a missing required field or an
 * unknown field is refused as a whole (plan-format.md, "Errors"); everything else loads and is
 * reported as a finding by the rules.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError as JsonParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { isPlanFileShape } from './fast-shape';
import { firstTooDeep, MAX_JSON_DEPTH } from './limits';
import { PLAN_FORMAT } from './model';
import type { Plan } from './model';
import { normalizePlan } from './normalize';
import { planFileSchema } from './schema';

export interface PlanError {
  /** What is wrong, for people (without the path or position: `formatPlanError` adds them). */
  readonly message: string;
  /** The JSON path of the offending value, e.g. `vpcs[3].subnets[0].cidr`; absent for syntax errors. */
  readonly path?: string;
  /** 1-based line of the offending text, when it can be located. */
  readonly line?: number;
  /** 1-based column of the offending text, when it can be located. */
  readonly column?: number;
}

export type ParseResult =
  { readonly ok: true; readonly plan: Plan } | { readonly ok: false; readonly error: PlanError };

export interface ParseOptions {
  /** `YYYY-MM-DD`: the default `asOf` when the file has none. */
  readonly today: string;
}

/** A JSON escape of a UTF-16 surrogate: the only way a lone one gets into parsed text. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

const JSONC_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

export function parsePlanText(text: string, options: ParseOptions): ParseResult {
  // A UTF-8 byte order mark is not JSON, but editors write it; accept it silently.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (cause) {
    return { ok: false, error: tooDeep(source) ?? locateSyntaxError(source, cause) };
  }
  const formatError = checkFormat(value);
  if (formatError) return { ok: false, error: tooDeep(source) ?? withPosition(source, formatError) };
  // The fast path: a value that certainly fits the schema is normalised as it is, without the
  // copy zod would build. Anything else goes through zod, which words the error.
  const owned = { today: options.today, adoptFileObjects: true };
  if (!SURROGATE_ESCAPE.test(source) && isPlanFileShape(value)) {
    return { ok: true, plan: normalizePlan(value, owned) };
  }
  const checked = planFileSchema.safeParse(value);
  if (!checked.success) {
    return { ok: false, error: tooDeep(source) ?? describeSchemaIssues(source, checked.error.issues) };
  }
  return { ok: true, plan: normalizePlan(checked.data, owned) };
}

/** One line: `FILE:LINE:COL: path: message` (the parts that are known). */
export function formatPlanError(fileName: string, error: PlanError): string {
  let where = fileName;
  if (error.line !== undefined) where += `:${error.line}`;
  if (error.line !== undefined && error.column !== undefined) where += `:${error.column}`;
  const path = error.path !== undefined && error.path !== '' ? `${error.path}: ` : '';
  return `${where}: ${path}${oneLine(error.message)}`;
}

/**
 * Text nested deeper than any plan (MAX_JSON_DEPTH) is refused before the error is located: the
 * parser that finds lines and paths (jsonc-parser) recurses and would overflow the stack. Only
 * files that are wrong anyway get this scan, so a good file pays nothing for it.
 */
function tooDeep(text: string): PlanError | null {
  const offset = firstTooDeep(text, MAX_JSON_DEPTH);
  if (offset < 0) return null;
  return {
    message: `nested more than ${MAX_JSON_DEPTH} levels deep: not a plan file`,
    ...lineAndColumn(text, offset),
  };
}

// ---------------------------------------------------------------------------------------------
// Paths

type PathSegment = string | number;

/** `vpcs[3].subnets[0].cidr`; keys that are not plain identifiers are quoted: `a["b c"]`. */
export function formatJsonPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Syntax errors

function locateSyntaxError(text: string, cause: unknown): PlanError {
  const errors: JsonParseError[] = [];
  parseTree(text, errors, JSONC_OPTIONS);
  const first = errors[0];
  if (first) {
    const { line, column } = lineAndColumn(text, first.offset);
    const trailingComma =
      /,\s*$/.test(text.slice(0, first.offset)) && /^[}\]]/.test(text.slice(first.offset));
    const detail = trailingComma ? 'trailing comma' : describeJsonErrorCode(printParseErrorCode(first.error));
    return { message: `JSON syntax error: ${detail}`, line, column };
  }
  // jsonc-parser accepted what JSON.parse refused (rare: e.g. a lone surrogate); keep the engine's words.
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { message: `JSON syntax error: ${detail}` };
}

function describeJsonErrorCode(code: string): string {
  // `PropertyNameExpected` -> `property name expected`
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Schema errors

interface PendingError {
  readonly message: string;
  readonly path: readonly PathSegment[];
  /** The error is about a key (an unknown field): point at the key rather than its value. */
  readonly atKey?: boolean;
}

/** The `format` field first: a file of another format gets one clear sentence, not a list of issues. */
function checkFormat(value: unknown): PendingError | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      message: `expected a plan object {"format": "${PLAN_FORMAT}", ...}, got ${describeValue(value)}`,
      path: [],
    };
  }
  if (!('format' in value)) {
    return { message: `missing required field (expected "${PLAN_FORMAT}")`, path: ['format'] };
  }
  const format = (value as { format: unknown }).format;
  if (format !== PLAN_FORMAT) {
    return {
      message: `expected "${PLAN_FORMAT}", got ${describeValue(format)}: this file is not a Peerplan plan of format 1`,
      path: ['format'],
    };
  }
  return null;
}

function describeSchemaIssues(text: string, issues: readonly z.core.$ZodIssue[]): PlanError {
  const tree = parseTree(text, [], JSONC_OPTIONS);
  const pending = issues.flatMap((issue) => toPendingErrors(issue, tree));
  // Report the problem that comes first in the file: that is where a reader starts fixing.
  let best: PlanError | null = null;
  let bestOffset = Infinity;
  for (const candidate of pending) {
    const { offset, error } = locate(text, tree, candidate);
    if (offset < bestOffset) {
      best = error;
      bestOffset = offset;
    }
  }
  const chosen = best ?? { message: 'the file does not match the plan format' };
  const more = pending.length - 1;
  return more > 0
    ? { ...chosen, message: `${chosen.message} (and ${more} more problem${more === 1 ? '' : 's'})` }
    : chosen;
}

function toPendingErrors(issue: z.core.$ZodIssue, tree: JsonNode | undefined): PendingError[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        message: `unknown field "${key}" (a typo? the plan format has no such field here)`,
        path: [...path, key],
        atKey: true,
      }));
    case 'invalid_type': {
      const present = tree !== undefined && findNodeAtLocation(tree, path) !== undefined;
      if (!present) return [{ message: `missing required field (expected ${issue.expected})`, path }];
      const actual = tree ? describeNode(findNodeAtLocation(tree, path)) : 'another type';
      return [{ message: `wrong type: expected ${issue.expected}, got ${actual}`, path }];
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const actual = tree ? describeNode(findNodeAtLocation(tree, path)) : 'another value';
      return [
        { message: `expected ${issue.values.length === 1 ? '' : 'one of '}${allowed}, got ${actual}`, path },
      ];
    }
    case 'invalid_union':
      return [{ message: 'a value of none of the allowed shapes', path }];
    default: {
      // A format or range check (a date, an offset, a negative number): show the value too.
      const node = tree ? findNodeAtLocation(tree, path) : undefined;
      const shown =
        node && node.type !== 'object' && node.type !== 'array' ? `, got ${describeNode(node)}` : '';
      return [{ message: `${issue.message}${shown}`, path }];
    }
  }
}

function locate(
  text: string,
  tree: JsonNode | undefined,
  candidate: PendingError,
): { offset: number; error: PlanError } {
  const path = formatJsonPath(candidate.path);
  // The node itself, or (for a missing field) the nearest ancestor that exists.
  let node: JsonNode | undefined;
  for (let depth = candidate.path.length; tree && depth >= 0 && !node; depth--) {
    node = findNodeAtLocation(tree, candidate.path.slice(0, depth) as PathSegment[]);
  }
  if (!node) return { offset: Infinity, error: { message: candidate.message, path } };
  // An unknown field: the value node's parent is the property, whose first child is the key.
  const target =
    candidate.atKey && node.parent?.type === 'property' ? (node.parent.children?.[0] ?? node) : node;
  const { line, column } = lineAndColumn(text, target.offset);
  return { offset: target.offset, error: { message: candidate.message, path, line, column } };
}

function withPosition(text: string, pending: PendingError): PlanError {
  const tree = parseTree(text, [], JSONC_OPTIONS);
  return locate(text, tree, pending).error;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function describeNode(node: JsonNode | undefined): string {
  if (!node) return 'nothing';
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    default:
      return describeValue(node.value);
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined) return 'nothing';
  return `${typeof value} ${String(value)}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}
