/**
 * Memory stays flat while hundreds of charts are rendered. @napi-rs/canvas frees a
 * chart's native pixel buffers only on a later turn of the event loop; a loop that does
 * not yield between charts grew by ~17 MB per PNG + SVG pair (8 GB over 400 pairs).
 * Measured in a child process (memory.child.ts), in this thread and in a worker thread.
 * The bounds are generous (room for Skia's caches and the allocator) but far below what
 * the leak gave: 150 pairs of unbounded growth would be ~2.5 GB.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface TResult {
  chartsPerFolder: number;
  pairsInThread: number;
  pairsInPool: number;
  samples: { threadWarm: number; threadEnd: number; threadZip: number; poolWarm: number; poolEnd: number };
  maxRss: number;
}

describe('memory while rendering many charts', { timeout: 600_000 }, () => {
  it('stays flat over hundreds of PNG + SVG pairs, in a thread and in the worker pool', () => {
    const child = path.resolve(import.meta.dirname, 'memory.child.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', child, '200', '10'], {
      encoding: 'utf8',
      cwd: path.resolve(import.meta.dirname, '../../..'),
      timeout: 590_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as TResult;
    const { samples } = result;
    expect(result.pairsInThread).toBeGreaterThanOrEqual(200);
    expect(result.pairsInPool).toBeGreaterThanOrEqual(100);
    // From a quarter of the way to the end: 150 pairs in this thread, ~110 in the pool.
    expect(samples.threadEnd - samples.threadWarm).toBeLessThan(150);
    expect(samples.threadZip - samples.threadWarm).toBeLessThan(150);
    expect(samples.poolEnd - samples.poolWarm).toBeLessThan(150);
    // The whole run, main thread and worker thread together, canvas and fonts loaded twice.
    expect(result.maxRss).toBeLessThan(1_200);
  });
});
