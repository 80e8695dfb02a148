/**
 * The body of one worker thread: runs the named task on the input it is sent and posts
 * the result back, transferring any ArrayBuffer it holds. One task at a time per thread.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { WORKER_NICE } from './pool.ts';
import { tasks, type TSerialisedError, type TTaskName } from './tasks.ts';

interface TRequest {
  id: number;
  name: TTaskName;
  input: unknown;
}

/** ArrayBuffers in the result (a PDF, a ZIP): moved to the caller instead of copied. */
function transferables(value: unknown, found: Set<ArrayBuffer>, depth = 0): Set<ArrayBuffer> {
  if (depth > 4 || value === null || typeof value !== 'object') return found;
  if (value instanceof ArrayBuffer) found.add(value);
  else if (ArrayBuffer.isView(value)) {
    // A view over the whole buffer only: Node's pooled small Buffers share one slab.
    if (value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength)
      found.add(value.buffer);
  } else if (Array.isArray(value)) for (const v of value.slice(0, 1000)) transferables(v, found, depth + 1);
  else for (const v of Object.values(value)) transferables(v, found, depth + 1);
  return found;
}

function serialise(error: unknown): TSerialisedError {
  if (error instanceof Error) {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(error)) if (typeof v !== 'function') fields[k] = v;
    return { name: error.name, message: error.message, fields: structuredClone(fields) };
  }
  return { name: 'Error', message: String(error), fields: {} };
}

parentPort!.on('message', async (request: TRequest) => {
  try {
    const task = tasks[request.name] as (input: unknown) => unknown;
    const result = await task(request.input);
    parentPort!.postMessage({ id: request.id, ok: true, result }, [...transferables(result, new Set())]);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, ok: false, error: serialise(error) });
  }
});

/**
 * This thread runs below the rest of the process (WORKER_NICE steps nicer): when a heavy task and the
 * event loop that serves respondents (or PostgreSQL) want the same core, they get it
 * first. That is what lets the pool have a thread per core. Linux keeps a nice value per
 * thread, addressed by the thread's id; elsewhere the thread keeps its priority.
 */
function runBelowTheEventLoop(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + WORKER_NICE));
  } catch {
    // Not Linux (no /proc/thread-self), or not allowed: the thread runs at normal priority.
  }
}

runBelowTheEventLoop();
parentPort!.postMessage({ ready: true });
