// HTTP for /api/v1/projects (core): CRUD, list, export, history, team, related organisations (in the body), close,
// reopen, assign, claim and sharing. Stage moves, stakeholders, plan and tenders register their own routes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  exportColumnsSchema,
  historyResponseSchema,
  idParamsSchema,
  listResponseSchema,
  projectAssignSchema,
  projectClaimSchema,
  projectCloseSchema,
  projectInputSchema,
  projectListQuerySchema,
  projectMemberInputSchema,
  projectMemberParamsSchema,
  projectMemberPatchSchema,
  projectMemberSchema,
  projectPatchSchema,
  projectReopenSchema,
  projectSchema,
  shareInputSchema,
  shareSchema,

} from '@openpsm/contracts';
import { addShare, listShares, removeShare } from '../../platform/access/sharing.service';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { assignProject, claimProject, closeProject, reopenProject } from './project-closing';
import { addMember, listMembers, removeMember, updateMember } from './project-team';
import { exportProjects } from './projects.export';
import * as service from './projects.service';

const membersResponse = z.object({ items: z.array(projectMemberSchema) });

export async function projectRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['projects'];

  app.route({
    method: 'GET',
    url: '/projects',
    config: { access: 'project.view' },
    schema: { tags, summary: 'List projects within my data scope (and the teams I am in)', querystring: projectListQuerySchema, response: { 200: listResponseSchema(projectSchema), ...problemResponses } },
    handler: async (request) => service.listProjects(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/projects/export',
    config: { access: 'project.export' },
    schema: {
      tags,
      summary: 'The list view (same filters; `columns` comma-separated) as an Excel file; audited',
      querystring: projectListQuerySchema.extend({ columns: exportColumnsSchema }),
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
    handler: async (request, reply) => {
      const { columns, ...query } = request.query;
      const { buffer } = await exportProjects(db, requireActor(request), query, columns?.split(',').filter(Boolean));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="projects-${new Date().toISOString().slice(0, 10)}.xlsx"`)
        .send(buffer);
    },
  });

  app.route({
    method: 'POST',
    url: '/projects',
    config: { access: 'project.create' },
    schema: { tags, summary: 'Create a project (process and first stage chosen automatically)', body: projectInputSchema, response: { 201: projectSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await service.createProject(db, requireActor(request), request.body)),
  });

  app.route({
    method: 'GET',
    url: '/projects/:id',
    config: { access: 'project.view' },
    schema: { tags, summary: 'Read one project with related organisations, team, phases and roll-up', params: idParamsSchema, response: { 200: projectSchema, ...problemResponses } },
    handler: async (request) => service.getProject(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'PATCH',
    url: '/projects/:id',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Edit a project (send its version; 409 when stale)', params: idParamsSchema, body: projectPatchSchema, response: { 200: projectSchema, ...problemResponses } },
    handler: async (request) => service.updateProject(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'DELETE',
    url: '/projects/:id',
    config: { access: 'project.delete' },
    schema: { tags, summary: 'Delete a project (soft; refused while it has phases)', params: idParamsSchema, querystring: z.object({ version: z.coerce.number().int().min(1).optional() }), response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await service.deleteProject(db, requireActor(request), request.params.id, request.query.version);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/projects/:id/history',
    config: { access: 'project.view' },
    schema: { tags, summary: 'Field-level change history', params: idParamsSchema, response: { 200: historyResponseSchema, ...problemResponses } },
    handler: async (request) => service.projectHistory(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'POST',
    url: '/projects/:id/close',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Close as won, lost or suspended (reason from the option list; lost: lessons learned, winner, price)', params: idParamsSchema, body: projectCloseSchema, response: { 200: projectSchema, ...problemResponses } },
    handler: async (request) => closeProject(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'POST',
    url: '/projects/:id/reopen',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Reopen a closed project', params: idParamsSchema, body: projectReopenSchema, response: { 200: projectSchema, ...problemResponses } },
    handler: async (request) => reopenProject(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'POST',
    url: '/projects/:id/assign',
    config: { access: 'project.assign' },
    schema: { tags, summary: 'Give the project to another owner (指派)', params: idParamsSchema, body: projectAssignSchema, response: { 200: projectSchema, ...problemResponses } },
    handler: async (request) => assignProject(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'POST',
    url: '/projects/:id/claim',
    config: { access: 'project.create' },
    schema: { tags, summary: 'Take a visible project without an owner (领用)', params: idParamsSchema, body: projectClaimSchema, response: { 200: projectSchema, ...problemResponses } },
    handler: async (request) => claimProject(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'GET',
    url: '/projects/:id/members',
    config: { access: 'project.view' },
    schema: { tags, summary: 'The team', params: idParamsSchema, response: { 200: membersResponse, ...problemResponses } },
    handler: async (request) => listMembers(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'POST',
    url: '/projects/:id/members',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Add a team member (membership grants read or edit access)', params: idParamsSchema, body: projectMemberInputSchema, response: { 201: membersResponse, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await addMember(db, requireActor(request), request.params.id, request.body)),
  });

  app.route({
    method: 'PATCH',
    url: '/projects/:id/members/:userId',
    config: { access: 'project.edit' },
    schema: { tags, summary: "Change a member's role or access", params: projectMemberParamsSchema, body: projectMemberPatchSchema, response: { 200: membersResponse, ...problemResponses } },
    handler: async (request) => updateMember(db, requireActor(request), request.params.id, request.params.userId, request.body),
  });

  app.route({
    method: 'DELETE',
    url: '/projects/:id/members/:userId',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Remove a team member (their access ends at once)', params: projectMemberParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await removeMember(db, requireActor(request), request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/projects/:id/shares',
    config: { access: 'project.view' },
    schema: { tags, summary: 'Who the project is shared with', params: idParamsSchema, response: { 200: z.object({ items: z.array(shareSchema) }), ...problemResponses } },
    handler: async (request) => ({ items: await listShares(db, requireActor(request), 'project', request.params.id) }),
  });

  app.route({
    method: 'POST',
    url: '/projects/:id/shares',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Share the project with a user or department', params: idParamsSchema, body: shareInputSchema, response: { 201: z.object({ items: z.array(shareSchema) }), ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send({ items: await addShare(db, requireActor(request), 'project', request.params.id, request.body) }),
  });

  app.route({
    method: 'DELETE',
    url: '/projects/:id/shares/:shareId',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Stop sharing', params: z.object({ id: z.uuid(), shareId: z.uuid() }), response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await removeShare(db, requireActor(request), 'project', request.params.id, request.params.shareId);
      return reply.code(204).send(null);
    },
  });
}

