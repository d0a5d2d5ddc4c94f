// HTTP for relationship ties and graphs (CUS-7): ties under their organisation or contact, graphs under /graph.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  graphQuerySchema,
  graphSchema,
  idParamsSchema,
  organizationTieInputSchema,
  organizationTieSchema,
  pathQuerySchema,
  pathSchema,
  personTieInputSchema,
  personTieSchema,
  tieRemovalSchema,
} from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { contactGraph, organizationGraph } from './graph.service';
import { addOrganizationTie, listOrganizationTies, removeOrganizationTie } from './organization-ties.service';
import { shortestPersonPath } from './person-path.service';
import { addPersonTie, listPersonTies, removePersonTie } from './person-ties.service';

const tieParamsSchema = z.object({ id: z.uuid(), tieId: z.uuid() });

export async function relationshipRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['relationships'];

  app.route({
    method: 'GET',
    url: '/organizations/:id/ties',
    config: { access: 'organization.view' },
    schema: {
      tags,
      summary: "The organisation's ties to other organisations (one out of scope is a name only)",
      params: idParamsSchema,
      response: { 200: z.object({ items: z.array(organizationTieSchema) }), ...problemResponses },
    },
    handler: async (request) => ({ items: await listOrganizationTies(db, requireActor(request), request.params.id) }),
  });

  app.route({
    method: 'POST',
    url: '/organizations/:id/ties',
    config: { access: 'organization.edit' },
    schema: {
      tags,
      summary: 'Tie the organisation (writable) to another (readable); 409 duplicate_tie, 422 self_tie',
      params: idParamsSchema,
      body: organizationTieInputSchema,
      response: { 201: z.object({ items: z.array(organizationTieSchema) }), ...problemResponses },
    },
    handler: async (request, reply) => reply.code(201).send({ items: await addOrganizationTie(db, requireActor(request), request.params.id, request.body) }),
  });

  app.route({
    method: 'DELETE',
    url: '/organizations/:id/ties/:tieId',
    config: { access: 'organization.edit' },
    schema: { tags, summary: 'Remove a tie (optional body: a note for both histories)', params: tieParamsSchema, body: tieRemovalSchema.nullish(), response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await removeOrganizationTie(db, requireActor(request), request.params.id, request.params.tieId, request.body?.note);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/contacts/:id/ties',
    config: { access: 'contact.view' },
    schema: {
      tags,
      summary: "The contact's ties to other contacts and to our users (contacts of unreadable organisations are left out)",
      params: idParamsSchema,
      response: { 200: z.object({ items: z.array(personTieSchema) }), ...problemResponses },
    },
    handler: async (request) => ({ items: await listPersonTies(db, requireActor(request), request.params.id) }),
  });

  app.route({
    method: 'POST',
    url: '/contacts/:id/ties',
    config: { access: 'contact.edit' },
    schema: {
      tags,
      summary: 'Tie the contact (writable organisation) to another contact (readable) or one of our users; 409 duplicate_tie, 422 self_tie',
      params: idParamsSchema,
      body: personTieInputSchema,
      response: { 201: z.object({ items: z.array(personTieSchema) }), ...problemResponses },
    },
    handler: async (request, reply) => reply.code(201).send({ items: await addPersonTie(db, requireActor(request), request.params.id, request.body) }),
  });

  app.route({
    method: 'DELETE',
    url: '/contacts/:id/ties/:tieId',
    config: { access: 'contact.edit' },
    schema: { tags, summary: 'Remove a person tie (optional body: a note for the history)', params: tieParamsSchema, body: tieRemovalSchema.nullish(), response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await removePersonTie(db, requireActor(request), request.params.id, request.params.tieId, request.body?.note);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/graph/organizations/:id',
    config: { access: 'organization.view' },
    schema: {
      tags,
      summary: 'The graph around an organisation: ties, its contacts and their ties, to a depth of 1–3; at most 300 nodes',
      params: idParamsSchema,
      querystring: graphQuerySchema,
      response: { 200: graphSchema, ...problemResponses },
    },
    handler: async (request) => organizationGraph(db, requireActor(request), request.params.id, request.query),
  });

  app.route({
    method: 'GET',
    url: '/graph/contacts/:id',
    config: { access: 'contact.view' },
    schema: {
      tags,
      summary: 'The graph around a contact: their organisation, their ties and onwards, to a depth of 1–3; at most 300 nodes',
      params: idParamsSchema,
      querystring: graphQuerySchema,
      response: { 200: graphSchema, ...problemResponses },
    },
    handler: async (request) => contactGraph(db, requireActor(request), request.params.id, request.query),
  });

  app.route({
    method: 'GET',
    url: '/graph/path',
    config: { access: 'contact.view' },
    schema: {
      tags,
      summary: 'The shortest chain of person ties from a user or contact (user:<id> | contact:<id>) to a contact; found=false when none within maxDepth',
      querystring: pathQuerySchema,
      response: { 200: pathSchema, ...problemResponses },
    },
    handler: async (request) => {
      const { from, to, maxDepth } = request.query;
      return shortestPersonPath(db, requireActor(request), from, to, maxDepth);
    },
  });
}
