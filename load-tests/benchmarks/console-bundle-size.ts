import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '@mc/local-infra';

/**
 * The staff console's JavaScript after gzip: what the first load fetches (the
 * entry and its static imports) and what opening each screen adds (its lazy
 * chunk and the shared chunks the initial load did not already bring). Reads
 * Vite's manifest of the production build.
 *
 *   npm run build -w services/console && node tools/build.js load-tests && node dist/load-tests/benchmarks/console-bundle-size.js
 */
interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const DIST = path.join(repoRoot(), 'services/console/dist');

function main(): void {
  const manifestFile = path.join(DIST, '.vite/manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`no ${manifestFile}: run \`npm run build -w services/console\` first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, Chunk>;
  const gzipped = new Map<string, number>();
  const weigh = (file: string) => {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length);
    return gzipped.get(file) ?? 0;
  };
  /** A chunk's file and those of everything it imports statically. */
  const closure = (key: string, into = new Set<string>()): Set<string> => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return into;
    into.add(chunk.file);
    for (const imported of chunk.imports ?? []) closure(imported, into);
    return into;
  };
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + weigh(file), 0);

  const [entryKey] = Object.entries(manifest).find(([, chunk]) => chunk.isEntry) ?? [];
  if (!entryKey) throw new Error('no entry in the manifest');
  const initial = closure(entryKey);
  const initialBytes = sum(initial) + weigh('index.html');
  const lines = ['| what | gzip | in all |', '|---|---:|---:|', `| initial (index.html, entry and its static imports) | ${kb(initialBytes)} | ${kb(initialBytes)} |`];
  const screens = Object.entries(manifest)
    .filter(([key]) => key.includes('/components/') && key.endsWith('Page.tsx'))
    .map(([key]) => {
      const added = [...closure(key)].filter((file) => !initial.has(file));
      return { name: path.basename(key, '.tsx'), bytes: sum(added) };
    })
    .sort((a, b) => a.bytes - b.bytes);
  for (const screen of screens) lines.push(`| + ${screen.name} | +${kb(screen.bytes)} | ${kb(initialBytes + screen.bytes)} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
