// HTTP for /api/v1/contacts: validation from contracts, decisions (and who may see what) in the service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  contactInputSchema,
  contactListQuerySchema,
  contactPatchSchema,
  contactPositionsResponseSchema,
  contactSchema,
  historyResponseSchema,
  idParamsSchema,
  listResponseSchema,
} from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { exportContacts } from './contacts.export';
import * as service from './contacts.service';

export async function contactRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['contacts'];

  app.route({
    method: 'GET',
    url: '/contacts',
    config: { access: 'contact.view' },
    schema: {
      tags,
      summary: "List contacts of the organisations within my data scope (filter by organizationId for one organisation's)",
      querystring: contactListQuerySchema,
      response: { 200: listResponseSchema(contactSchema), ...problemResponses },
    },
    handler: async (request) => service.listContacts(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/contacts/export',
    config: { access: 'contact.export' },
    schema: {
      tags,
      summary: 'The list view (same filters) as an Excel file; audited',
      querystring: contactListQuerySchema,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
    handler: async (request, reply) => {
      const { buffer } = await exportContacts(db, requireActor(request), request.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="contacts-${new Date().toISOString().slice(0, 10)}.xlsx"`)
        .send(buffer);
    },
  });

  app.route({
    method: 'POST',
    url: '/contacts',
    config: { access: 'contact.create' },
    schema: {
      tags,
      summary: 'Create a contact under an organisation I may edit (409 duplicate_contact with candidates unless confirmDuplicate)',
      body: contactInputSchema,
      response: { 201: contactSchema, ...problemResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await service.createContact(db, requireActor(request), request.body)),
  });

  app.route({
    method: 'GET',
    url: '/contacts/:id',
    config: { access: 'contact.view' },
    schema: { tags, summary: 'Read one contact', params: idParamsSchema, response: { 200: contactSchema, ...problemResponses } },
    handler: async (request) => service.getContact(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'PATCH',
    url: '/contacts/:id',
    config: { access: 'contact.edit' },
    schema: {
      tags,
      summary: 'Edit a contact (send its version; 409 when stale). A new organizationId is a job change: the old position is kept',
      params: idParamsSchema,
      body: contactPatchSchema,
      response: { 200: contactSchema, ...problemResponses },
    },
    handler: async (request) => service.updateContact(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'DELETE',
    url: '/contacts/:id',
    config: { access: 'contact.delete' },
    schema: { tags, summary: 'Delete a contact (soft; history stays)', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await service.deleteContact(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/contacts/:id/history',
    config: { access: 'contact.view' },
    schema: { tags, summary: 'Field-level change history', params: idParamsSchema, response: { 200: historyResponseSchema, ...problemResponses } },
    handler: async (request) => service.contactHistory(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'GET',
    url: '/contacts/:id/positions',
    config: { access: 'contact.view' },
    schema: { tags, summary: 'Job history: every organisation the contact worked at, newest first', params: idParamsSchema, response: { 200: contactPositionsResponseSchema, ...problemResponses } },
    handler: async (request) => service.contactPositionsOf(db, requireActor(request), request.params.id),
  });
}
