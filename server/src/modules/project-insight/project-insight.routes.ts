// HTTP for project insight (PRJ-4, 5, 8): the stakeholder map with its gaps, competitors, the scores with their parts,
// and the project settings. Registering the plugin also attaches the score hook to every project change.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  competitorParamsSchema,
  idParamsSchema,
  projectCompetitorInputSchema,
  projectCompetitorListSchema,
  projectCompetitorPatchSchema,
  projectCompetitorSchema,
  projectScoresSchema,
  projectSettingsInputSchema,
  projectSettingsSchema,
  stakeholderInputSchema,
  stakeholderListSchema,
  stakeholderParamsSchema,
  stakeholderPatchSchema,
  stakeholderSchema,
} from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, sendCreated, type AppDeps } from '../../platform/http/route-kit';
import { projectInScope } from '../projects/project-access';
import * as competitors from './competitors.service';
import { projectScoreParts, registerProjectScoreHook, scoreOpenProjects } from './project-scores';
import { getProjectSettings, updateProjectSettings } from './project-settings.service';
import * as stakeholders from './stakeholders.service';

export async function projectInsightRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  registerProjectScoreHook();

  app.route({
    method: 'GET',
    url: '/competitor-options',
    config: { access: 'project.view' },
    schema: {
      tags: ['project competitors'],
      summary: 'Competitor organisations a project may name (all of them: competitors are market knowledge), by name',
      querystring: z.object({ q: z.string().max(100).optional() }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }), ...problemResponses },
    },
    handler: async (request) => competitors.competitorOptions(db, request.query.q),
  });

  const mapTags = ['project stakeholders'];
  app.route({
    method: 'GET',
    url: '/projects/:id/stakeholders',
    config: { access: 'project.view' },
    schema: { tags: mapTags, summary: 'The stakeholder map and its coverage gaps', params: idParamsSchema, response: { 200: stakeholderListSchema, ...problemResponses } },
    handler: async (request) => stakeholders.listStakeholders(db, requireActor(request), request.params.id),
  });
  app.route({
    method: 'POST',
    url: '/projects/:id/stakeholders',
    config: { access: 'project.edit' },
    schema: {
      tags: mapTags,
      summary: 'Put a contact the caller can read on the map (role, attitude, relationship default to the contact’s)',
      params: idParamsSchema,
      body: stakeholderInputSchema,
      response: { 201: stakeholderSchema, ...problemResponses },
    },
    handler: async (request, reply) => sendCreated(reply, await stakeholders.addStakeholder(db, requireActor(request), request.params.id, request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/projects/:id/stakeholders/:stakeholderId',
    config: { access: 'project.edit' },
    schema: { tags: mapTags, summary: 'Change a stakeholder (send the version)', params: stakeholderParamsSchema, body: stakeholderPatchSchema, response: { 200: stakeholderSchema, ...problemResponses } },
    handler: async (request) => stakeholders.updateStakeholder(db, requireActor(request), request.params.id, request.params.stakeholderId, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/projects/:id/stakeholders/:stakeholderId',
    config: { access: 'project.edit' },
    schema: { tags: mapTags, summary: 'Take a contact off the map', params: stakeholderParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await stakeholders.removeStakeholder(db, requireActor(request), request.params.id, request.params.stakeholderId);
      return reply.code(204).send(null);
    },
  });

  const competitionTags = ['project competitors'];
  app.route({
    method: 'GET',
    url: '/projects/:id/competitors',
    config: { access: 'project.view' },
    schema: { tags: competitionTags, summary: 'Competitors on the project', params: idParamsSchema, response: { 200: projectCompetitorListSchema, ...problemResponses } },
    handler: async (request) => competitors.listCompetitors(db, requireActor(request), request.params.id),
  });
  app.route({
    method: 'POST',
    url: '/projects/:id/competitors',
    config: { access: 'project.edit' },
    schema: {
      tags: competitionTags,
      summary: 'Put a competitor organisation on the project (422 when the organisation is not of type competitor)',
      params: idParamsSchema,
      body: projectCompetitorInputSchema,
      response: { 201: projectCompetitorSchema, ...problemResponses },
    },
    handler: async (request, reply) => sendCreated(reply, await competitors.addCompetitor(db, requireActor(request), request.params.id, request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/projects/:id/competitors/:competitorId',
    config: { access: 'project.edit' },
    schema: { tags: competitionTags, summary: 'Change a competitor’s offer, price, strengths, weaknesses, threat (send the version)', params: competitorParamsSchema, body: projectCompetitorPatchSchema, response: { 200: projectCompetitorSchema, ...problemResponses } },
    handler: async (request) => competitors.updateCompetitor(db, requireActor(request), request.params.id, request.params.competitorId, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/projects/:id/competitors/:competitorId',
    config: { access: 'project.edit' },
    schema: { tags: competitionTags, summary: 'Take a competitor off the project', params: competitorParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await competitors.removeCompetitor(db, requireActor(request), request.params.id, request.params.competitorId);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/projects/:id/scores',
    config: { access: 'project.view' },
    schema: { tags: ['project scores'], summary: 'Deal health and value grade with the parts they are made of (as of now)', params: idParamsSchema, response: { 200: projectScoresSchema, ...problemResponses } },
    handler: async (request) => {
      await projectInScope(db, requireActor(request), request.params.id);
      return projectScoreParts(db, request.params.id);
    },
  });

  const settingsTags = ['project settings'];
  app.route({
    method: 'GET',
    url: '/project-settings',
    config: { access: 'project.view' },
    schema: { tags: settingsTags, summary: 'Value model, stalled days and registration protection days', response: { 200: projectSettingsSchema, ...problemResponses } },
    handler: async () => getProjectSettings(db),
  });
  app.route({
    method: 'PUT',
    url: '/project-settings',
    config: { access: 'project.configure' },
    schema: { tags: settingsTags, summary: 'Change the project settings (send the version); open projects are re-scored at once', body: projectSettingsInputSchema, response: { 200: projectSettingsSchema, ...problemResponses } },
    handler: async (request) => updateProjectSettings(db, requireActor(request), request.body, (tx) => scoreOpenProjects(tx)),
  });
}
