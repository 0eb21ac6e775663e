/**
 * Loaded with `node --require` into the processes the upload benchmark starts:
 * every 50 ms it appends the process's memory as V8 and Node count it (RSS,
 * V8 heap total and used, memory outside the heap, of which ArrayBuffers) to
 * MEMORY_PROBE_DIR/<pid>.log, so the benchmark can tell what an upload grows.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';

const directory = process.env.MEMORY_PROBE_DIR;
if (directory) {
  const file = path.join(directory, `${process.pid}.log`);
  setInterval(() => {
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    appendFileSync(file, `${Date.now()} ${rss} ${heapTotal} ${heapUsed} ${external} ${arrayBuffers}\n`);
  }, 50).unref();
}
