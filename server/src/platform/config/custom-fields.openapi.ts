// Custom fields in the OpenAPI document: each record type's `customFields` object lists its defined fields.
import type { CustomField } from '@openpsm/contracts';

const pathPrefixes: Record<string, string> = { organization: '/api/v1/organizations', contact: '/api/v1/contacts' };

function jsonSchemaFor(field: CustomField): Record<string, unknown> {
  const description = `${field.labelZh} / ${field.labelEn}${field.required ? ' (required)' : ''}`;
  const codes = field.options.map((option) => option.code);
  switch (field.type) {
    case 'number':
      return { type: 'number', description };
    case 'money':
      return { type: 'string', pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$', description };
    case 'date':
      return { type: 'string', format: 'date', description };
    case 'select':
      return { type: 'string', enum: codes, description };
    case 'multi_select':
      return { type: 'array', items: { type: 'string', enum: codes }, description };
    case 'user':
      return { type: 'string', format: 'uuid', description };
    default:
      return { type: 'string', maxLength: field.type === 'long_text' ? 5000 : 200, description };
  }
}

function enrich(node: unknown, properties: Record<string, unknown>): void {
  if (Array.isArray(node)) return node.forEach((child) => enrich(child, properties));
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  const objectProperties = record.properties as Record<string, Record<string, unknown>> | undefined;
  if (objectProperties?.customFields) objectProperties.customFields = { ...objectProperties.customFields, type: 'object', properties };
  for (const value of Object.values(record)) enrich(value, properties);
}

/** Returns a copy of the document with the active custom field definitions written into it. */
export function withCustomFields<T extends { paths?: Record<string, unknown> }>(document: T, fields: CustomField[]): T {
  const copy = structuredClone(document);
  for (const [recordType, prefix] of Object.entries(pathPrefixes)) {
    const properties = Object.fromEntries(fields.filter((field) => field.recordType === recordType && field.active).map((field) => [field.key, jsonSchemaFor(field)]));
    for (const [path, operations] of Object.entries(copy.paths ?? {})) if (path.startsWith(prefix)) enrich(operations, properties);
  }
  return copy;
}
