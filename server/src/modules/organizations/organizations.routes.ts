// HTTP for /api/v1/organizations: validation from contracts, decisions in the service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approvalRequestSchema,
  approvalSubmittedSchema,
  exportColumnsSchema,
  competitorProfileInputSchema,
  competitorProfileSchema,
  historyResponseSchema,
  idParamsSchema,
  listResponseSchema,
  organizationDuplicateQuerySchema,
  organizationDuplicatesResponseSchema,
  organizationInputSchema,
  organizationListQuerySchema,
  organizationPatchSchema,
  organizationSchema,
  shareInputSchema,
  shareSchema,
} from '@openpsm/contracts';
import { addShare, listShares, removeShare } from '../../platform/access/sharing.service';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { getCompetitorProfile, saveCompetitorProfile } from './competitor';
import { exportOrganizations } from './organizations.export';
import * as service from './organizations.service';

export async function organizationRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['organizations'];

  app.route({
    method: 'GET',
    url: '/organizations',
    config: { access: 'organization.view' },
    schema: {
      tags,
      summary: 'List organisations within my data scope',
      querystring: organizationListQuerySchema,
      response: { 200: listResponseSchema(organizationSchema), ...problemResponses },
    },
    handler: async (request) => service.listOrganizations(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/organizations/export',
    config: { access: 'organization.export' },
    schema: {
      tags,
      summary: 'The list view (same filters; `columns`: the saved view\'s column keys, comma-separated) as an Excel file; audited',
      querystring: organizationListQuerySchema.extend({ columns: exportColumnsSchema }),
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
    handler: async (request, reply) => {
      const { columns, ...query } = request.query;
      const { buffer } = await exportOrganizations(db, requireActor(request), query, columns?.split(',').filter(Boolean));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="organizations-${new Date().toISOString().slice(0, 10)}.xlsx"`)
        .send(buffer);
    },
  });

  app.route({
    method: 'GET',
    url: '/organizations/duplicates',
    config: { access: 'organization.view' },
    schema: {
      tags,
      summary: 'Likely duplicates of a name / credit code / phone being typed (outside my scope: name, owner and score only)',
      querystring: organizationDuplicateQuerySchema,
      response: { 200: organizationDuplicatesResponseSchema, ...problemResponses },
    },
    handler: async (request) => service.checkOrganizationDuplicates(db, requireActor(request), request.query),
  });

  app.route({
    method: 'POST',
    url: '/organizations',
    config: { access: 'organization.create' },
    schema: { tags, summary: 'Create an organisation', body: organizationInputSchema, response: { 201: organizationSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await service.createOrganization(db, requireActor(request), request.body)),
  });

  app.route({
    method: 'GET',
    url: '/organizations/:id',
    config: { access: 'organization.view' },
    schema: { tags, summary: 'Read one organisation', params: idParamsSchema, response: { 200: organizationSchema, ...problemResponses } },
    handler: async (request) => service.getOrganization(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'PATCH',
    url: '/organizations/:id',
    config: { access: 'organization.edit' },
    schema: {
      tags,
      summary: 'Edit an organisation (send its version; 409 when stale)',
      params: idParamsSchema,
      body: organizationPatchSchema,
      response: { 200: organizationSchema, ...problemResponses },
    },
    handler: async (request) => service.updateOrganization(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'DELETE',
    url: '/organizations/:id',
    config: { access: 'organization.delete' },
    schema: {
      tags,
      summary: 'Ask to delete an organisation (optional body: the reason): 202 with the approval it waits for, or 204 when deleted at once (soft)',
      params: idParamsSchema,
      body: approvalRequestSchema.nullish(),
      response: { 202: approvalSubmittedSchema, 204: noContent, ...problemResponses },
    },
    handler: async (request, reply) => {
      const approval = await service.deleteOrganization(db, requireActor(request), request.params.id, request.body?.reason);
      return approval ? reply.code(202).send({ approval }) : reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/organizations/:id/history',
    config: { access: 'organization.view' },
    schema: { tags, summary: 'Field-level change history', params: idParamsSchema, response: { 200: historyResponseSchema, ...problemResponses } },
    handler: async (request) => service.organizationHistory(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'GET',
    url: '/organizations/:id/competitor-profile',
    config: { access: 'organization.view' },
    schema: {
      tags,
      summary: 'The competitor profile of an organisation of type competitor (422 for other types; version 0 before the first save)',
      params: idParamsSchema,
      response: { 200: competitorProfileSchema, ...problemResponses },
    },
    handler: async (request) => getCompetitorProfile(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'PUT',
    url: '/organizations/:id/competitor-profile',
    config: { access: 'organization.edit' },
    schema: {
      tags,
      summary: 'Save the competitor profile (send its version, 0 for the first save; 409 when stale)',
      params: idParamsSchema,
      body: competitorProfileInputSchema,
      response: { 200: competitorProfileSchema, ...problemResponses },
    },
    handler: async (request) => saveCompetitorProfile(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'GET',
    url: '/organizations/:id/shares',
    config: { access: 'organization.view' },
    schema: { tags, summary: 'Who the organisation is shared with', params: idParamsSchema, response: { 200: z.object({ items: z.array(shareSchema) }), ...problemResponses } },
    handler: async (request) => ({ items: await listShares(db, requireActor(request), 'organization', request.params.id) }),
  });

  app.route({
    method: 'POST',
    url: '/organizations/:id/shares',
    config: { access: 'organization.edit' },
    schema: {
      tags,
      summary: 'Share the organisation with a user or department',
      params: idParamsSchema,
      body: shareInputSchema,
      response: { 201: z.object({ items: z.array(shareSchema) }), ...problemResponses },
    },
    handler: async (request, reply) => reply.code(201).send({ items: await addShare(db, requireActor(request), 'organization', request.params.id, request.body) }),
  });

  app.route({
    method: 'DELETE',
    url: '/organizations/:id/shares/:shareId',
    config: { access: 'organization.edit' },
    schema: { tags, summary: 'Stop sharing', params: z.object({ id: z.uuid(), shareId: z.uuid() }), response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await removeShare(db, requireActor(request), 'organization', request.params.id, request.params.shareId);
      return reply.code(204).send(null);
    },
  });
}
