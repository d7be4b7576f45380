/**
 * The CCN request and response interfaces of the Tencent Cloud SDK, read from the verbatim excerpt
 * in test/fixtures/tencent-sdk: for each interface, its fields with their declared type and whether
 * they are required (no `?`). The API sequence and import tests check their field names against it.
 */
import { readFileSync } from 'node:fs';

export interface SdkField {
  readonly type: string;
  readonly required: boolean;
}

const EXCERPT = new URL('../../fixtures/tencent-sdk/vpc_models.ccn.ts.txt', import.meta.url);

export function sdkModels(): ReadonlyMap<string, ReadonlyMap<string, SdkField>> {
  const text = readFileSync(EXCERPT, 'utf8');
  const models = new Map<string, Map<string, SdkField>>();
  for (const match of text.matchAll(/^export interface (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const fields = new Map<string, SdkField>();
    for (const field of match[2]!.matchAll(/^ {2}(\w+)(\??): (.+)$/gm)) {
      fields.set(field[1]!, { type: field[3]!.trim(), required: field[2] === '' });
    }
    models.set(match[1]!, fields);
  }
  return models;
}
