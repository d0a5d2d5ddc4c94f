// HTTP for team visibility (ACT-5): /api/v1/team-activity (per person and period) and its drill-down to the customers
// not followed up. The people are those of the caller's activity scope; the service decides.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idleOrganizationListSchema, idleOrganizationsQuerySchema, teamActivityQuerySchema, teamActivitySchema } from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { idleOrganizations, teamActivity } from './team-activity.service';

export async function teamActivityRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['team activity'];
  const config = { access: 'activity.view' } as const;

  app.route({
    method: 'GET',
    url: '/team-activity',
    config,
    schema: {
      tags,
      summary: 'Per person within my activity scope, from..to (company days, at most 366): activities by type, customers and projects touched, time, check-ins, idle customers',
      querystring: teamActivityQuerySchema,
      response: { 200: teamActivitySchema, ...problemResponses },
    },
    handler: async (request) => teamActivity(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/team-activity/idle-organizations',
    config,
    schema: {
      tags,
      summary: 'The customers of one person within my scope not followed up for `idleDays` (never first, then the oldest; at most 200)',
      querystring: idleOrganizationsQuerySchema,
      response: { 200: idleOrganizationListSchema, ...problemResponses },
    },
    handler: async (request) => idleOrganizations(db, requireActor(request), request.query),
  });
}
