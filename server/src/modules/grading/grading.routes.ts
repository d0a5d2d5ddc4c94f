// HTTP for the grading model (CUS-4): read and change the weights and thresholds, grade now.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { gradingModelInputSchema, gradingModelSchema, gradingRunResultSchema } from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { problemResponses, type AppDeps } from '../../platform/http/route-kit';
import * as grading from './grading.service';

export async function gradingRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['grading'];

  app.route({
    method: 'GET',
    url: '/grading/model',
    config: { access: 'config.view' },
    schema: { tags, summary: 'The indicator weights and the A / B thresholds', response: { 200: gradingModelSchema, ...problemResponses } },
    handler: async () => grading.getGradingModel(db),
  });

  app.route({
    method: 'PUT',
    url: '/grading/model',
    config: { access: 'config.configure' },
    schema: { tags, summary: 'Change the weights and thresholds (send the version); grades follow at the next run', body: gradingModelInputSchema, response: { 200: gradingModelSchema, ...problemResponses } },
    handler: async (request) => grading.updateGradingModel(db, requireActor(request), request.body),
  });

  app.route({
    method: 'POST',
    url: '/grading/run',
    config: { access: 'config.configure' },
    schema: { tags, summary: 'Grade every organisation now (the daily job does the same)', response: { 200: gradingRunResultSchema, ...problemResponses } },
    handler: async () => grading.gradeOrganizations(db),
  });
}
