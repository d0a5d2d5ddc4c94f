// Resolves who is asking and enforces each route's declared access before anything else runs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permission } from '@openpsm/contracts';
import type { Db } from '../../db/client';
import type { Actor } from '../access/actor';
import { actorFromToken } from '../auth/session-lookup';
import { AppError } from '../errors';

/** Every API route declares one: public, any signed-in user, or a function permission. */
export type RouteAccess = 'public' | 'signed-in' | Permission;

// Module augmentation needs interfaces: that is how TypeScript merges declarations.
/* eslint-disable @typescript-eslint/consistent-type-definitions */
declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** How the caller authenticated: cookie writes need the CSRF token, bearer tokens do not. */
    authVia: 'cookie' | 'bearer' | null;
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */

export const SESSION_COOKIE = 'psm_session';
export const CSRF_COOKIE = 'psm_csrf';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('not_signed_in', 'Sign in first');
  return request.actor;
}

export function registerAuthentication(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access; add config.access`);
    // The authorisation matrix test walks the OpenAPI document: only a public route may stay out of it.
    if ((route.schema as { hide?: boolean } | undefined)?.hide && access !== 'public') {
      throw new Error(`Route ${route.method} ${route.url} is hidden from the OpenAPI document but not public; the authorisation matrix would miss it`);
    }
    // The OpenAPI document carries each operation's permission, so the authorisation matrix test reads it.
    route.schema = { ...(route.schema ?? {}), 'x-permission': access } as typeof route.schema;
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const cookieToken = request.cookies[SESSION_COOKIE];
    const token = bearer || cookieToken;
    if (token) {
      request.actor = await actorFromToken(db, token, request.ip);
      request.authVia = request.actor ? (bearer ? 'bearer' : 'cookie') : null;
    }
    if (access === 'public') return;
    const actor = requireActor(request);
    if (request.authVia === 'cookie' && unsafeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (!sent || sent !== request.cookies[CSRF_COOKIE]) throw new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header');
    }
    if (access !== 'signed-in' && !actor.permissions.has(access)) {
      throw new AppError('forbidden', `Requires permission ${access}`);
    }
  });
}
