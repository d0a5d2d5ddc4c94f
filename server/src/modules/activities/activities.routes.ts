// HTTP for /api/v1/activities (ACT-1, ACT-6), /api/v1/tasks and /api/v1/calendar (ACT-2). Registering the plugin also
// registers activities as attachable (photos from the phone): files are read with the activity, written with write access.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityInputSchema,
  activityListQuerySchema,
  activityPatchSchema,
  activitySchema,
  calendarQuerySchema,
  calendarSchema,
  checkInputSchema,
  historyResponseSchema,
  idParamsSchema,
  listResponseSchema,
  taskInputSchema,
  taskListQuerySchema,
  taskPatchSchema,
  taskSchema,
} from '@openpsm/contracts';
import { forbidden } from '../../platform/errors';
import { registerAttachable } from '../../platform/files/attachables';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { activityInScope, writableActivity } from './activity-access';
import { checkActivity } from './activity-checkin';
import * as activitiesService from './activities.service';
import { getCalendar } from './calendar.service';
import * as tasksService from './tasks.service';

export function registerActivityAttachments() {
  registerAttachable(activitiesService.ACTIVITY, {
    canRead: async (db, actor, id) => {
      await activityInScope(db, actor, id);
    },
    canWrite: async (db, actor, id) => {
      // The file routes are open to signed-in users: the permission the activity routes declare is checked here.
      if (!actor.permissions.has('activity.edit')) {
        await activityInScope(db, actor, id);
        throw forbidden('Changing the files of an activity needs activity.edit');
      }
      await writableActivity(db, actor, id);
    },
  });
}

const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export async function activityRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  registerActivityAttachments();
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['activities'];
  const one = { 200: activitySchema, ...problemResponses };

  app.route({
    method: 'GET',
    url: '/activities',
    config: { access: 'activity.view' },
    schema: { tags, summary: 'Follow-up records and planned activities within my activity scope (default sort -startsAt)', querystring: activityListQuerySchema, response: { 200: listResponseSchema(activitySchema), ...problemResponses } },
    handler: async (request) => activitiesService.listActivities(db, requireActor(request), request.query),
  });
  app.route({
    method: 'POST',
    url: '/activities',
    config: { access: 'activity.create' },
    schema: {
      tags,
      summary: 'Log a follow-up (status done, the default: moves the last-activity dates; nextAt becomes a task) or plan one',
      body: activityInputSchema,
      response: { 201: activitySchema, ...problemResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await activitiesService.createActivity(db, requireActor(request), request.body)),
  });
  app.route({
    method: 'GET',
    url: '/activities/:id',
    config: { access: 'activity.view' },
    schema: { tags, summary: 'Read one activity', params: idParamsSchema, response: one },
    handler: async (request) => activitiesService.getActivity(db, requireActor(request), request.params.id),
  });
  app.route({
    method: 'PATCH',
    url: '/activities/:id',
    config: { access: 'activity.edit' },
    schema: { tags, summary: 'Edit, complete (status done) or cancel an activity (send its version; 409 when stale)', params: idParamsSchema, body: activityPatchSchema, response: one },
    handler: async (request) => activitiesService.updateActivity(db, requireActor(request), request.params.id, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/activities/:id',
    config: { access: 'activity.delete' },
    schema: { tags, summary: 'Delete an activity (soft)', params: idParamsSchema, querystring: versionQuery, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await activitiesService.deleteActivity(db, requireActor(request), request.params.id, request.query.version);
      return reply.code(204).send(null);
    },
  });
  app.route({
    method: 'GET',
    url: '/activities/:id/history',
    config: { access: 'activity.view' },
    schema: { tags, summary: 'Field-level change history', params: idParamsSchema, response: { 200: historyResponseSchema, ...problemResponses } },
    handler: async (request) => activitiesService.activityHistory(db, requireActor(request), request.params.id),
  });
  for (const kind of ['checkin', 'checkout'] as const) {
    app.route({
      method: 'POST',
      url: `/activities/:id/${kind === 'checkin' ? 'check-in' : 'check-out'}`,
      config: { access: 'activity.edit' },
      schema: {
        tags,
        summary: `Field ${kind === 'checkin' ? 'check-in' : 'check-out'} by the owner: the server's time; the position only with consent`,
        params: idParamsSchema,
        body: checkInputSchema,
        response: one,
      },
      handler: async (request) => checkActivity(db, requireActor(request), request.params.id, kind, request.body),
    });
  }

  const taskTags = ['tasks'];
  const oneTask = { 200: taskSchema, ...problemResponses };
  app.route({
    method: 'GET',
    url: '/tasks',
    config: { access: 'activity.view' },
    schema: { tags: taskTags, summary: 'Tasks: mine, assigned by me to others, my overdue ones, or my team’s', querystring: taskListQuerySchema, response: { 200: listResponseSchema(taskSchema), ...problemResponses } },
    handler: async (request) => tasksService.listTasks(db, requireActor(request), request.query),
  });
  app.route({
    method: 'POST',
    url: '/tasks',
    config: { access: 'activity.create' },
    schema: { tags: taskTags, summary: 'Create a task (reminded at remindAt, default dueAt; another assignee is told at once)', body: taskInputSchema, response: { 201: taskSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await tasksService.createTask(db, requireActor(request), request.body)),
  });
  app.route({
    method: 'GET',
    url: '/tasks/:id',
    config: { access: 'activity.view' },
    schema: { tags: taskTags, summary: 'Read one task', params: idParamsSchema, response: oneTask },
    handler: async (request) => tasksService.getTask(db, requireActor(request), request.params.id),
  });
  app.route({
    method: 'PATCH',
    url: '/tasks/:id',
    // View rights at the door: the assignee, the creator or their managers may edit; the service decides.
    config: { access: 'activity.view' },
    schema: { tags: taskTags, summary: 'Edit, complete or reopen a task (send its version; 409 when stale)', params: idParamsSchema, body: taskPatchSchema, response: oneTask },
    handler: async (request) => tasksService.updateTask(db, requireActor(request), request.params.id, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/tasks/:id',
    config: { access: 'activity.view' },
    schema: { tags: taskTags, summary: 'Delete a task (soft; its reminders are cancelled)', params: idParamsSchema, querystring: versionQuery, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await tasksService.deleteTask(db, requireActor(request), request.params.id, request.query.version);
      return reply.code(204).send(null);
    },
  });
  app.route({
    method: 'GET',
    url: '/tasks/:id/history',
    config: { access: 'activity.view' },
    schema: { tags: taskTags, summary: 'Field-level change history of a task', params: idParamsSchema, response: { 200: historyResponseSchema, ...problemResponses } },
    handler: async (request) => tasksService.taskHistory(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'GET',
    url: '/calendar',
    config: { access: 'activity.view' },
    schema: {
      tags: ['calendar'],
      summary: 'Activities (planned and done) and tasks from `from` to `to` (at most 62 days): mine, or my team’s (one user, one department)',
      querystring: calendarQuerySchema,
      response: { 200: calendarSchema, ...problemResponses },
    },
    handler: async (request) => getCalendar(db, requireActor(request), request.query),
  });
}
