// HTTP for /api/v1/pipeline: the board and a column's next cards (PRJ-11), within the caller's scope.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pipelineBoardQuerySchema, pipelineBoardSchema, pipelineColumnPageSchema, pipelineColumnQuerySchema } from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { getPipelineBoard, getPipelineColumn } from './board.service';

export async function pipelineRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['pipeline'];

  app.route({
    method: 'GET',
    url: '/pipeline/board',
    config: { access: 'project.view' },
    schema: {
      tags,
      summary: 'The board of a process (default: the default process): per stage count, amount, weighted amount and the first 20 open projects in my scope',
      querystring: pipelineBoardQuerySchema,
      response: { 200: pipelineBoardSchema, ...problemResponses },
    },
    handler: async (request) => getPipelineBoard(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/pipeline/board/column',
    config: { access: 'project.view' },
    schema: {
      tags,
      summary: "A board column's next 20 cards after `offset`, with the board's filters",
      querystring: pipelineColumnQuerySchema,
      response: { 200: pipelineColumnPageSchema, ...problemResponses },
    },
    handler: async (request) => getPipelineColumn(db, requireActor(request), request.query),
  });
}
