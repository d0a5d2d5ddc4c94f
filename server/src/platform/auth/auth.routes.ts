// HTTP for sign-in, the current user, sessions and API tokens.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiTokenSchema,
  changePasswordInputSchema,
  createApiTokenInputSchema,
  currentUserSchema,
  forgotPasswordInputSchema,
  idParamsSchema,
  loginInputSchema,
  loginResponseSchema,
  resetPasswordInputSchema,
  sessionSchema,
  updateProfileInputSchema,
} from '@openpsm/contracts';
import { actorFromToken } from './session-lookup';
import { CSRF_COOKIE, requireActor, SESSION_COOKIE } from '../http/authenticate';
import { baseUrl, noContent, problemResponses, type AppDeps } from '../http/route-kit';
import { AppError } from '../errors';
import { newToken } from './tokens';
import * as auth from './auth.service';

export async function authRoutes(fastify: FastifyInstance, { database, config }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['auth'];

  app.route({
    method: 'POST',
    url: '/auth/login',
    config: { access: 'public', rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Sign in with username or e-mail', body: loginInputSchema, response: { 200: loginResponseSchema, ...problemResponses } },
    handler: async (request, reply) => {
      const { token } = await auth.login(db, config, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        previousToken: request.cookies[SESSION_COOKIE] ?? null,
      });
      const actor = await actorFromToken(db, token, request.ip);
      if (!actor) throw new AppError('invalid_credentials');
      const secure = request.protocol === 'https';
      const maxAge = config.sessionDays * 86_400;
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
      reply.setCookie(CSRF_COOKIE, newToken(), { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge });
      return { user: await auth.currentUser(db, actor), token };
    },
  });

  app.route({
    method: 'POST',
    url: '/auth/logout',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Sign out (revokes this session)', response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await auth.logout(db, requireActor(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/auth/me',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The signed-in user with permissions and scopes', response: { 200: currentUserSchema, ...problemResponses } },
    handler: async (request) => auth.currentUser(db, requireActor(request)),
  });

  app.route({
    method: 'PATCH',
    url: '/auth/me',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Edit my profile and language', body: updateProfileInputSchema, response: { 200: currentUserSchema, ...problemResponses } },
    handler: async (request) => {
      const actor = requireActor(request);
      await auth.updateProfile(db, actor, request.body);
      return auth.currentUser(db, actor);
    },
  });

  app.route({
    method: 'POST',
    url: '/auth/change-password',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change my password', body: changePasswordInputSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await auth.changePassword(db, requireActor(request), request.body);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'POST',
    url: '/auth/forgot-password',
    config: { access: 'public', rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags, summary: 'E-mail a one-time password reset link', body: forgotPasswordInputSchema, response: { 202: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await auth.requestPasswordReset(db, config, request.body.login, baseUrl(request), request.ip);
      return reply.code(202).send(null);
    },
  });

  app.route({
    method: 'POST',
    url: '/auth/reset-password',
    config: { access: 'public', rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Set a new password with a reset link token', body: resetPasswordInputSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await auth.resetPassword(db, request.body, request.ip);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/auth/sessions',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'My open sessions and API tokens', response: { 200: z.object({ items: z.array(sessionSchema) }), ...problemResponses } },
    handler: async (request) => ({ items: await auth.listSessions(db, requireActor(request)) }),
  });

  app.route({
    method: 'DELETE',
    url: '/auth/sessions/:id',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Revoke one of my sessions or tokens', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await auth.revokeSession(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/auth/api-tokens',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'My personal API tokens', response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...problemResponses } },
    handler: async (request) => ({ items: await auth.listApiTokens(db, requireActor(request)) }),
  });

  app.route({
    method: 'POST',
    url: '/auth/api-tokens',
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Create a personal API token (shown once)',
      body: createApiTokenInputSchema,
      response: { 201: z.object({ token: z.string(), apiToken: apiTokenSchema }), ...problemResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await auth.createApiToken(db, requireActor(request), request.body)),
  });
}
