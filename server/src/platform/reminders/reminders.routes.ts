// HTTP for the caller's own reminders: the e-mail preference, the list of upcoming and recent ones, today's agenda.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { agendaSchema, myRemindersSchema, reminderSettingsSchema } from '@openpsm/contracts';
import { requireActor } from '../http/authenticate';
import { problemResponses, type AppDeps } from '../http/route-kit';
import { getMyAgenda } from './reminder-agenda';
import { getReminderSettings, listMyReminders, updateReminderSettings } from './reminders.service';

export async function reminderRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['reminders'];

  app.route({
    method: 'GET',
    url: '/me/reminder-settings',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'How I get reminders by e-mail (off, immediate, digest)', response: { 200: reminderSettingsSchema, ...problemResponses } },
    handler: async (request) => getReminderSettings(db, requireActor(request).userId),
  });
  app.route({
    method: 'PUT',
    url: '/me/reminder-settings',
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Set how I get reminders by e-mail; in-app delivery is always on',
      body: reminderSettingsSchema,
      response: { 200: reminderSettingsSchema, ...problemResponses },
    },
    handler: async (request) => updateReminderSettings(db, requireActor(request).userId, request.body),
  });
  app.route({
    method: 'GET',
    url: '/me/reminders',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'My pending reminders (soonest first) and the last 20 sent', response: { 200: myRemindersSchema, ...problemResponses } },
    handler: async (request) => listMyReminders(db, requireActor(request).userId),
  });
  app.route({
    method: 'GET',
    url: '/me/agenda',
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "Today's items in the company time zone: open tasks due today or overdue, planned activities, reminders",
      response: { 200: agendaSchema, ...problemResponses },
    },
    handler: async (request) => getMyAgenda(db, requireActor(request).userId),
  });
}
