// HTTP for a project's plan (PRJ-7): /api/v1/projects/:id/{plan,milestones,tasks,notes}. Who may do what is decided in
// plan-access.ts: the routes ask for project.view (a task's assignee may tick it off with view rights and read access)
// or project.edit, the service for the project's scope.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamsSchema,
  projectMilestoneInputSchema,
  projectMilestonePatchSchema,
  projectMilestoneSchema,
  projectNoteInputSchema,
  projectNoteSchema,
  projectPlanItemParamsSchema,
  projectPlanSchema,
  projectTaskInputSchema,
  projectTaskPatchSchema,
  projectTaskSchema,
} from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { createMilestone, deleteMilestone, listMilestones, milestonesOf, updateMilestone } from './milestones.service';
import { createNote, deleteNote, listNotes, notesOf } from './notes.service';
import { planProject } from './plan-access';
import { createTask, deleteTask, listTasks, tasksOf, updateTask } from './tasks.service';

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export async function projectPlanRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['project plan'];
  const edit = { access: 'project.edit' } as const;
  const view = { access: 'project.view' } as const;

  app.route({
    method: 'GET',
    url: '/projects/:id/plan',
    config: view,
    schema: { tags, summary: 'Milestones, tasks and tracking notes of a project in one read', params: idParamsSchema, response: { 200: projectPlanSchema, ...problemResponses } },
    handler: async (request) => {
      const actor = requireActor(request);
      const { canEdit } = await planProject(db, actor, request.params.id);
      const [milestones, tasks, notes] = await Promise.all([
        milestonesOf(db, request.params.id),
        tasksOf(db, actor, request.params.id, canEdit),
        notesOf(db, actor, request.params.id, canEdit),
      ]);
      return { milestones, tasks, notes, canEdit };
    },
  });

  // Milestones
  app.route({
    method: 'GET',
    url: '/projects/:id/milestones',
    config: view,
    schema: { tags, summary: 'Milestones of a project', params: idParamsSchema, response: { 200: items(projectMilestoneSchema), ...problemResponses } },
    handler: async (request) => listMilestones(db, requireActor(request), request.params.id),
  });
  app.route({
    method: 'POST',
    url: '/projects/:id/milestones',
    config: edit,
    schema: { tags, summary: 'Add a milestone', params: idParamsSchema, body: projectMilestoneInputSchema, response: { 201: projectMilestoneSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await createMilestone(db, requireActor(request), request.params.id, request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/projects/:id/milestones/:itemId',
    config: edit,
    schema: {
      tags,
      summary: 'Edit a milestone or mark it done (send its version; 409 when stale)',
      params: projectPlanItemParamsSchema,
      body: projectMilestonePatchSchema,
      response: { 200: projectMilestoneSchema, ...problemResponses },
    },
    handler: async (request) => updateMilestone(db, requireActor(request), request.params.id, request.params.itemId, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/projects/:id/milestones/:itemId',
    config: edit,
    schema: { tags, summary: 'Remove a milestone (its tasks stay, without it)', params: projectPlanItemParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await deleteMilestone(db, requireActor(request), request.params.id, request.params.itemId);
      return reply.code(204).send(null);
    },
  });

  // Tasks
  app.route({
    method: 'GET',
    url: '/projects/:id/tasks',
    config: view,
    schema: { tags, summary: 'Sub-tasks of a project', params: idParamsSchema, response: { 200: items(projectTaskSchema), ...problemResponses } },
    handler: async (request) => listTasks(db, requireActor(request), request.params.id),
  });
  app.route({
    method: 'POST',
    url: '/projects/:id/tasks',
    config: edit,
    schema: { tags, summary: 'Add a task (its assignee is notified)', params: idParamsSchema, body: projectTaskInputSchema, response: { 201: projectTaskSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await createTask(db, requireActor(request), request.params.id, request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/projects/:id/tasks/:itemId',
    // View rights suffice at the door: the assignee may complete their task with read access; the service decides.
    config: view,
    schema: {
      tags,
      summary: 'Edit a task (project write access), or complete / reopen it (also its assignee with read access); send its version',
      params: projectPlanItemParamsSchema,
      body: projectTaskPatchSchema,
      response: { 200: projectTaskSchema, ...problemResponses },
    },
    handler: async (request) => updateTask(db, requireActor(request), request.params.id, request.params.itemId, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/projects/:id/tasks/:itemId',
    config: edit,
    schema: { tags, summary: 'Remove a task', params: projectPlanItemParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await deleteTask(db, requireActor(request), request.params.id, request.params.itemId);
      return reply.code(204).send(null);
    },
  });

  // Tracking notes
  app.route({
    method: 'GET',
    url: '/projects/:id/notes',
    config: view,
    schema: { tags, summary: 'Tracking notes of a project, newest first', params: idParamsSchema, response: { 200: items(projectNoteSchema), ...problemResponses } },
    handler: async (request) => listNotes(db, requireActor(request), request.params.id),
  });
  app.route({
    method: 'POST',
    url: '/projects/:id/notes',
    config: edit,
    schema: { tags, summary: 'Add a tracking note (moves the last activity)', params: idParamsSchema, body: projectNoteInputSchema, response: { 201: projectNoteSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await createNote(db, requireActor(request), request.params.id, request.body)),
  });
  app.route({
    method: 'DELETE',
    url: '/projects/:id/notes/:itemId',
    config: edit,
    schema: { tags, summary: 'Delete an own tracking note', params: projectPlanItemParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await deleteNote(db, requireActor(request), request.params.id, request.params.itemId);
      return reply.code(204).send(null);
    },
  });
}
