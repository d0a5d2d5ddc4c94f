// Fastify's validator and serializer compilers for the routes' zod schemas, with zod's ahead-of-time compiler.
//
// fastify-type-provider-zod's serializer encodes a response (zod's backward direction), which takes the runtime path
// of every node: a board of 140 cards took 0.37 ms to check, four times a forward parse by the compiled schema
// (0.07 ms). Response schemas hold no transforms (an encode throws on one), so a forward parse gives the same output:
// the declared fields only, anything else stripped, a wrong shape refused (a `.default()` in one would fill a missing
// value where the encode left it out).
import { type FastifySchemaCompiler } from 'fastify';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { ResponseSerializationError, validatorCompiler as providerValidatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type AnySchema = z.ZodType;

/** The route's zod schema, whether given bare or as `{ properties: schema }` (as the provider accepts it). */
function zodSchemaOf(schema: unknown): AnySchema {
  if (schema instanceof z.ZodType) return schema;
  const wrapped = (schema as { properties?: unknown } | null)?.properties;
  if (wrapped instanceof z.ZodType) return wrapped;
  throw new Error(`Not a zod schema: ${JSON.stringify(schema)}`);
}

/** Request parts: the provider's compiler (its error shape feeds the problem handler), on the compiled schema. */
export const validatorCompiler: FastifySchemaCompiler<AnySchema> = (route) =>
  providerValidatorCompiler({ ...route, schema: z.compile(zodSchemaOf(route.schema)) });

/** Responses: parsed forward by the compiled schema, then JSON; a response off its schema is a 500 that says where. */
export const serializerCompiler: FastifySerializerCompiler<AnySchema> = ({ schema, method, url }) => {
  const compiled = z.compile(zodSchemaOf(schema));
  return (data) => {
    const result = compiled.safeParse(data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
