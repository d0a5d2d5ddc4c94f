// HTTP for sales processes (/api/v1/sales-processes, PRJ-2) and a project's stage moves (/projects/:id/advance,
// /stages, /checklist, PRJ-3): validation from contracts, decisions in the services.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  advanceInputSchema,
  advanceResultSchema,
  checklistParamsSchema,
  checklistToggleResultSchema,
  checklistToggleSchema,
  idParamsSchema,
  projectStagesSchema,
  salesProcessInputSchema,
  salesProcessPatchSchema,
  salesProcessSchema,
  salesStageDeleteQuerySchema,
  salesStageDeleteResultSchema,
  salesStageInputSchema,
  salesStageOrderSchema,
  salesStageParamsSchema,
  salesStagePatchSchema,
} from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, sendCreated, type AppDeps } from '../../platform/http/route-kit';
import * as processes from './processes.service';
import { advanceProject, projectStages, setChecklistItem } from './stage-moves.service';

export async function methodologyRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['sales processes'];

  app.route({
    method: 'GET',
    url: '/sales-processes',
    config: { access: 'project.view' },
    schema: { tags, summary: 'Every sales process with its stages (archived stages flagged)', response: { 200: z.object({ items: z.array(salesProcessSchema) }), ...problemResponses } },
    handler: async () => ({ items: await processes.listProcesses(db) }),
  });

  app.route({
    method: 'GET',
    url: '/sales-processes/:id',
    config: { access: 'project.view' },
    schema: { tags, summary: 'One sales process', params: idParamsSchema, response: { 200: salesProcessSchema, ...problemResponses } },
    handler: async (request) => processes.getProcess(db, request.params.id),
  });

  app.route({
    method: 'POST',
    url: '/sales-processes',
    config: { access: 'project.configure' },
    schema: { tags, summary: 'Create a sales process with its stages', body: salesProcessInputSchema, response: { 201: salesProcessSchema, ...problemResponses } },
    handler: async (request, reply) => sendCreated(reply, await processes.createProcess(db, requireActor(request), request.body)),
  });

  app.route({
    method: 'PATCH',
    url: '/sales-processes/:id',
    config: { access: 'project.configure' },
    schema: { tags, summary: 'Edit a process: names, assignment to product lines / departments, default, active', params: idParamsSchema, body: salesProcessPatchSchema, response: { 200: salesProcessSchema, ...problemResponses } },
    handler: async (request) => processes.updateProcess(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'DELETE',
    url: '/sales-processes/:id',
    config: { access: 'project.configure' },
    schema: { tags, summary: 'Delete a process no project ever followed (built-in or used: 422; deactivate instead)', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await processes.deleteProcess(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'POST',
    url: '/sales-processes/:id/stages',
    config: { access: 'project.configure' },
    schema: { tags, summary: 'Append a stage (with the process version)', params: idParamsSchema, body: salesStageInputSchema.extend({ version: z.number().int().min(1) }), response: { 201: salesProcessSchema, ...problemResponses } },
    handler: async (request, reply) => sendCreated(reply, await processes.addStage(db, requireActor(request), request.params.id, request.body)),
  });

  app.route({
    method: 'PATCH',
    url: '/sales-processes/:id/stages/:stageId',
    config: { access: 'project.configure' },
    schema: { tags, summary: 'Edit a stage: names, probability, criteria, checklist, texts, archived (with the process version)', params: salesStageParamsSchema, body: salesStagePatchSchema, response: { 200: salesProcessSchema, ...problemResponses } },
    handler: async (request) => processes.updateStage(db, requireActor(request), request.params.id, request.params.stageId, request.body),
  });

  app.route({
    method: 'PUT',
    url: '/sales-processes/:id/stage-order',
    config: { access: 'project.configure' },
    schema: { tags, summary: 'Reorder the stages (every stage id, archived ones too)', params: idParamsSchema, body: salesStageOrderSchema, response: { 200: salesProcessSchema, ...problemResponses } },
    handler: async (request) => processes.reorderStages(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'DELETE',
    url: '/sales-processes/:id/stages/:stageId',
    config: { access: 'project.configure' },
    schema: {
      tags,
      summary: 'Delete an unused stage; a stage projects stand in or passed through is archived instead',
      params: salesStageParamsSchema,
      querystring: salesStageDeleteQuerySchema,
      response: { 200: salesStageDeleteResultSchema, ...problemResponses },
    },
    handler: async (request) => processes.deleteStage(db, requireActor(request), request.params.id, request.params.stageId, request.query.version),
  });

  app.route({
    method: 'GET',
    url: '/projects/:id/stages',
    config: { access: 'project.view' },
    schema: { tags, summary: "The project's process as steps: visits, days in each stage, checklist, criteria met / unmet, moves", params: idParamsSchema, response: { 200: projectStagesSchema, ...problemResponses } },
    handler: async (request) => projectStages(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'POST',
    url: '/projects/:id/advance',
    config: { access: 'project.edit' },
    schema: {
      tags,
      summary: 'Move the project to another stage: ahead through every gate passed (422 stage_gate_unmet lists each unmet criterion), back freely, or with an override (project.approve, reason required)',
      params: idParamsSchema,
      body: advanceInputSchema,
      response: { 200: advanceResultSchema, ...problemResponses },
    },
    handler: async (request) => advanceProject(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'PUT',
    url: '/projects/:id/checklist/:stageId/:itemKey',
    config: { access: 'project.edit' },
    schema: { tags, summary: 'Tick or untick a checklist item of a stage', params: checklistParamsSchema, body: checklistToggleSchema, response: { 200: checklistToggleResultSchema, ...problemResponses } },
    handler: async (request) => setChecklistItem(db, requireActor(request), request.params.id, request.params.stageId, request.params.itemKey, request.body.done),
  });
}
