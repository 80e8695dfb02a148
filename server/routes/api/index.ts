/**
 * The JSON API: questionnaire definitions (public), and the researchers' routes (export,
 * analysis), each of which checks role and programme membership (auth/access.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import questionnaires from './questionnaires.ts';
import progress from './progress.ts';
import comparison from './comparison.ts';
import openAnswers from './open-answers.ts';
import research from './research.ts';

const api: FastifyPluginAsyncZod = async (app) => {
  await app.register(questionnaires);
  await app.register(research);
  await app.register(progress);
  await app.register(comparison);
  await app.register(openAnswers);
};

export default api;
