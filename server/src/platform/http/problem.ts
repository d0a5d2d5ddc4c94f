// Maps every error to application/problem+json; a 5xx only for a real bug, never for client input.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem } from '../errors';

const isCodeWord = (value: string | undefined): value is string => Boolean(value && /^[a-z][a-z_]*$/.test(value));

function problemsFromValidation(error: FastifyError & { validation?: unknown[]; validationContext?: string }): FieldProblem[] {
  return (error.validation ?? []).map((raw) => {
    const entry = raw as { keyword?: string; instancePath?: string; message?: string };
    const path = (entry.instancePath ?? '').split('/').filter(Boolean).join('.');
    const message = entry.message ?? 'invalid';
    // Our own refinements carry their code as the message (e.g. credit_code_format); zod's own use its issue code.
    const code = isCodeWord(entry.message) ? entry.message : (entry.keyword ?? 'invalid');
    return { path: path || (error.validationContext ?? 'body'), code, message };
  });
}

const fastifyCodes: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length' },
};

/** The SQLSTATE of a database error, wherever the driver or Drizzle wrapped it. */
function databaseErrorCode(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 5; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export function registerProblemHandlers(app: FastifyInstance, options: { serveWebApp: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, code: string, detail?: string, errors?: FieldProblem[], extra?: Record<string, unknown>) =>
      reply
        .code(status)
        .type('application/problem+json')
        .send({ type: `https://openpsm.dev/problems/${code}`, title: code.replaceAll('_', ' '), status, code, detail, errors, ...extra });

    if (error instanceof AppError) return send(error.status, error.code, error.detail, error.errors, error.extra);
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(400, 'invalid_input', 'Invalid input', problemsFromValidation(error));
    }
    if (error.validation) return send(400, 'invalid_input', error.message, problemsFromValidation(error));
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return send(known.status, known.code, error.message);
    if (error.statusCode === 429) return send(429, 'rate_limited', 'Too many requests');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(error.statusCode, 'invalid_request', error.message);
    }
    // A value the schemas let through but PostgreSQL refuses (SQLSTATE class 22, "data exception": a NUL
    // character, a number out of range) came from the request: a 400, not a crash.
    if (databaseErrorCode(error)?.startsWith('22')) return send(400, 'invalid_input', 'A value is not acceptable to the database');
    if (isResponseSerializationError(error)) request.log.error({ issues: error.cause.issues }, 'response does not match its schema');
    else request.log.error(error);
    return send(500, 'internal_error', 'An unexpected error occurred');
  });

  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any other GET outside /api answers its index.html.
    // Paths with a file extension are assets: a missing one is a 404, not the page (a blank screen).
    const isPage = !request.url.startsWith('/api/') && !/\.[a-z0-9]+($|\?)/i.test(request.url);
    if (options.serveWebApp && request.method === 'GET' && isPage) {
      return reply.type('text/html').sendFile('index.html', { maxAge: 0 });
    }
    return reply
      .code(404)
      .type('application/problem+json')
      .send({ type: 'https://openpsm.dev/problems/not_found', title: 'not found', status: 404, code: 'not_found' });
  });
}
