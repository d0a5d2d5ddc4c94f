// HTTP for the audit log browser.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditEntrySchema, auditListQuerySchema, listResponseSchema } from '@openpsm/contracts';
import { problemResponses, type AppDeps } from '../http/route-kit';
import { listAuditLog } from './audit-log.service';

export async function auditRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.route({
    method: 'GET',
    url: '/audit-log',
    config: { access: 'audit.view' },
    schema: { tags: ['audit'], summary: 'Sign-ins, failures, exports, permission changes, transfers', querystring: auditListQuerySchema, response: { 200: listResponseSchema(auditEntrySchema), ...problemResponses } },
    handler: async (request) => listAuditLog(database.db, request.query),
  });
}
