// HTTP for comment threads (ACT-3, 点评) — /api/v1/comments/{activity|work_report}/:recordId and /api/v1/comments/:id —
// and the coaching view /api/v1/coaching. Each record type's thread is its own route, so the permission it needs
// (activity.view, work_report.view) is declared, documented and checked at the door.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  coachingQuerySchema,
  coachingSchema,
  commentableTypes,
  commentInputSchema,
  commentListSchema,
  commentParamsSchema,
  commentSchema,
  idParamsSchema,
} from '@openpsm/contracts';
import { requireActor } from '../../platform/http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../../platform/http/route-kit';
import { coachingView } from './coaching.service';
import { commentPermission, createComment, deleteComment, listComments } from './comments.service';

const recordParamsSchema = commentParamsSchema.pick({ recordId: true });

export async function commentRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['comments'];

  for (const recordType of commentableTypes) {
    const config = { access: commentPermission[recordType] };
    app.route({
      method: 'GET',
      url: `/comments/${recordType}/:recordId`,
      config,
      schema: { tags, summary: `The comment thread of a record of type ${recordType}, oldest first (404 when I cannot read the record)`, params: recordParamsSchema, response: { 200: commentListSchema, ...problemResponses } },
      handler: async (request) => listComments(db, requireActor(request), recordType, request.params.recordId),
    });
    app.route({
      method: 'POST',
      url: `/comments/${recordType}/:recordId`,
      config,
      schema: {
        tags,
        summary: `Comment on a record of type ${recordType} (its owner and the thread’s earlier participants are notified)`,
        params: recordParamsSchema,
        body: commentInputSchema,
        response: { 201: commentSchema, ...problemResponses },
      },
      handler: async (request, reply) => reply.code(201).send(await createComment(db, requireActor(request), recordType, request.params.recordId, request.body)),
    });
  }

  app.route({
    method: 'DELETE',
    url: '/comments/:id',
    // Either thread's permission may apply: the service checks the one of the comment's record.
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Remove my comment (403 for another’s comment; 404 when I cannot read the record)', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await deleteComment(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/coaching',
    config: { access: 'activity.view' },
    schema: {
      tags: ['coaching'],
      summary: 'A rep’s recent activities and submitted reports with their comments (the rep must be within my activity scope)',
      querystring: coachingQuerySchema,
      response: { 200: coachingSchema, ...problemResponses },
    },
    handler: async (request) => coachingView(db, requireActor(request), request.query),
  });
}
