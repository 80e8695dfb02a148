/**
 * A fixed set of worker threads with a bounded queue, so that heavy work (analyses,
 * charts, PDFs, ZIPs, imports, exports) never runs on the event loop that serves
 * respondents. When every thread is busy and the queue is full, `run` refuses at once
 * with a 503 ("bezig, probeer het over een minuut opnieuw") instead of letting work pile
 * up. A thread that crashes or overruns its time is replaced; its task fails alone.
 */
import { Worker } from 'node:worker_threads';
import { ServiceUnavailableError } from '../errors.ts';
import { errorClasses, type TSerialisedError, type TTaskInput, type TTaskName, type TTaskOutput } from './tasks.ts';

export interface WorkerPoolOptions {
  /** Threads; the app's default is one per core (they run below the event loop: WORKER_NICE). */
  threads: number;
  /** Tasks waiting beyond the running ones before `run` refuses. */
  queue: number;
  /** A task running longer is stopped (its thread is replaced). */
  taskTimeoutMs: number;
}

/** A task failed inside its thread with an error that has no class of its own here. */
export class WorkerTaskError extends Error {
  override name = 'WorkerTaskError';
}

interface Job {
  id: number;
  name: TTaskName;
  input: unknown;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** Loaded and listening: a thread's start (tsx, the task modules) is not a task's time. */
  ready: boolean;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * How much nicer than the process each worker thread makes itself (worker.ts; at most
 * nice 19): the event loop that serves
 * respondents, and PostgreSQL, come first when they want a core a heavy task is using.
 */
export const WORKER_NICE = 10;

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly idle: (() => void)[] = [];
  private gateRunning = 0;
  private readonly gateWaiting: (() => void)[] = [];

  constructor(private readonly options: WorkerPoolOptions) {
    for (let i = 0; i < Math.max(1, options.threads); i++) this.slots.push(this.spawn());
  }

  /** Runs a task in a thread; rejects with ServiceUnavailableError when the queue is full. */
  run<N extends TTaskName>(name: N, input: TTaskInput<N>): Promise<Awaited<TTaskOutput<N>>> {
    if (this.closed) return Promise.reject(new ServiceUnavailableError('De server stopt; probeer het zo opnieuw.', 30));
    if (this.waiting.length >= this.options.queue) {
      return Promise.reject(
        new ServiceUnavailableError('De server is bezig met andere berekeningen. Probeer het over een minuut opnieuw.', 60),
      );
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, name, input, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /**
   * Runs a whole heavy job — reading its data from the database, then `run` — with at most
   * as many jobs under way as there are threads, and the same bounded queue (503 when
   * full). Without it, 20 analyses would each hold a database connection while loading
   * thousands of rows, and respondents would wait for a connection.
   */
  async gate<T>(job: () => Promise<T>): Promise<T> {
    if (this.gateRunning >= this.slots.length) {
      if (this.gateWaiting.length >= this.options.queue) {
        throw new ServiceUnavailableError('De server is bezig met andere berekeningen. Probeer het over een minuut opnieuw.', 60);
      }
      await new Promise<void>((resolve) => this.gateWaiting.push(resolve));
    } else this.gateRunning++;
    try {
      return await job();
    } finally {
      const next = this.gateWaiting.shift();
      if (next) next();
      else this.gateRunning--;
    }
  }

  /** Running and waiting tasks, for health output and tests. */
  stats(): { threads: number; running: number; waiting: number } {
    return { threads: this.slots.length, running: this.slots.filter((s) => s.job).length, waiting: this.waiting.length };
  }

  /** Lets running and queued tasks finish, then ends the threads. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.slots.some((s) => s.job) || this.waiting.length > 0) await new Promise<void>((r) => this.idle.push(r));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(BOOTSTRAP);
    // Threads never keep the process alive: closing the app decides that.
    worker.unref();
    const slot: Slot = { worker, ready: false, job: undefined, timer: undefined };
    worker.on('message', (message: { ready?: true; id: number; ok: boolean; result?: unknown; error?: TSerialisedError }) => {
      if (message.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      this.finish(slot);
      if (message.ok) job.resolve(message.result);
      else job.reject(rebuild(message.error!));
    });
    const fail = (error: Error) => {
      const job = slot.job;
      if (!slot.ready) {
        // The thread could not even start (a broken task module): waiting tasks would
        // wait forever, so they fail now, and the next start is tried a second later.
        for (const waiting of this.waiting.splice(0)) waiting.reject(error);
        clearTimeout(slot.timer);
        slot.worker.removeAllListeners();
        setTimeout(() => this.replace(slot), 1_000).unref();
        return;
      }
      this.replace(slot);
      job?.reject(error);
    };
    worker.on('error', (error) => fail(new WorkerTaskError(`worker thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => {
      if (this.slots.includes(slot) && !this.closed) fail(new WorkerTaskError(`worker thread exited with code ${code}`));
    });
    return slot;
  }

  private replace(slot: Slot): void {
    clearTimeout(slot.timer);
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (this.closed) {
      this.slots.splice(index, 1);
      slot.job = undefined;
      this.checkIdle();
      return;
    }
    this.slots[index] = this.spawn();
    this.dispatch();
  }

  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    this.dispatch();
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.waiting.length === 0 && this.slots.every((s) => !s.job)) for (const r of this.idle.splice(0)) r();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || !slot.ready) continue;
      const job = this.waiting.shift();
      if (!job) return;
      slot.job = job;
      slot.timer = setTimeout(() => {
        const timedOut = slot.job;
        this.replace(slot);
        timedOut?.reject(new WorkerTaskError(`task ${timedOut.name} ran longer than ${this.options.taskTimeoutMs} ms`));
      }, this.options.taskTimeoutMs);
      slot.timer.unref();
      slot.worker.postMessage({ id: job.id, name: job.name, input: job.input });
    }
  }
}

function rebuild(error: TSerialisedError): Error {
  const build = errorClasses[error.name];
  return build ? build(error) : new WorkerTaskError(`${error.name}: ${error.message}`);
}
