/**
 * The JSON API: questionnaire definitions (public), and the researchers' routes (export,
 * analysis), each of which checks role and programme membership (auth/access.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../auth/access.ts';
import questionnaires from './questionnaires.ts';
import progress from './progress.ts';
import comparison from './comparison.ts';
import comparisonCharts from './comparison-charts.ts';
import openAnswers from './open-answers.ts';
import reports from './reports.ts';
import research from './research.ts';

const api: FastifyPluginAsyncZod = async (app) => {
  await app.register(questionnaires);
  // Staff routes: nobody logged in gets 401 before anything else, even before a 400 for
  // a malformed id or query. Each route still checks role and membership itself.
  await app.register(async (staff) => {
    staff.addHook('preValidation', async (request) => {
      requirePrincipal(request);
    });
    await staff.register(research);
    await staff.register(progress);
    await staff.register(comparison);
    await staff.register(comparisonCharts);
    await staff.register(openAnswers);
    await staff.register(reports);
  });
};

export default api;
