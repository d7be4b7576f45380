/**
 * The repository stands alone: a fresh clone with nothing beside it must pass its tests, so no
 * test, benchmark, script or README command may read a path outside the repository. .ci/run runs
 * the suites from a copy of the clone with no sibling folders (the real thing); this test names
 * the offending line at once, also for paths that happen to exist on a developer's machine.
 *
 * Checked: every string literal starting with `../` in the code (resolved from its file's folder),
 * every `../` word in the README's and .ci's shell commands (resolved from the repository root,
 * where they are run), and absolute paths into a team folder (`/work/...`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Folders git ignores (build output such as dist-cli/, installs) are not the repository's content. */
const SKIP = new Set([
  '.git',
  ...readFileSync(join(ROOT, '.gitignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/\/$/, ''))
    .filter((line) => /^[\w.-]+$/.test(line)),
]);
const CODE = /\.(ts|mts|js|mjs|cjs|svelte|json|sh)$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name === 'package-lock.json') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (CODE.test(name) || dir === join(ROOT, '.ci')) yield path;
  }
}

const outside = (from: string, path: string): boolean => {
  const target = relative(ROOT, resolve(from, path));
  return target === '..' || target.startsWith(`..${sep}`);
};

/** `file:line: text` for each reference that leaves the repository. */
export function referencesOutside(file: string, text: string, base: string, shell: boolean): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    const where = `${relative(ROOT, file)}:${index + 1}: `;
    const paths = shell
      ? [...line.matchAll(/(?:^|[\s='"(])(\.\.\/[^\s'"`)]*)/g)].map((m) => m[1]!)
      : [...line.matchAll(/['"`](\.\.\/[^'"`$\s]*)/g)].map((m) => m[1]!);
    for (const path of paths) if (outside(base, path)) found.push(`${where}${path}`);
    if (/['"`\s]\/work\//.test(line)) found.push(`${where}${line.trim()}`);
  });
  return found;
}

describe('the repository stands alone', () => {
  it('no code, test, benchmark or script refers to a path outside the repository', () => {
    const self = fileURLToPath(import.meta.url);
    const found = [...files(ROOT)]
      .filter((file) => file !== self)
      .flatMap((file) =>
        referencesOutside(file, readFileSync(file, 'utf8'), dirname(file), file.includes(`${sep}.ci${sep}`)),
      );
    expect(found).toEqual([]);
  });

  it('no README command refers to a path outside the repository', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const commands = [...readme.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .join('\n');
    expect(commands).toContain('npx peerplan check shared/examples/quickstart.json');
    expect(referencesOutside(join(ROOT, 'README.md'), commands, ROOT, true)).toEqual([]);
  });

  it('catches what it is for (near misses pass)', () => {
    const file = join(ROOT, 'test', 'shared', 'x.test.ts');
    expect(
      referencesOutside(file, "new URL('../../../shared/examples/', import.meta.url)", dirname(file), false),
    ).toHaveLength(1);
    expect(
      referencesOutside(file, "new URL('../../shared/examples/', import.meta.url)", dirname(file), false),
    ).toEqual([]);
    expect(
      referencesOutside(file, "const dir = '/work/shared/examples';", dirname(file), false),
    ).toHaveLength(1);
    expect(
      referencesOutside(ROOT, 'npx peerplan check ../shared/examples/quickstart.json', ROOT, true),
    ).toHaveLength(1);
    expect(referencesOutside(ROOT, 'npx peerplan check shared/examples/quickstart.json', ROOT, true)).toEqual(
      [],
    );
  });
});
