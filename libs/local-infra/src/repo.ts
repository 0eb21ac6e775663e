import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, found from wherever this file runs (src under Jest, dist under node). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('nx.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export const serviceEntry = (service: string, script = 'main') =>
  path.join(repoRoot(), 'dist', 'services', service, 'src', `${script}.js`);
