// Entry of each worker thread. Plain JavaScript so that it loads in any Node process
// (`npm start` runs under tsx, vitest does not): registers tsx, then loads worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
