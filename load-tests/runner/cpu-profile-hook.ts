/**
 * Loaded with NODE_OPTIONS=--require (node refuses --cpu-prof there): profiles
 * a service process from start to exit, like `node --cpu-prof`, and writes
 * `<service>-<pid>.cpuprofile` into LOAD_CPU_PROF_DIR when it exits.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const service = /dist\/services\/([a-z]+)\/src\/main\.js/.exec(process.argv.join(' '))?.[1];
const dir = process.env.LOAD_CPU_PROF_DIR;
if (service && dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1_000 });
  session.post('Profiler.start');
  process.once('exit', () => {
    // On the main thread the inspector answers synchronously, so this runs to the end before the process goes.
    session.post('Profiler.stop', (error, result) => {
      if (error || !result) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${service}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
