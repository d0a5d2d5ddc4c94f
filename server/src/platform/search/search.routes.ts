// HTTP for /api/v1/search: the header box. Any signed-in user; each group only for callers with its permission.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { searchQuerySchema, searchResponseSchema } from '@openpsm/contracts';
import { requireActor } from '../http/authenticate';
import { problemResponses, type AppDeps } from '../http/route-kit';
import { search } from './search.service';

export async function searchRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.route({
    method: 'GET',
    url: '/search',
    config: { access: 'signed-in' },
    schema: {
      tags: ['search'],
      summary: 'Search organisations, contacts … by name, short name, pinyin, initials, phone, e-mail, credit code; grouped by type, within my scope',
      querystring: searchQuerySchema,
      response: { 200: searchResponseSchema, ...problemResponses },
    },
    handler: async (request) => search(database.db, requireActor(request), request.query),
  });
}
