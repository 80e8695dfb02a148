/**
 * The workspace for researchers, managers and admins, under /werkruimte. Each area
 * registers its own route file here with one line; every page checks access through
 * auth/access.ts. Errors here are pages, not JSON: nobody logged in → a redirect to
 * /inloggen?terug=<this page>; 403/404/5xx → a Dutch (or English) error page in the frame.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../auth/access.ts';
import { describeError } from '../../plugins/error-handler.ts';
import { renderWorkspaceError } from '../../views/workspace/errors.ts';
import account from './account.ts';
import audit from './audit.ts';
import compare from './compare.ts';
import data from './data.ts';
import home from './home.ts';
import monitor from './monitor.ts';
import programmes from './programmes.ts';
import openAnswers from './open-answers.ts';
import results from './results.ts';
import users from './users.ts';
import waves from './waves.ts';

const workspace: FastifyPluginAsyncZod = async (app) => {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = describeError(error as Error & { statusCode?: number }, request);
    if (status === 401) {
      const terug = encodeURIComponent(request.method === 'GET' ? request.url : '/werkruimte');
      return reply.redirect(`/inloggen?terug=${terug}${request.sessionExpired ? '&verlopen=1' : ''}`, 303);
    }
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderWorkspaceError(request, status, body));
  });
  app.setNotFoundHandler(async (request, reply) => {
    // Nobody logged in → the login page, as for any other workspace page.
    requirePrincipal(request);
    return reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(renderWorkspaceError(request, 404, { message: 'Niet gevonden.', requestId: String(request.id) }));
  });
  // Every workspace page needs someone logged in; the pages still check role and membership.
  // Before validation: a visitor who is not logged in learns nothing from a 400 about
  // the shape of a URL, and is sent to the login instead.
  app.addHook('preValidation', async (request) => {
    requirePrincipal(request);
  });

  await app.register(home);
  await app.register(account);
  await app.register(users);
  await app.register(audit);
  await app.register(programmes);
  await app.register(waves);
  await app.register(monitor);
  await app.register(compare);
  await app.register(openAnswers);
  await app.register(results);
  await app.register(data);
};

export default workspace;
