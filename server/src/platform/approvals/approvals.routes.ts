// HTTP for approval flows (administrators) and approvals (everyone's inbox): /api/v1/approval-flows, /api/v1/approvals.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approvalActionSchema,
  type ApprovalDetail,
  approvalCommentSchema,
  approvalCountsSchema,
  approvalDetailSchema,
  approvalFlowInputSchema,
  approvalFlowListQuerySchema,
  approvalFlowPatchSchema,
  approvalFlowSchema,
  approvalListQuerySchema,
  approvalRejectSchema,
  approvalReturnSchema,
  approvalSummarySchema,
  documentTypeInfoSchema,
  idParamsSchema,
  listResponseSchema,
} from '@openpsm/contracts';
import { requireActor } from '../http/authenticate';
import { noContent, problemResponses, type AppDeps } from '../http/route-kit';
import * as approvals from './approvals.service';
import * as inbox from './approval-inbox';
import { documentTypeInfos } from './document-types';
import * as flows from './flows.service';

export async function approvalRoutes(fastify: FastifyInstance, { database }: AppDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const flowTags = ['approval-flows'];
  const tags = ['approvals'];

  app.route({
    method: 'GET',
    url: '/approval-flows',
    config: { access: 'approval.view' },
    schema: { tags: flowTags, summary: 'Approval flows, by document type and priority', querystring: approvalFlowListQuerySchema, response: { 200: z.object({ items: z.array(approvalFlowSchema) }), ...problemResponses } },
    handler: async (request) => flows.listFlows(db, request.query),
  });

  app.route({
    method: 'GET',
    url: '/approval-flows/document-types',
    config: { access: 'approval.view' },
    schema: { tags: flowTags, summary: 'Document types that take approvals, with the fields conditions may use', response: { 200: z.object({ items: z.array(documentTypeInfoSchema) }), ...problemResponses } },
    handler: async () => ({ items: documentTypeInfos() }),
  });

  app.route({
    method: 'GET',
    url: '/approval-flows/:id',
    config: { access: 'approval.view' },
    schema: { tags: flowTags, summary: 'One approval flow with its current definition', params: idParamsSchema, response: { 200: approvalFlowSchema, ...problemResponses } },
    handler: async (request) => flows.getFlow(db, request.params.id),
  });

  app.route({
    method: 'POST',
    url: '/approval-flows',
    config: { access: 'approval.configure' },
    schema: { tags: flowTags, summary: 'Create an approval flow (checked whole: every problem is named)', body: approvalFlowInputSchema, response: { 201: approvalFlowSchema, ...problemResponses } },
    handler: async (request, reply) => reply.code(201).send(await flows.createFlow(db, requireActor(request), request.body)),
  });

  app.route({
    method: 'PATCH',
    url: '/approval-flows/:id',
    config: { access: 'approval.configure' },
    schema: {
      tags: flowTags,
      summary: 'Edit an approval flow; a changed chain or condition is a new definition version (instances in flight keep theirs)',
      params: idParamsSchema,
      body: approvalFlowPatchSchema,
      response: { 200: approvalFlowSchema, ...problemResponses },
    },
    handler: async (request) => flows.updateFlow(db, requireActor(request), request.params.id, request.body),
  });

  app.route({
    method: 'DELETE',
    url: '/approval-flows/:id',
    config: { access: 'approval.configure' },
    schema: { tags: flowTags, summary: 'Retire an approval flow (instances in flight finish on their version)', params: idParamsSchema, response: { 204: noContent, ...problemResponses } },
    handler: async (request, reply) => {
      await flows.deleteFlow(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/approvals',
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'My approvals: waiting for me, submitted by me, done by me — or every approval of one record I may read',
      querystring: approvalListQuerySchema,
      response: { 200: listResponseSchema(approvalSummarySchema), ...problemResponses },
    },
    handler: async (request) => inbox.listApprovals(db, requireActor(request), request.query),
  });

  app.route({
    method: 'GET',
    url: '/approvals/counts',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Counts for the sidebar', response: { 200: approvalCountsSchema, ...problemResponses } },
    handler: async (request) => inbox.approvalCounts(db, requireActor(request)),
  });

  app.route({
    method: 'GET',
    url: '/approvals/:id',
    config: { access: 'signed-in' },
    schema: { tags, summary: 'One approval: the chain, every step and comment, and what I may do', params: idParamsSchema, response: { 200: approvalDetailSchema, ...problemResponses } },
    handler: async (request) => inbox.getApproval(db, requireActor(request), request.params.id),
  });

  const action = <S extends z.ZodType>(verb: string, summary: string, body: S, run: (actor: ReturnType<typeof requireActor>, id: string, input: z.infer<S>) => Promise<ApprovalDetail>) =>
    app.route({
      method: 'POST',
      url: `/approvals/:id/${verb}`,
      config: { access: 'signed-in' },
      schema: { tags, summary, params: idParamsSchema, body, response: { 200: approvalDetailSchema, ...problemResponses } },
      handler: async (request) => run(requireActor(request), (request.params as { id: string }).id, request.body as z.infer<S>),
    });

  action('approve', 'Approve the current step (409 when it was already decided)', approvalActionSchema, (actor, id, input) => approvals.approve(db, actor, id, input));
  action('reject', 'Reject: the approval ends, the record stays as it is', approvalRejectSchema, (actor, id, input) => approvals.reject(db, actor, id, input));
  action('return', 'Return for changes: to the submitter, or to an earlier step', approvalReturnSchema, (actor, id, input) => approvals.returnApproval(db, actor, id, input));
  action('withdraw', 'Withdraw my request before it ends', approvalActionSchema, (actor, id, input) => approvals.withdraw(db, actor, id, input));
  action('resubmit', 'Resubmit my request after a return for changes', approvalActionSchema, (actor, id, input) => approvals.resubmit(db, actor, id, input));
  action('comments', 'Comment on an approval', approvalCommentSchema, (actor, id, input) => approvals.addComment(db, actor, id, input.comment));
}
