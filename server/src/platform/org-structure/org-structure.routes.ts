// HTTP for departments and users, including deactivation and the hand-over of a user's records.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  departmentInputSchema,
  departmentPatchSchema,
  departmentSchema,
  historyResponseSchema,
  idParamsSchema,
  listResponseSchema,
  transferInputSchema,
  transferResultSchema,
  userInputSchema,
  userListQuerySchema,
  userPatchSchema,
  userSchema,
} from '@openpsm/contracts';
import { listHistory } from '../audit/history.service';
import { transferRecords } from '../access/handover.service';
import { requireActor } from '../http/authenticate';
import { baseUrl, problemResponses, type AppDeps } from '../http/route-kit';
import { createDepartment, listDepartments, updateDepartment, assertDepartmentExists } from './departments.service';
import { createUser, getUser, listUsers, lookupUsers, setUserStatus, updateUser } from './users.service';

export async function orgStructureRoutes(fastify: FastifyInstance, { database, config }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;

  app.route({
    method: 'GET',
    url: '/departments',
    config: { access: 'department.view' },
    schema: { tags: ['departments'], summary: 'The department tree, flat', response: { 200: z.object({ items: z.array(departmentSchema) }), ...problemResponses } },
    handler: async () => ({ items: await listDepartments(db) }),
  });
  app.route({
    method: 'POST',
    url: '/departments',
    config: { access: 'department.create' },
    schema: { tags: ['departments'], summary: 'Create a department', body: departmentInputSchema, response: { 201: departmentSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await createDepartment(db, requireActor(request), request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/departments/:id',
    config: { access: 'department.edit' },
    schema: { tags: ['departments'], summary: 'Rename, move or disable a department', params: idParamsSchema, body: departmentPatchSchema, response: { 200: departmentSchema, ...problemResponses } },
    handler: async (request) => updateDepartment(db, requireActor(request), request.params.id, request.body),
  });
  app.route({
    method: 'GET',
    url: '/departments/:id/history',
    config: { access: 'department.view' },
    schema: { tags: ['departments'], summary: 'Change history', params: idParamsSchema, response: { 200: historyResponseSchema, ...problemResponses } },
    handler: async (request) => {
      await assertDepartmentExists(db, request.params.id);
      return { items: await listHistory(db, 'department', request.params.id) };
    },
  });

  app.route({
    method: 'GET',
    url: '/users',
    config: { access: 'user.view' },
    schema: { tags: ['users'], summary: 'List users', querystring: userListQuerySchema, response: { 200: listResponseSchema(userSchema), ...problemResponses } },
    handler: async (request) => listUsers(db, request.query),
  });
  app.route({
    method: 'GET',
    url: '/users/lookup',
    config: { access: 'signed-in' },
    schema: {
      tags: ['users'],
      summary: 'Active users by name, for pickers',
      querystring: z.object({ q: z.string().max(60).optional() }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), displayName: z.string(), departmentName: z.string().nullable() })) }), ...problemResponses },
    },
    handler: async (request) => lookupUsers(db, request.query.q),
  });
  app.route({
    method: 'POST',
    url: '/users',
    config: { access: 'user.create' },
    schema: { tags: ['users'], summary: 'Create a user', body: userInputSchema, response: { 201: userSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await createUser(db, config, requireActor(request), request.body, baseUrl(request))),
  });
  app.route({
    method: 'GET',
    url: '/users/:id',
    config: { access: 'user.view' },
    schema: { tags: ['users'], summary: 'Read a user', params: idParamsSchema, response: { 200: userSchema, ...problemResponses } },
    handler: async (request) => getUser(db, request.params.id),
  });
  app.route({
    method: 'PATCH',
    url: '/users/:id',
    config: { access: 'user.edit' },
    schema: { tags: ['users'], summary: 'Edit a user', params: idParamsSchema, body: userPatchSchema, response: { 200: userSchema, ...problemResponses } },
    handler: async (request) => updateUser(db, requireActor(request), request.params.id, request.body),
  });
  app.route({
    method: 'POST',
    url: '/users/:id/deactivate',
    config: { access: 'user.edit' },
    schema: { tags: ['users'], summary: 'Deactivate (departed): no more sign-in, records kept', params: idParamsSchema, response: { 200: userSchema, ...problemResponses } },
    handler: async (request) => setUserStatus(db, requireActor(request), request.params.id, 'departed'),
  });
  app.route({
    method: 'POST',
    url: '/users/:id/reactivate',
    config: { access: 'user.edit' },
    schema: { tags: ['users'], summary: 'Reactivate a departed user', params: idParamsSchema, response: { 200: userSchema, ...problemResponses } },
    handler: async (request) => setUserStatus(db, requireActor(request), request.params.id, 'active'),
  });
  app.route({
    method: 'POST',
    url: '/users/:id/transfer',
    config: { access: 'user.assign' },
    schema: { tags: ['users'], summary: "Transfer all of a user's records to another user", params: idParamsSchema, body: transferInputSchema, response: { 200: transferResultSchema, ...problemResponses } },
    handler: async (request) => transferRecords(db, requireActor(request), request.params.id, request.body.toUserId, request.body.recordTypes),
  });
  app.route({
    method: 'GET',
    url: '/users/:id/history',
    config: { access: 'user.view' },
    schema: { tags: ['users'], summary: 'Change history', params: idParamsSchema, response: { 200: historyResponseSchema, ...problemResponses } },
    handler: async (request) => {
      await getUser(db, request.params.id);
      return { items: await listHistory(db, 'user', request.params.id) };
    },
  });
}
