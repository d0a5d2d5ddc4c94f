// HTTP for /api/v1/imports: upload (multipart) per record type, mapping, preview, run, progress, problems, error report.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  idParamsSchema,
  importJobSchema,
  importJobSummarySchema,
  importListQuerySchema,
  importMappingInputSchema,
  importProblemsQuerySchema,
  importRowProblemSchema,
  listResponseSchema,
} from '@openpsm/contracts';
import { requireActor } from '../http/authenticate';
import { problemResponses, type AppDeps } from '../http/route-kit';
import { AppError } from '../errors';
import { MAX_IMPORT_BYTES } from './import.parse';
import { buildErrorReport } from './import.report';
import { registerImporters, registeredImporters } from './importers';
import * as service from './import.service';

async function readUpload(request: FastifyRequest): Promise<{ fileName: string; buffer: Buffer }> {
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data (field "file")', [{ path: 'file', code: 'import_multipart', message: 'import_multipart' }]);
  }
  try {
    const file = await request.file();
    if (!file) throw new AppError('invalid_input', 'No file in the request', [{ path: 'file', code: 'required', message: 'required' }]);
    return { fileName: file.filename || 'upload.xlsx', buffer: await file.toBuffer() };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('payload_too_large', `At most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, [{ path: 'file', code: 'import_file_too_large', message: String(MAX_IMPORT_BYTES) }]);
    }
    throw new AppError('invalid_input', 'Unreadable upload', [{ path: 'file', code: 'import_unreadable', message: 'import_unreadable' }]);
  }
}

export async function importRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  registerImporters();
  await fastify.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 6 } });
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['imports'];

  // One upload route per record type, so each declares its own permission (organization.import, contact.import …).
  for (const importer of registeredImporters()) {
    app.route({
      method: 'POST',
      url: `/imports/${importer.recordType}`,
      config: { access: importer.permission },
      schema: {
        tags,
        summary: `Upload an .xlsx or .csv file of ${importer.recordType} rows (multipart field "file"): 201 with headers and a suggested mapping`,
        consumes: ['multipart/form-data'],
        response: { 201: importJobSchema, 413: problemResponses[400], 415: problemResponses[400], ...problemResponses },
      },
      handler: async (request, reply) => {
        const upload = await readUpload(request);
        return reply.code(201).send(await service.uploadImport(db, requireActor(request), { recordType: importer.recordType, ...upload }));
      },
    });
  }

  // The job routes are for signed-in users: an import is its uploader's alone (another's is a 404), and the
  // service checks the record type's import permission again on every step.
  app.route({
    method: 'GET',
    url: '/imports',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'My imports, newest first', querystring: importListQuerySchema, response: { 200: listResponseSchema(importJobSummarySchema), ...problemResponses } },
    handler: async (request) => service.listImports(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/imports/:id',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'One import: mapping, preview counts, progress', params: idParamsSchema, response: { 200: importJobSchema, ...problemResponses } },
    handler: async (request) => service.getImport(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'PUT',
    url: '/imports/:id/mapping',
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Set the column mapping (remembered for files of this shape) and the duplicate action',
      params: idParamsSchema,
      body: importMappingInputSchema,
      response: { 200: importJobSchema, ...problemResponses },
    },
    handler: async (request) => service.setImportMapping(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'POST',
    url: '/imports/:id/preview',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Validate and duplicate-check every row without saving; problems via /problems', params: idParamsSchema, response: { 200: importJobSchema, ...problemResponses } },
    handler: async (request) => service.previewImport(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'GET',
    url: '/imports/:id/problems',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Problem rows of the preview or the run, by row', params: idParamsSchema, querystring: importProblemsQuerySchema, response: { 200: listResponseSchema(importRowProblemSchema), ...problemResponses } },
    handler: async (request) => service.listImportProblems(db, requireActor(request), request.params.id, request.query),
  });

  app.route({
    method: 'POST',
    url: '/imports/:id/run',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Queue the import as a background job (202); a failed one resumes, a completed one runs again', params: idParamsSchema, response: { 202: importJobSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(202).send(await service.startImport(db, requireActor(request), request.params.id)),
  });

  app.route({
    method: 'POST',
    url: '/imports/:id/cancel',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Stop a queued or running import after the batch in flight', params: idParamsSchema, response: { 200: importJobSchema, ...problemResponses } },
    handler: async (request) => service.cancelImport(db, requireActor(request), request.params.id),
  });

  app.route({
    method: 'GET',
    url: '/imports/:id/report',
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'The error report (xlsx): each problem row with its values and every problem',
      params: idParamsSchema,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
    handler: async (request, reply) => {
      const { buffer, fileName } = await buildErrorReport(db, requireActor(request), request.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="import-problems.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  });
}
