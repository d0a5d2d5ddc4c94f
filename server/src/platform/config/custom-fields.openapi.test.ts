// A custom field defined by an administrator appears in the OpenAPI document of its record type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('custom fields in OpenAPI', () => {
  it('lists the defined field with its type under customFields of organisation operations', async () => {
    const admin = await t.login('admin');
    const created = await t.call(admin, 'POST', '/api/v1/custom-fields', {
      recordType: 'organization',
      key: 'plantCapacity',
      labelZh: '装机容量',
      labelEn: 'Plant capacity',
      type: 'select',
      options: [{ code: 'small', labelZh: '小', labelEn: 'Small' }],
    });
    expect(created.status).toBe(201);
    const document = (await t.call(null, 'GET', '/api/v1/openapi.json')).body;
    const body = document.paths['/api/v1/organizations/'] ?? document.paths['/api/v1/organizations'];
    const schema = JSON.stringify(body.post);
    expect(schema).toContain('"plantCapacity":{"type":"string","enum":["small"]');
    expect(JSON.stringify(document.paths['/api/v1/users/'] ?? document.paths['/api/v1/users'])).not.toContain('plantCapacity');
  });
});
