// HTTP for option lists, numbering rules, company settings and custom field definitions.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  customFieldInputSchema,
  customFieldPatchSchema,
  customFieldRecordTypes,
  customFieldSchema,
  idParamsSchema,
  numberingRulePatchSchema,
  numberingRuleSchema,
  optionInputSchema,
  optionPatchSchema,
  optionSchema,
  settingsPatchSchema,
  settingsSchema,
} from '@openpsm/contracts';
import { requireActor } from '../http/authenticate';
import { problemResponses, type AppDeps } from '../http/route-kit';
import { createCustomField, listCustomFields, updateCustomField } from './custom-fields.service';
import { listNumberingRules, updateNumberingRule } from './numbering.service';
import { createOption, getSettings, listOptions, updateOption, updateSettings } from './options.service';

export async function configRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['configuration'];

  // Forms everywhere need the option lists and field definitions, so any signed-in user reads them.
  app.route({
    method: 'GET',
    url: '/option-lists',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'All option lists', response: { 200: z.object({ items: z.array(optionSchema) }), ...problemResponses } },
    handler: async () => ({ items: await listOptions(db) }),
  });
  app.route({
    method: 'POST',
    url: '/option-lists',
    config: { access: 'config.configure' },
    schema: { tags, summary: 'Add an option', body: optionInputSchema, response: { 201: optionSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await createOption(db, requireActor(request), request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/option-lists/:id',
    config: { access: 'config.configure' },
    schema: { tags, summary: 'Edit or retire an option', params: idParamsSchema, body: optionPatchSchema, response: { 200: optionSchema, ...problemResponses } },
    handler: async (request) => updateOption(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'GET',
    url: '/numbering-rules',
    config: { access: 'config.view' },
    schema: { tags, summary: 'Document numbering rules', response: { 200: z.object({ items: z.array(numberingRuleSchema) }), ...problemResponses } },
    handler: async () => ({ items: await listNumberingRules(db) }),
  });
  app.route({
    method: 'PATCH',
    url: '/numbering-rules/:id',
    config: { access: 'config.configure' },
    schema: { tags, summary: 'Edit a numbering rule', params: idParamsSchema, body: numberingRulePatchSchema, response: { 200: numberingRuleSchema, ...problemResponses } },
    handler: async (request) => updateNumberingRule(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'GET',
    url: '/settings',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Company profile, currency, formats, fiscal year, time zone', response: { 200: settingsSchema, ...problemResponses } },
    handler: async () => getSettings(db),
  });
  app.route({
    method: 'PATCH',
    url: '/settings',
    config: { access: 'config.configure' },
    schema: { tags, summary: 'Edit settings', body: settingsPatchSchema, response: { 200: settingsSchema, ...problemResponses } },
    handler: async (request) => updateSettings(db, requireActor(request), request.body),
  });

  app.route({
    method: 'GET',
    url: '/custom-fields',
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Custom field definitions',
      querystring: z.object({ recordType: z.enum(customFieldRecordTypes).optional() }),
      response: { 200: z.object({ items: z.array(customFieldSchema) }), ...problemResponses },
    },
    handler: async (request) => ({ items: await listCustomFields(db, request.query.recordType) }),
  });
  app.route({
    method: 'POST',
    url: '/custom-fields',
    config: { access: 'config.configure' },
    schema: { tags, summary: 'Define a custom field', body: customFieldInputSchema, response: { 201: customFieldSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await createCustomField(db, requireActor(request), request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/custom-fields/:id',
    config: { access: 'config.configure' },
    schema: { tags, summary: 'Edit or retire a custom field', params: idParamsSchema, body: customFieldPatchSchema, response: { 200: customFieldSchema, ...problemResponses } },
    handler: async (request) => updateCustomField(db, requireActor(request), request.params.id, request.body),
  });
}
