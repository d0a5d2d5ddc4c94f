// HTTP for tenders (PRJ-12): /api/v1/projects/:id/tenders and its actions, the price history. Registering the plugin
// also registers tender documents as attachments (read with the project, written with write access to it).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamsSchema,
  tenderBiddersInputSchema,
  tenderDecisionInputSchema,
  tenderInputSchema,
  tenderParamsSchema,
  tenderPatchSchema,
  tenderPriceHistoryQuerySchema,
  tenderPriceHistorySchema,
  tenderResultInputSchema,
  tenderSchema,
  tenderVersionSchema,
} from '@openpsm/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import { registerAttachable } from '../../platform/files/attachables';
import { forbidden, notFound } from '../../platform/errors';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../../platform/http/route-kit';
import type { DbOrTx } from '../../db/client';
import { projectInScope, writableProject } from '../projects/project-access';
import { tenderPriceHistory } from './tender-price-history';
import { tenders } from './tenders.table';
import * as service from './tenders.service';

async function projectOfTender(db: DbOrTx, tenderId: string): Promise<string> {
  const [row] = await db.select({ projectId: tenders.projectId }).from(tenders).where(and(eq(tenders.id, tenderId), isNull(tenders.deletedAt)));
  if (!row) throw notFound();
  return row.projectId;
}

export function registerTenderAttachments() {
  registerAttachable(service.TENDER, {
    canRead: async (db, actor, tenderId) => {
      await projectInScope(db, actor, await projectOfTender(db, tenderId));
    },
    canWrite: async (db, actor, tenderId) => {
      // The file routes are open to signed-in users: the permission the tender routes declare is checked here.
      if (!actor.permissions.has('project.edit')) {
        await projectInScope(db, actor, await projectOfTender(db, tenderId));
        throw forbidden('Changing tender documents needs project.edit');
      }
      await writableProject(db, actor, await projectOfTender(db, tenderId));
    },
  });
}

export async function tenderRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  registerTenderAttachments();
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['tenders'];
  const one = { 200: tenderSchema, ...problemResponses };

  app.route({
    method: 'GET',
    url: '/tenders/price-history',
    config: { access: 'project.view' },
    schema: { tags, summary: "Bidders' prices over time (product line, region, period) in projects within my scope", querystring: tenderPriceHistoryQuerySchema, response: { 200: tenderPriceHistorySchema, ...problemResponses } },
    handler: async (request) => tenderPriceHistory(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/projects/:id/tenders',
    config: { access: 'project.view' },
    schema: { tags, summary: "A project's tenders with bidders and results", params: idParamsSchema, response: { 200: z.object({ items: z.array(tenderSchema) }), ...problemResponses } },
    handler: async (request) => service.listTenders(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'POST',
    url: '/projects/:id/tenders',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Record a tender of the project (needs write access to it)', params: idParamsSchema, body: tenderInputSchema, response: { 201: tenderSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await service.createTender(db, requireActor(request), request.params.id, request.body)),
  });

  app.route({
    method: 'GET',
    url: '/projects/:id/tenders/:tenderId',
    config: { access: 'project.view' },
    schema: { tags, summary: 'One tender', params: tenderParamsSchema, response: one },
    handler: async (request) => service.getTender(db, requireActor(request), request.params.id, request.params.tenderId),
  });

  app.route({
    method: 'PATCH',
    url: '/projects/:id/tenders/:tenderId',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Edit a tender: title, tenderer, deadlines, our price … (send its version; 409 when stale)', params: tenderParamsSchema, body: tenderPatchSchema, response: one },
    handler: async (request) => service.updateTender(db, requireActor(request), request.params.id, request.params.tenderId, request.body),
  });

  app.route({
    method: 'DELETE',
    url: '/projects/:id/tenders/:tenderId',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Remove a tender (soft; send its version)', params: tenderParamsSchema, body: tenderVersionSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await service.deleteTender(db, requireActor(request), request.params.id, request.params.tenderId, request.body.version);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'POST',
    url: '/projects/:id/tenders/:tenderId/decision',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Bid or no bid, with the reason (needs write access to the project)', params: tenderParamsSchema, body: tenderDecisionInputSchema, response: one },
    handler: async (request) => service.decideTender(db, requireActor(request), request.params.id, request.params.tenderId, request.body),
  });

  app.route({
    method: 'PUT',
    url: '/projects/:id/tenders/:tenderId/bidders',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Replace the bidders (organisation or free name, price, rank, result, which one is us)', params: tenderParamsSchema, body: tenderBiddersInputSchema, response: one },
    handler: async (request) => service.replaceBidders(db, requireActor(request), request.params.id, request.params.tenderId, request.body),
  });

  app.route({
    method: 'POST',
    url: '/projects/:id/tenders/:tenderId/result',
    config: { access: 'project.edit' },
    schema: {
      tags,
      summary: 'The opening result (winner, winning price). A lost tender does not close the project: its owner closes it with reason and lessons',
      params: tenderParamsSchema,
      body: tenderResultInputSchema,
      response: one,
    },
    handler: async (request) => service.setTenderResult(db, requireActor(request), request.params.id, request.params.tenderId, request.body),
  });
}
