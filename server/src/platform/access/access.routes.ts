// HTTP for roles, the permission catalogue and delegations.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  dataScopes,
  delegationInputSchema,
  delegationSchema,
  historyResponseSchema,
  idParamsSchema,
  permissionModules,
  protectedFields,
  roleInputSchema,
  rolePatchSchema,
  roleSchema,
  scopedRecordTypes,
} from '@openpsm/contracts';
import { listHistory } from '../audit/history.service';
import { requireActor } from '../http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../http/route-kit';
import { createDelegation, listDelegations, revokeDelegation } from './handover.service';
import { createRole, deleteRole, getRole, listRoles, updateRole } from './roles.service';

export async function accessRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['roles'];

  app.route({
    method: 'GET',
    url: '/permissions/catalog',
    config: { access: 'role.view' },
    schema: {
      tags,
      summary: 'Modules × actions, data scopes and protected fields',
      response: {
        200: z.object({
          modules: z.record(z.string(), z.array(z.string())),
          scopedRecordTypes: z.array(z.string()),
          dataScopes: z.array(z.string()),
          protectedFields: z.record(z.string(), z.array(z.string())),
        }),
        ...problemResponses,
      },
    },
    handler: async () => ({
      modules: permissionModules as unknown as Record<string, string[]>,
      scopedRecordTypes: [...scopedRecordTypes],
      dataScopes: [...dataScopes],
      protectedFields: protectedFields as unknown as Record<string, string[]>,
    }),
  });

  app.route({
    method: 'GET',
    url: '/roles',
    config: { access: 'role.view' },
    schema: { tags, summary: 'List roles', response: { 200: z.object({ items: z.array(roleSchema) }), ...problemResponses } },
    handler: async () => ({ items: await listRoles(db) }),
  });
  app.route({
    method: 'POST',
    url: '/roles',
    config: { access: 'role.configure' },
    schema: { tags, summary: 'Create a role', body: roleInputSchema, response: { 201: roleSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await createRole(db, requireActor(request), request.body)),
  });
  app.route({
    method: 'GET',
    url: '/roles/:id',
    config: { access: 'role.view' },
    schema: { tags, summary: 'Read a role', params: idParamsSchema, response: { 200: roleSchema, ...problemResponses } },
    handler: async (request) => getRole(db, request.params.id),
  });
  app.route({
    method: 'PATCH',
    url: '/roles/:id',
    config: { access: 'role.configure' },
    schema: { tags, summary: 'Edit permissions, scopes and protected fields', params: idParamsSchema, body: rolePatchSchema, response: { 200: roleSchema, ...problemResponses } },
    handler: async (request) => updateRole(db, requireActor(request), request.params.id, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/roles/:id',
    config: { access: 'role.configure' },
    schema: { tags, summary: 'Delete a role nobody holds', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await deleteRole(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
  app.route({
    method: 'GET',
    url: '/roles/:id/history',
    config: { access: 'role.view' },
    schema: { tags, summary: 'Change history', params: idParamsSchema, response: { 200: historyResponseSchema, ...problemResponses } },
    handler: async (request) => {
      await getRole(db, request.params.id);
      return { items: await listHistory(db, 'role', request.params.id) };
    },
  });

  app.route({
    method: 'GET',
    url: '/delegations',
    config: { access: 'signed-in' },
    schema: { tags: ['delegations'], summary: 'Delegations I give or receive (all, with user.assign)', response: { 200: z.object({ items: z.array(delegationSchema) }), ...problemResponses } },
    handler: async (request) => ({ items: await listDelegations(db, requireActor(request)) }),
  });
  app.route({
    method: 'POST',
    url: '/delegations',
    config: { access: 'signed-in' },
    schema: { tags: ['delegations'], summary: "Delegate a user's work for a period", body: delegationInputSchema, response: { 201: delegationSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await createDelegation(db, requireActor(request), request.body)),
  });
  app.route({
    method: 'POST',
    url: '/delegations/:id/revoke',
    config: { access: 'signed-in' },
    schema: { tags: ['delegations'], summary: 'End a delegation now', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await revokeDelegation(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
