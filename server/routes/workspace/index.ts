/**
 * The workspace for researchers, managers and admins, under /werkruimte. Each area
 * registers its own route file here with one line; every page checks access through
 * auth/access.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const workspace: FastifyPluginAsyncZod = async (_app) => {
  // Areas register here, e.g.: await app.register(results);
};

export default workspace;
