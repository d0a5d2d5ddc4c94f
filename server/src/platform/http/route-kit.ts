// Small helpers every routes file shares: the typed app, list-query defaults, the request's base URL.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problemSchema } from '@openpsm/contracts';
import type { AppConfig } from '../../config';
import type { Database } from '../../db/client';

export type AppDeps = { database: Database; config: AppConfig };

/** Error responses every operation may give, declared once for the OpenAPI document. */
export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
  429: problemSchema,
};

export const noContent = z.null().describe('No content');

export function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function sendCreated<T>(reply: FastifyReply, body: T) {
  return reply.code(201).send(body);
}
