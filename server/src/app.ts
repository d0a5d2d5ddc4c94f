// Builds the Fastify app: plugins, security, the one error handler, every module's routes, the web app.
import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { AppConfig } from './config';
import type { Database } from './db/client';
import { accessRoutes } from './platform/access/access.routes';
import { auditRoutes } from './platform/audit/audit.routes';
import { authRoutes } from './platform/auth/auth.routes';
import { AUTH_CHANGED_CHANNEL, forgetActors } from './platform/auth/actor-cache';
import { configRoutes } from './platform/config/config.routes';
import { withCustomFields } from './platform/config/custom-fields.openapi';
import { listCustomFields } from './platform/config/custom-fields.service';
import { registerAuthentication } from './platform/http/authenticate';
import { registerProblemHandlers } from './platform/http/problem';
import { notifyRoutes } from './platform/notify/notify.routes';
import { reminderRoutes } from './platform/reminders/reminders.routes';
import { startPushHub, type PushHub } from './platform/notify/push-hub';
import { orgStructureRoutes } from './platform/org-structure/org-structure.routes';
import { organizationRoutes } from './modules/organizations/organizations.routes';
import { mergeRoutes } from './modules/organizations/merge.routes';
import { importRoutes } from './platform/import/import.routes';
import { poolRoutes } from './modules/pool/pool.routes';
import { leadRoutes } from './modules/pool/leads.routes';
import { gradingRoutes } from './modules/grading/grading.routes';
import { relationshipRoutes } from './modules/relationships/relationships.routes';
import { contactRoutes } from './modules/contacts/contacts.routes';
import { registerOrganizationDeletion } from './modules/organizations/organization-deletion';
import { approvalRoutes } from './platform/approvals/approvals.routes';
import { registerSearchProviders } from './platform/search/register-search-providers';
import { searchRoutes } from './platform/search/search.routes';
import { viewRoutes } from './platform/views/views.routes';
import { projectRoutes } from './modules/projects/projects.routes';
import { pipelineRoutes } from './modules/pipeline/pipeline.routes';
import { projectPlanRoutes } from './modules/project-plan/project-plan.routes';
import { projectInsightRoutes } from './modules/project-insight/project-insight.routes';
import { registrationRoutes } from './modules/registration/registration.routes';
import { tenderRoutes } from './modules/tenders/tenders.routes';
import { attachmentRoutes } from './platform/files/attachments.routes';
import { methodologyRoutes } from './modules/methodology/methodology.routes';
import { registerStageOverride } from './modules/methodology/stage-override';
import { activityRoutes } from './modules/activities/activities.routes';
import { workReportRoutes } from './modules/work-reports/work-reports.routes';
import { commentRoutes } from './modules/work-reports/comments.routes';
import { teamActivityRoutes } from './modules/team-activity/team-activity.routes';
import { serializerCompiler, validatorCompiler } from './platform/http/zod-compilers';

export type BuildAppOptions = { database: Database; config: AppConfig; logger?: boolean };

/** Modules plug their document types into the approval engine before anything can submit one. */
export function registerDocumentTypes() {
  registerOrganizationDeletion();
  registerStageOverride();
}

export async function buildApp({ database, config, logger = true }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    // Request ids in logs let an operator follow one request across lines.
    requestIdHeader: 'x-request-id',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const serveWebApp = fs.existsSync(config.webDist);
  registerProblemHandlers(app, { serveWebApp });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'OpenPSM API', version: '1.0.0', description: 'Project-sales management. Conventions: see API.md.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'psm_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuthentication(app, database.db);

  // Another instance changed sessions, roles or the org chart: forget the actors this one cached.
  const stopAuthListener = await database.listen(AUTH_CHANGED_CHANNEL, forgetActors);
  app.addHook('onClose', async () => stopAuthListener());
  const pushHub: PushHub = await startPushHub(database);
  app.addHook('onClose', async () => pushHub.stop());

  registerDocumentTypes();
  registerSearchProviders();
  const deps = { database, config };
  await app.register(
    async (api) => {
      await api.register(authRoutes, deps);
      await api.register(orgStructureRoutes, deps);
      await api.register(accessRoutes, deps);
      await api.register(configRoutes, deps);
      await api.register(auditRoutes, deps);
      await api.register(notifyRoutes, { ...deps, pushHub });
      await api.register(reminderRoutes, deps);
      await api.register(approvalRoutes, deps);
      await api.register(organizationRoutes, deps);
      await api.register(mergeRoutes, deps);
      await api.register(importRoutes, deps);
      await api.register(poolRoutes, deps);
      await api.register(leadRoutes, deps);
      await api.register(gradingRoutes, deps);
      await api.register(relationshipRoutes, deps);
      await api.register(contactRoutes, deps);
      await api.register(searchRoutes, deps);
      await api.register(viewRoutes, deps);
      await api.register(projectRoutes, deps);
      await api.register(pipelineRoutes, deps);
      await api.register(projectPlanRoutes, deps);
      await api.register(projectInsightRoutes, deps);
      await api.register(registrationRoutes, deps);
      await api.register(tenderRoutes, deps);
      await api.register(attachmentRoutes, deps);
      await api.register(methodologyRoutes, deps);
      await api.register(activityRoutes, deps);
      await api.register(workReportRoutes, deps);
      await api.register(commentRoutes, deps);
      await api.register(teamActivityRoutes, deps);
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
        withCustomFields(app.swagger() as { paths?: Record<string, unknown> }, await listCustomFields(database.db)),
      );
    },
    { prefix: '/api/v1' },
  );

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await database.query('select 1');
    return { status: 'ok', db: database.engine };
  });

  if (serveWebApp) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, maxAge: '1h', immutable: false });
  }
  return app;
}
