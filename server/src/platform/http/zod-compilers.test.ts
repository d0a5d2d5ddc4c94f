// The compiled zod compilers keep the provider's behaviour: responses stripped to their schema, a response off its
// schema refused as a problem, request problems named one by one.
import Fastify, { type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerProblemHandlers } from './problem';
import { serializerCompiler, validatorCompiler } from './zod-compilers';

const cardSchema = z.object({ id: z.uuid(), name: z.string(), amount: z.string().nullable(), tags: z.array(z.string()) });
const boardSchema = z.object({ cards: z.array(cardSchema), total: z.number().int() });
const id = '5fdae557-c0cc-4856-82b1-21b4fc55879f';

describe('zod compilers', () => {
  let app: FastifyInstance;
  let answer: unknown;

  beforeAll(async () => {
    app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerProblemHandlers(app, { serveWebApp: false });
    const typed = app.withTypeProvider<ZodTypeProvider>();
    // The handler answers whatever the test sets, off its schema on purpose.
    typed.get('/board', { schema: { response: { 200: boardSchema } } }, async () => answer as z.infer<typeof boardSchema>);
    typed.post(
      '/cards',
      { schema: { body: z.object({ name: z.string().min(2, 'too_short'), amount: z.string().regex(/^\d+$/, 'money_format') }), response: { 200: z.object({ name: z.string() }) } } },
      async (request) => ({ name: request.body.name, secret: 'not declared' }),
    );
    await app.ready();
  });
  afterAll(() => app.close());

  it('sends only the fields a response schema declares', async () => {
    answer = { total: 1, cards: [{ id, name: '一期改造', amount: null, tags: ['A'], ownerPasswordHash: 'x' }], internal: true };
    const response = await app.inject('/board');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ total: 1, cards: [{ id, name: '一期改造', amount: null, tags: ['A'] }] });
  });

  it('refuses a response that does not match its schema, instead of sending it', async () => {
    answer = { total: 1.5, cards: [{ id: 'not-a-uuid', name: '一期改造', amount: null, tags: [] }] };
    const response = await app.inject('/board');
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('not-a-uuid');
  });

  it('strips undeclared fields from a handler answer and names every problem of a request', async () => {
    const ok = await app.inject({ method: 'POST', url: '/cards', payload: { name: '设备', amount: '100' } });
    expect(ok.json()).toEqual({ name: '设备' });
    const bad = await app.inject({ method: 'POST', url: '/cards', payload: { name: 'x', amount: '1.5元' } });
    expect(bad.statusCode).toBe(400);
    const problems = (bad.json() as { errors: { path: string; code: string }[] }).errors;
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'name', code: 'too_short' }), expect.objectContaining({ path: 'amount', code: 'money_format' })]));
  });
});
