// HTTP for my notifications, their live stream, and the administrators' mail outbox.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, listResponseSchema, notificationListSchema, outboxMailSchema } from '@openpsm/contracts';
import { requireActor } from '../http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../http/route-kit';
import { listOutbox } from './mail.service';
import { listNotifications, markAllRead, markRead } from './notifications.service';
import type { PushHub } from './push-hub';

export async function notifyRoutes(fastify: FastifyInstance, { database, pushHub }: AppDeps & { pushHub: PushHub }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['notifications'];

  app.route({
    method: 'GET',
    url: '/notifications',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'My latest notifications and the unread count', response: { 200: notificationListSchema, ...problemResponses } },
    handler: async (request) => listNotifications(db, requireActor(request).userId),
  });
  app.route({
    method: 'POST',
    url: '/notifications/:id/read',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Mark one as read', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await markRead(db, requireActor(request).userId, request.params.id);
      return reply.code(204).send(null);
    },
  });
  app.route({
    method: 'POST',
    url: '/notifications/read-all',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Mark all as read', response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await markAllRead(db, requireActor(request).userId);
      return reply.code(204).send(null);
    },
  });
  app.route({
    method: 'GET',
    url: '/notifications/stream',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Server-sent events: one `message` per new notification' },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      reply.raw.write(': connected\n\n');
      const unsubscribe = pushHub.subscribe(actor.userId, (notification) => reply.raw.write(`data: ${JSON.stringify(notification)}\n\n`));
      const heartbeat = setInterval(() => reply.raw.write(': ping\n\n'), 25_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  });

  app.route({
    method: 'GET',
    url: '/outbox',
    // The outbox holds password-reset links: whoever reads it can sign in as anyone, so it takes the
    // administrators' permission, not the configuration read that directors also have.
    config: { access: 'config.configure' },
    schema: {
      tags,
      summary: 'Outgoing mail kept by the server (sent or not)',
      querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: listResponseSchema(outboxMailSchema), ...problemResponses },
    },
    handler: async (request) => listOutbox(db, request.query.page, request.query.pageSize),
  });
}
