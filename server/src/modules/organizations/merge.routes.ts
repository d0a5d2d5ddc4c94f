// HTTP for merging duplicates (CUS-3): two organisations, or two contacts. The service decides; see merge.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contactMergeInputSchema, mergeResultSchema, organizationMergeInputSchema } from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { mergeContacts } from '../contacts/contact-merge';
import { mergeOrganizations } from './merge';

export async function mergeRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;

  app.route({
    method: 'POST',
    url: '/organizations/merge',
    // Merging removes one organisation: the delete permission, and edit on the kept one (checked by the service).
    config: { access: 'organization.delete' },
    schema: {
      tags: ['organizations'],
      summary: 'Merge one organisation into another: fields chosen one by one, every related record moved, both histories kept',
      body: organizationMergeInputSchema,
      response: { 200: mergeResultSchema, ...problemResponses },
    },
    handler: async (request) => mergeOrganizations(db, requireActor(request), request.body),
  });

  app.route({
    method: 'POST',
    url: '/contacts/merge',
    config: { access: 'contact.delete' },
    schema: {
      tags: ['contacts'],
      summary: 'Merge one contact into another: fields chosen one by one, positions and ties moved, both histories kept',
      body: contactMergeInputSchema,
      response: { 200: mergeResultSchema, ...problemResponses },
    },
    handler: async (request) => mergeContacts(db, requireActor(request), request.body),
  });
}
