// The embedded database on its own thread (the server's PGlite): the client that drizzle, pg-boss and
// `Database` use must behave as PGlite in-process does — rows, PostgreSQL's error fields, transactions that
// commit, roll back and keep others waiting, LISTEN / NOTIFY, and a clear failure once closed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from './client';
import { PgliteThread } from './pglite-thread';

const notes = pgTable('thread_notes', {
  id: integer('id').primaryKey(),
  body: text('body').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

let folder: string;
let thread: PgliteThread;
let database: Database;

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'openpsm-thread-'));
  thread = await PgliteThread.open(folder);
  database = openPglite(thread);
  await thread.exec(`
    create extension if not exists pg_trgm;
    create table thread_notes (id integer primary key, body text not null, at timestamptz not null default now());
  `);
});

afterAll(async () => {
  await database.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('PGlite on its own thread', () => {
  it('answers queries with rows, parameters and pg_trgm', async () => {
    await thread.query('insert into thread_notes (id, body) values ($1, $2), ($3, $4)', [1, '华东区域拜访', 2, 'visit']);
    const rows = await database.query<{ id: number; body: string; similar: number }>(
      'select id, body, similarity(body, $1) as similar from thread_notes order by id',
      ['华东区域'],
    );
    expect(rows.map((row) => [row.id, row.body])).toEqual([[1, '华东区域拜访'], [2, 'visit']]);
    expect(rows[0]!.similar).toBeGreaterThan(0);
  });

  it('hands timestamps to drizzle as PostgreSQL wrote them, and drizzle maps its rows', async () => {
    const [note] = await database.db.select().from(notes).where(sql`${notes.id} = 1`);
    expect(note).toMatchObject({ id: 1, body: '华东区域拜访' });
    expect(typeof note!.at).toBe('string');
    expect(note!.at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    // Without the raw types a timestamp is parsed as PGlite parses it.
    const [raw] = (await thread.query<{ at: unknown }>('select at from thread_notes where id = 1')).rows;
    expect(raw!.at).toBeInstanceOf(Date);
  });

  it("carries PostgreSQL's error fields across the thread", async () => {
    const error = await thread.query('insert into thread_notes (id, body) values (1, $1)', ['again']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', constraint: 'thread_notes_pkey' });
    expect((error as Error).message).toContain('duplicate key');
  });

  it('commits a transaction, and rolls one back when its work throws', async () => {
    await database.db.transaction(async (tx) => {
      await tx.insert(notes).values({ id: 10, body: 'committed' });
      // A nested transaction is a savepoint: its failure leaves the outer work in place.
      await tx
        .transaction(async (inner) => {
          await inner.insert(notes).values({ id: 11, body: 'rolled back to the savepoint' });
          throw new Error('inner failure');
        })
        .catch(() => undefined);
    });
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(notes).values({ id: 12, body: 'rolled back' });
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    const ids = (await database.query<{ id: number }>('select id from thread_notes where id >= 10 order by id')).map((row) => row.id);
    expect(ids).toEqual([10]);
  });

  it('fails a statement inside a transaction with its error fields, and the transaction rolls back', async () => {
    const error = await database.db
      .transaction(async (tx) => {
        await tx.insert(notes).values({ id: 13, body: 'before the failure' });
        await tx.insert(notes).values({ id: 10, body: 'a duplicate key' });
      })
      .catch((caught: unknown) => caught);
    // Drizzle wraps the database's error, as it does in-process: PostgreSQL's fields are on its cause.
    expect((error as Error).cause).toMatchObject({ code: '23505', constraint: 'thread_notes_pkey', detail: 'Key (id)=(10) already exists.' });
    expect(await database.query('select id from thread_notes where id = 13')).toEqual([]);
  });

  it('waits for a statement inside a transaction as long as it runs', async () => {
    const started = performance.now();
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_sleep(1.3)`);
      await tx.insert(notes).values({ id: 14, body: 'after a long statement' });
    });
    expect(performance.now() - started).toBeGreaterThan(1_200);
    expect(await database.query('select id from thread_notes where id = 14')).toEqual([{ id: 14 }]);
  });

  it('keeps other statements waiting while a transaction is open, as PGlite does in-process', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = thread.transaction(async (client) => {
      await client.query('insert into thread_notes (id, body) values (20, $1)', ['inside']);
      order.push('inserted');
      await held;
      order.push('committing');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = thread.query<{ count: number }>('select count(*)::int as count from thread_notes where id = 20').then((result) => {
      order.push('outside read');
      return result.rows[0]!.count;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await transaction;
    expect(await outside).toBe(1);
    expect(order).toEqual(['inserted', 'committing', 'outside read']);
  });

  it('runs several statements at once with exec', async () => {
    const results = await thread.exec("insert into thread_notes (id, body) values (30, 'a'); select count(*)::int as count from thread_notes where id = 30;");
    expect(results.at(-1)!.rows).toEqual([{ count: 1 }]);
  });

  it('delivers NOTIFY to a listener until it stops listening', async () => {
    const heard: string[] = [];
    const stop = await database.listen('thread_channel', (payload) => heard.push(payload));
    await database.query("select pg_notify('thread_channel', 'first')");
    await expect.poll(() => heard).toEqual(['first']);
    await stop();
    await database.query("select pg_notify('thread_channel', 'second')");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual(['first']);
  });

  it('refuses calls once closed, and keeps what was written for the next open', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'openpsm-thread-'));
    try {
      const first = await PgliteThread.open(other);
      await first.exec("create table kept (value text); insert into kept values ('still here');");
      await first.close();
      await expect(first.query('select 1')).rejects.toThrow('The embedded database is closed');
      const second = await PgliteThread.open(other);
      expect((await second.query('select value from kept')).rows).toEqual([{ value: 'still here' }]);
      await second.close();
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('when the thread dies', () => {
  it('fails waiting and later calls, and tells its owner once', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'openpsm-thread-'));
    const failures: Error[] = [];
    try {
      // A heap too small for the answer asked: the worker runs out of memory, as a runaway query could make it.
      const small = await PgliteThread.open(other, { onFailure: (error) => failures.push(error), resourceLimits: { maxOldGenerationSizeMb: 64 } });
      const huge = small.query("select repeat('x', 1000000) as text from generate_series(1, 400)");
      await expect(huge).rejects.toThrow();
      await expect(small.query('select 1')).rejects.toThrow(/memory/i);
      expect(failures).toHaveLength(1);
      expect(failures[0]!.message).toMatch(/memory/i);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('fails a statement waiting inside a transaction at once, instead of waiting for ever', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'openpsm-thread-'));
    const failures: Error[] = [];
    try {
      const small = await PgliteThread.open(other, { onFailure: (error) => failures.push(error), resourceLimits: { maxOldGenerationSizeMb: 64 } });
      const started = performance.now();
      const work = small.transaction(async (client) => {
        await client.query("select repeat('x', 1000000) as text from generate_series(1, 400)");
      });
      await expect(work).rejects.toThrow(/stopped/);
      expect(performance.now() - started).toBeLessThan(20_000);
      await expect(small.query('select 1')).rejects.toThrow(/stopped/);
      expect(failures).toHaveLength(1);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('reports a failure to open as the error of open(), not as a stopped thread', async () => {
    const failures: Error[] = [];
    const notADirectory = path.join(os.tmpdir(), `openpsm-thread-file-${process.pid}`);
    fs.writeFileSync(notADirectory, 'not a data folder');
    try {
      await expect(PgliteThread.open(notADirectory, { onFailure: (error) => failures.push(error) })).rejects.toThrow();
      expect(failures).toEqual([]);
    } finally {
      fs.rmSync(notADirectory, { force: true });
    }
  });
});
