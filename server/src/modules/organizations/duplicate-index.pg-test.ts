// PostgreSQL only (several connections): an organisation written by a transaction that was open during a refresh and
// commits after it — its updated_at is its start, before that refresh — is still seen by the next refresh.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { OrganizationDuplicateIndex } from './duplicate-index';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('OrganizationDuplicateIndex on PostgreSQL', () => {
  it('sees rows of a transaction that was open across a refresh', async () => {
    const index = await OrganizationDuplicateIndex.load(t.database.db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const writer = t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      started();
      await held;
      await tx.execute(sql`insert into organizations (name, type, number) values ('杭州迟到提交机电有限公司', 'owner', 'LATE-1')`);
    });
    await inside;
    // Its rows will carry its start time: let the clock move well past it (more than the clock margin) first.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await index.refresh(t.database.db);
    release();
    await writer;
    expect(index.bestMatch({ name: '杭州迟到提交机电有限公司' })).toBeNull();
    await index.refresh(t.database.db);
    expect(index.bestMatch({ name: '迟到提交机电' })).not.toBeNull();
  });
});
