/**
 * The worker pool: real threads, real tasks. Results come back (typed arrays moved, not
 * copied), a full queue refuses with a 503, a crashing or overrunning task fails alone and
 * its thread is replaced, errors keep their class.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisInputError } from '../../../analysis/index.ts';
import { ServiceUnavailableError } from '../../../server/errors.ts';
import { WORKER_NICE, WorkerPool, WorkerTaskError } from '../../../server/workers/pool.ts';

describe('WorkerPool', () => {
  const pool = new WorkerPool({ threads: 1, queue: 2, taskTimeoutMs: 3_000 });
  afterAll(() => pool.close());

  it('runs a task in a thread and returns its result, bytes included', async () => {
    const result = await pool.run('probe', { ms: 5, bytes: 1_000_000 });
    expect(result.threadDone).toBe(true);
    expect(result.bytes).toBeInstanceOf(Uint8Array);
    expect(result.bytes.length).toBe(1_000_000);
    expect(result.bytes[999_999]).toBe(7);
  });

  it('keeps the event loop free while a task runs', async () => {
    const task = pool.run('probe', { ms: 400 });
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 20));
    // A timer of 20 ms fires on time although 400 ms of work is under way.
    expect(Date.now() - started).toBeLessThan(200);
    await task;
  });

  it('runs its threads below the event loop: the nice value of each is WORKER_NICE higher', async () => {
    await pool.run('probe', { ms: 1 });
    // /proc/self/task/<tid>/stat: the 19th field is the nice value (fields counted after the name).
    const nice = (tid: string) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const own = getPriority();
    expect(nice(String(process.pid))).toBe(own);
    const lowered = readdirSync('/proc/self/task').filter((tid) => nice(tid) === Math.min(19, own + WORKER_NICE));
    // This file's pool has one thread; vitest's own threads run at the process's priority.
    expect(lowered.length).toBeGreaterThanOrEqual(1);
    expect(WORKER_NICE).toBeGreaterThan(0);
  });

  it('refuses with a 503 once one runs and the queue of two is full', async () => {
    const running = [pool.run('probe', { ms: 300 }), pool.run('probe', { ms: 10 }), pool.run('probe', { ms: 10 })];
    const refused = pool.run('probe', { ms: 10 });
    await expect(refused).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(refused).rejects.toMatchObject({ statusCode: 503, retryAfterSeconds: 60 });
    await Promise.all(running);
    expect(pool.stats()).toEqual({ threads: 1, running: 0, waiting: 0 });
  });

  it('rebuilds known error classes, and survives a crashing thread', async () => {
    await expect(pool.run('probe', { ms: 0, fail: 'throw' })).rejects.toBeInstanceOf(AnalysisInputError);
    await expect(pool.run('probe', { ms: 0, fail: 'crash' })).rejects.toBeInstanceOf(WorkerTaskError);
    expect((await pool.run('probe', { ms: 1 })).threadDone).toBe(true);
  });

  it('stops a task that runs over its time and goes on with the next', async () => {
    await expect(pool.run('probe', { ms: 5_000 })).rejects.toThrow(/ran longer than 3000 ms/);
    expect((await pool.run('probe', { ms: 1 })).threadDone).toBe(true);
  }, 15_000);
});
