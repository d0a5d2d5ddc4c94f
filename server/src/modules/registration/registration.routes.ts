// HTTP for project registration (PRJ-13): the check behind the project form, the conflict inbox, the decision.
// Registering the plugin attaches the registration hooks to project creation and changes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  idParamsSchema,
  listResponseSchema,
  projectRegistrationListQuerySchema,
  projectRegistrationSchema,
  registrationCheckQuerySchema,
  registrationCheckResponseSchema,
  registrationDecisionInputSchema,
} from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { onProjectCreated } from '../projects/project-hooks';
import * as service from './registration.service';

export function registerRegistrationHooks() {
  onProjectCreated('registration', ({ tx, actor, projectId }) => service.registerNewProject(tx, actor, projectId));
}

export async function registrationRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  registerRegistrationHooks();
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['project registration'];

  app.route({
    method: 'GET',
    url: '/projects/registration-check',
    config: { access: 'project.view' },
    schema: {
      tags,
      summary: 'Protected projects a name being typed collides with (same owner organisation, similar site and name); outside my scope: name, owner and protection end only',
      querystring: registrationCheckQuerySchema,
      response: { 200: registrationCheckResponseSchema, ...problemResponses },
    },
    handler: async (request) => service.checkRegistration(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/project-registrations',
    config: { access: 'project.approve' },
    schema: {
      tags,
      summary: 'Registration conflicts of projects within my scope (status=pending: the arbitration inbox)',
      querystring: projectRegistrationListQuerySchema,
      response: { 200: listResponseSchema(projectRegistrationSchema), ...problemResponses },
    },
    handler: async (request) => service.listRegistrations(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/project-registrations/:id',
    config: { access: 'project.approve' },
    schema: { tags, summary: 'One registration conflict', params: idParamsSchema, response: { 200: projectRegistrationSchema, ...problemResponses } },
    handler: async (request) => service.getRegistration(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'POST',
    url: '/project-registrations/:id/decide',
    config: { access: 'project.approve' },
    schema: {
      tags,
      summary: 'Decide a conflict: keep the holder, grant the newcomer or allow both (reason required; send the version, 409 when stale or decided)',
      params: idParamsSchema,
      body: registrationDecisionInputSchema,
      response: { 200: projectRegistrationSchema, ...problemResponses },
    },
    handler: async (request) => service.decideRegistration(db, requireActor(request), request.params.id, request.body),
  });
}
