/**
 * The worker pool (server/workers/) for the app: `app.runInWorker(name, input)` runs a
 * task off the event loop; `app.waveResults` caches results per wave until its data
 * changes. The pool is closed (running tasks finish) when the app closes.
 */
import fp from 'fastify-plugin';
import { WorkerPool } from '../workers/pool.ts';
import type { TTaskInput, TTaskName, TTaskOutput } from '../workers/tasks.ts';
import { WaveResultCache } from '../workers/wave-cache.ts';

declare module 'fastify' {
  interface FastifyInstance {
    runInWorker<N extends TTaskName>(name: N, input: TTaskInput<N>): Promise<Awaited<TTaskOutput<N>>>;
    workerPool: WorkerPool;
    waveResults: WaveResultCache;
  }
}

export interface WorkersPluginOptions {
  threads: number;
  queue: number;
  taskTimeoutMs?: number;
}

export default fp<WorkersPluginOptions>(
  async (app, options) => {
    const pool = new WorkerPool({
      threads: options.threads,
      queue: options.queue,
      taskTimeoutMs: options.taskTimeoutMs ?? 120_000,
    });
    app.decorate('workerPool', pool);
    app.decorate('runInWorker', <N extends TTaskName>(name: N, input: TTaskInput<N>) => pool.run(name, input));
    app.decorate('waveResults', new WaveResultCache());
    app.addHook('onClose', async () => pool.close());
  },
  { name: 'workers' },
);
