// HTTP for /api/v1/attachments: list and upload (multipart field "file") by record, download, soft delete. The routes
// are open to signed-in users; the record type's registered access check decides each call (404 / 403).
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { attachmentListSchema, attachmentRecordQuerySchema, attachmentSchema, idParamsSchema } from '@openpsm/contracts';
import { AppError } from '../errors';
import { requireActor } from '../http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../http/route-kit';
import * as service from './attachments.service';

async function readFile(request: FastifyRequest, maxBytes: number): Promise<service.Upload> {
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data (field "file")', [{ path: 'file', code: 'attachment_multipart', message: 'attachment_multipart' }]);
  }
  const tooLarge = () => new AppError('payload_too_large', `At most ${maxBytes} bytes`, [{ path: 'file', code: 'attachment_too_large', message: String(maxBytes) }]);
  try {
    const file = await request.file();
    if (!file) throw new AppError('invalid_input', 'No file in the request', [{ path: 'file', code: 'required', message: 'required' }]);
    const content = await file.toBuffer();
    if (file.file.truncated) throw tooLarge();
    if (content.length === 0) throw new AppError('invalid_input', 'The file is empty', [{ path: 'file', code: 'attachment_empty', message: 'attachment_empty' }]);
    return { fileName: file.filename || 'file', content };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw new AppError('invalid_input', 'Unreadable upload', [{ path: 'file', code: 'attachment_unreadable', message: 'attachment_unreadable' }]);
  }
}

export async function attachmentRoutes(fastify: FastifyInstance, { database, config }: AppDeps) {
  await fastify.register(multipart, { limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 5, parts: 6 } });
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['attachments'];

  app.route({
    method: 'GET',
    url: '/attachments',
    config: { access: 'signed-in' },
    schema: { tags, summary: "A record's files (needs read access to the record)", querystring: attachmentRecordQuerySchema, response: { 200: attachmentListSchema, ...problemResponses } },
    handler: async (request) => ({ items: await service.listAttachments(db, requireActor(request), request.query) }),
  });

  app.route({
    method: 'POST',
    url: '/attachments',
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Attach a file to a record (multipart field "file"; needs write access to the record; size limit ATTACHMENT_MAX_MB → 413; allowed endings only → 415)',
      querystring: attachmentRecordQuerySchema,
      consumes: ['multipart/form-data'],
      response: { 201: attachmentSchema, 413: problemResponses[400], 415: problemResponses[400], ...problemResponses },
    },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      const upload = await readFile(request, config.attachmentMaxBytes);
      return reply.code(201).send(await service.uploadAttachment(db, actor, request.query, upload));
    },
  });

  app.route({
    method: 'GET',
    url: '/attachments/:id/download',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Download a file (Content-Disposition carries the UTF-8 name)', params: idParamsSchema },
    handler: async (request, reply) => {
      const file = await service.downloadAttachment(db, requireActor(request), request.params.id);
      return reply.type(file.contentType).header('content-disposition', service.contentDisposition(file.fileName)).header('cache-control', 'private, no-store').send(file.content);
    },
  });

  app.route({
    method: 'DELETE',
    url: '/attachments/:id',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Remove a file (soft; needs write access to the record)', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await service.deleteAttachment(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
