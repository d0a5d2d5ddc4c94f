// HTTP for lead hand-over (CUS-8): hand an organisation to a rep, their inbox, accept / decline, the deadline rule.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  idParamsSchema,
  leadDeclineSchema,
  leadHandoverInputSchema,
  leadListQuerySchema,
  leadRulesPatchSchema,
  leadRulesSchema,
  leadSchema,
  listResponseSchema,
} from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { problemResponses, type AppDeps } from '../../platform/http/route-kit';
import * as leads from './lead-handover.service';

export async function leadRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['leads'];

  app.route({
    method: 'POST',
    url: '/organizations/:id/handover',
    config: { access: 'organization.edit' },
    schema: {
      tags,
      summary: 'Hand an organisation to a rep, who must accept within the hours given (default: the lead rules)',
      params: idParamsSchema,
      body: leadHandoverInputSchema,
      response: { 201: leadSchema, ...problemResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await leads.handOverLead(db, requireActor(request), request.params.id, request.body)),
  });

  app.route({
    method: 'GET',
    url: '/leads',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Leads handed to me (box=incoming) or by me (box=sent)', querystring: leadListQuerySchema, response: { 200: listResponseSchema(leadSchema), ...problemResponses } },
    handler: async (request) => leads.listLeads(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/leads/rules',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The hand-over rules (default hours to accept)', response: { 200: leadRulesSchema, ...problemResponses } },
    handler: async () => leads.getLeadRules(db),
  });

  app.route({
    method: 'PUT',
    url: '/leads/rules',
    config: { access: 'config.configure' },
    schema: { tags, summary: 'Change the hand-over rules (send the version)', body: leadRulesPatchSchema, response: { 200: leadRulesSchema, ...problemResponses } },
    handler: async (request) => leads.updateLeadRules(db, requireActor(request), request.body),
  });

  app.route({
    method: 'GET',
    url: '/leads/:id',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'One lead I sent or received', params: idParamsSchema, response: { 200: leadSchema, ...problemResponses } },
    handler: async (request) => leads.getLead(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'POST',
    url: '/leads/:id/accept',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Accept a lead handed to me: I become the owner', params: idParamsSchema, response: { 200: leadSchema, ...problemResponses } },
    handler: async (request) => leads.acceptLead(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'POST',
    url: '/leads/:id/decline',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Decline a lead handed to me (reason required)', params: idParamsSchema, body: leadDeclineSchema, response: { 200: leadSchema, ...problemResponses } },
    handler: async (request) => leads.declineLead(db, requireActor(request), request.params.id, request.body.reason),
  });
}
