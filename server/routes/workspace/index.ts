/**
 * The workspace for researchers, managers and admins, under /werkruimte. Each area
 * registers its own route file here with one line; every page checks access through
 * auth/access.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import monitor from './monitor.ts';
import programmes from './programmes.ts';
import waves from './waves.ts';

const workspace: FastifyPluginAsyncZod = async (app) => {
  // Areas register here, e.g.: await app.register(results);
  await app.register(programmes);
  await app.register(waves);
  await app.register(monitor);
};

export default workspace;
