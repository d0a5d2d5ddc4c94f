// HTTP for the public pool (CUS-5): pool rules (/pools), the pool list and its moves (/pool/…, /organizations/:id/…).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  customerPoolInputSchema,
  customerPoolPatchSchema,
  customerPoolSchema,
  idParamsSchema,
  listResponseSchema,
  myPoolsSchema,
  poolAssignSchema,
  poolListQuerySchema,
  poolMoveResultSchema,
  poolOrganizationSchema,
  poolReleaseSchema,
} from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../../platform/http/route-kit';
import * as moves from './pool-moves.service';
import * as pools from './pools.service';

export async function poolRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['pool'];

  app.route({
    method: 'GET',
    url: '/pools',
    config: { access: 'pool.view' },
    schema: { tags, summary: 'Every pool with its rules', response: { 200: z.object({ items: z.array(customerPoolSchema) }), ...problemResponses } },
    handler: async () => ({ items: await pools.listPools(db) }),
  });

  app.route({
    method: 'POST',
    url: '/pools',
    config: { access: 'pool.configure' },
    schema: { tags, summary: 'Create a pool for a department (with its sub-departments) or, departmentId null, the company', body: customerPoolInputSchema, response: { 201: customerPoolSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await pools.createPool(db, requireActor(request), request.body)),
  });

  app.route({
    method: 'GET',
    url: '/pools/:id',
    config: { access: 'pool.view' },
    schema: { tags, summary: 'One pool with its rules', params: idParamsSchema, response: { 200: customerPoolSchema, ...problemResponses } },
    handler: async (request) => pools.getPool(db, request.params.id),
  });

  app.route({
    method: 'PATCH',
    url: '/pools/:id',
    config: { access: 'pool.configure' },
    schema: { tags, summary: 'Change a pool’s rules (send its version)', params: idParamsSchema, body: customerPoolPatchSchema, response: { 200: customerPoolSchema, ...problemResponses } },
    handler: async (request) => pools.updatePool(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'DELETE',
    url: '/pools/:id',
    config: { access: 'pool.configure' },
    schema: { tags, summary: 'Delete a pool that never held a customer (otherwise deactivate it)', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await pools.deletePool(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/pool/mine',
    config: { access: 'pool.view' },
    schema: { tags, summary: 'The pools I work with, and my counters (owned, claimed today)', response: { 200: myPoolsSchema, ...problemResponses } },
    handler: async (request) => moves.myPools(db, requireActor(request)),
  });

  app.route({
    method: 'GET',
    url: '/pool/organizations',
    config: { access: 'pool.view' },
    schema: {
      tags,
      summary: 'Organisations waiting in my pools (managers: the pools of their part of the tree); limited fields',
      querystring: poolListQuerySchema,
      response: { 200: listResponseSchema(poolOrganizationSchema), ...problemResponses },
    },
    handler: async (request) => moves.listPoolOrganizations(db, requireActor(request), request.query),
  });

  app.route({
    method: 'POST',
    url: '/organizations/:id/claim',
    config: { access: 'pool.view' },
    schema: { tags, summary: 'Claim a customer from my pool (maximum owned, daily limit and cool-down apply)', params: idParamsSchema, response: { 200: poolMoveResultSchema, ...problemResponses } },
    handler: async (request) => moves.claimOrganization(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'POST',
    url: '/organizations/:id/release',
    config: { access: 'pool.view' },
    schema: { tags, summary: 'Give a customer up to the pool (owner or a manager in scope; reason required)', params: idParamsSchema, body: poolReleaseSchema, response: { 200: poolMoveResultSchema, ...problemResponses } },
    handler: async (request) => moves.releaseOrganization(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'POST',
    url: '/organizations/:id/assign',
    config: { access: 'pool.assign' },
    schema: { tags, summary: 'Hand a pool customer to a rep (their maximum applies unless forced with a reason)', params: idParamsSchema, body: poolAssignSchema, response: { 200: poolMoveResultSchema, ...problemResponses } },
    handler: async (request) => moves.assignOrganization(db, requireActor(request), request.params.id, request.body),
  });
}
