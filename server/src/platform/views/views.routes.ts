// HTTP for /api/v1/views: the caller's own saved list views. Signed-in users only; another user's view is a 404.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, savedViewInputSchema, savedViewListQuerySchema, savedViewPatchSchema, savedViewSchema } from '@openpsm/contracts';
import { requireActor } from '../http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../http/route-kit';
import * as service from './views.service';

export async function viewRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['views'];

  app.route({
    method: 'GET',
    url: '/views',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'My saved views of one list', querystring: savedViewListQuerySchema, response: { 200: z.object({ items: z.array(savedViewSchema) }), ...problemResponses } },
    handler: async (request) => service.listViews(db, requireActor(request), request.query.listKey),
  });

  app.route({
    method: 'POST',
    url: '/views',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Save a view (isDefault: true makes it the one default of the list)', body: savedViewInputSchema, response: { 201: savedViewSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await service.createView(db, requireActor(request), request.body)),
  });

  app.route({
    method: 'PATCH',
    url: '/views/:id',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Rename, change or make a view the default (send its version; 409 when stale)', params: idParamsSchema, body: savedViewPatchSchema, response: { 200: savedViewSchema, ...problemResponses } },
    handler: async (request) => service.updateView(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'DELETE',
    url: '/views/:id',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Delete a saved view', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await service.deleteView(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
