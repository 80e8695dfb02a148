/**
 * The workspace for researchers, managers and admins, under /werkruimte. Each area
 * registers its own route file here with one line; every page checks access through
 * auth/access.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import data from './data.ts';

const workspace: FastifyPluginAsyncZod = async (app) => {
  // Areas register here, e.g.: await app.register(results);
  await app.register(data);
};

export default workspace;
