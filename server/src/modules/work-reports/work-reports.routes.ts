// HTTP for /api/v1/work-reports (ACT-4): open the period's report (drafted from the activities), list, read, edit and
// submit, discard a draft, history, and who has not submitted. Who may see what is decided in the service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  historyResponseSchema,
  idParamsSchema,
  listResponseSchema,
  missingReportsQuerySchema,
  missingReportsSchema,
  workReportDraftInputSchema,
  workReportListQuerySchema,
  workReportPatchSchema,
  workReportSchema,
} from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { missingReports } from './missing-reports.service';
import { deleteReport, draftReport, getReport, listReports, reportHistory, updateReport } from './work-reports.service';

export async function workReportRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['work reports'];
  const view = { access: 'work_report.view' } as const;
  const write = { access: 'work_report.create' } as const;

  app.route({
    method: 'POST',
    url: '/work-reports/draft',
    config: write,
    schema: {
      tags,
      summary: 'Open my report of the day or week containing `date`: the existing one (200), or a new draft from the period’s activities (201)',
      body: workReportDraftInputSchema,
      response: { 200: workReportSchema, 201: workReportSchema, ...problemResponses },
    },
    handler: async (request, reply) => {
      const { report, created } = await draftReport(db, requireActor(request), request.body);
      return reply.code(created ? 201 : 200).send(report);
    },
  });

  app.route({
    method: 'GET',
    url: '/work-reports',
    config: view,
    schema: {
      tags,
      summary: 'Reports within my scope: my own, and the submitted reports of the others (drafts are private)',
      querystring: workReportListQuerySchema,
      response: { 200: listResponseSchema(workReportSchema), ...problemResponses },
    },
    handler: async (request) => listReports(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/work-reports/missing',
    config: view,
    schema: {
      tags,
      summary: 'Who within my scope has not submitted the report of the period containing `date` (nothing, or a draft)',
      querystring: missingReportsQuerySchema,
      response: { 200: missingReportsSchema, ...problemResponses },
    },
    handler: async (request) => missingReports(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/work-reports/:id',
    config: view,
    schema: { tags, summary: 'One report (404 for a draft of someone else)', params: idParamsSchema, response: { 200: workReportSchema, ...problemResponses } },
    handler: async (request) => getReport(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'PATCH',
    url: '/work-reports/:id',
    config: write,
    schema: {
      tags,
      summary: 'Edit my draft, or submit it with `submit: true` (its author only; send its version; a submitted report is read-only: 422)',
      params: idParamsSchema,
      body: workReportPatchSchema,
      response: { 200: workReportSchema, ...problemResponses },
    },
    handler: async (request) => updateReport(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'DELETE',
    url: '/work-reports/:id',
    config: write,
    schema: { tags, summary: 'Discard my draft (a submitted report stays: 422)', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await deleteReport(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/work-reports/:id/history',
    config: view,
    schema: { tags, summary: 'Change history of a report', params: idParamsSchema, response: { 200: historyResponseSchema, ...problemResponses } },
    handler: async (request) => reportHistory(db, requireActor(request), request.params.id),
  });
}
