// @ts-check
// The embedded database's own thread: one PGlite, driven by messages from the server's main thread through
// PgliteThread (pglite-thread.ts, which documents the protocol). Plain JavaScript so that it loads in any
// worker — under tsx, vitest or plain node — without a TypeScript loader.
import { workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

// The main thread's channel for ordinary calls (handed over by the supervisor, pglite-thread.supervisor.mjs).
const port = /** @type {import('node:worker_threads').MessagePort} */ (workerData.port);
const database = new PGlite({ dataDir: workerData.dataDir, extensions: { pg_trgm } });

/** Transactions open on behalf of the main thread: their PGlite client and how to end them. */
const transactions = new Map();
/** LISTEN registrations by the main thread's listener id: how to stop each. */
const listeners = new Map();
let lastTransaction = 0;

/** Ends a transaction's callback without a commit: PGlite then rolls it back. */
const ROLLBACK = Symbol('rollback');
const asText = (/** @type {unknown} */ value) => value;

/** PGlite's query options: the row mode, and the types to hand back as PostgreSQL wrote them. */
function queryOptions(/** @type {{ rowMode?: 'array' | 'object', rawTypes?: number[] }} */ message) {
  const parsers = Object.fromEntries((message.rawTypes ?? []).map((oid) => [oid, asText]));
  return { rowMode: message.rowMode ?? 'object', parsers };
}

function clientFor(/** @type {number | undefined} */ transaction) {
  if (transaction === undefined) return database;
  const open = transactions.get(transaction);
  if (!open) throw new Error(`Transaction ${transaction} is closed`);
  return open.client;
}

/** Starts a transaction and answers once it is open; it stays open until an `end` message. */
function begin() {
  const id = (lastTransaction += 1);
  return new Promise((opened, failed) => {
    const finished = database.transaction(
      (client) =>
        new Promise((commit, rollback) => {
          transactions.set(id, { client, commit, rollback, finished });
          opened({ transaction: id });
        }),
    );
    // BEGIN itself failed (the database closed): the callback never ran.
    finished.catch((error) => {
      if (!transactions.has(id)) failed(error);
    });
  });
}

async function end(/** @type {number} */ id, /** @type {boolean} */ commit) {
  const open = transactions.get(id);
  if (!open) throw new Error(`Transaction ${id} is closed`);
  if (commit) open.commit(undefined);
  else open.rollback(ROLLBACK);
  try {
    await open.finished;
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  } finally {
    transactions.delete(id);
  }
  return null;
}

async function listen(/** @type {number} */ listener, /** @type {string} */ channel) {
  const unsubscribe = await database.listen(channel, (payload) => port.postMessage({ notify: listener, payload }));
  listeners.set(listener, unsubscribe);
  return null;
}

async function unlisten(/** @type {number} */ listener) {
  const unsubscribe = listeners.get(listener);
  listeners.delete(listener);
  if (unsubscribe) await unsubscribe();
  return null;
}

/** @param {any} message */
async function answer(message) {
  switch (message.op) {
    case 'ready':
      await database.waitReady;
      return null;
    case 'query': {
      const result = await clientFor(message.transaction).query(message.text, message.params, queryOptions(message));
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    }
    case 'exec': {
      const results = await clientFor(message.transaction).exec(message.text);
      return results.map((result) => ({ rows: result.rows, fields: result.fields, affectedRows: result.affectedRows }));
    }
    case 'begin':
      return begin();
    case 'end':
      return end(message.transaction, message.commit);
    case 'listen':
      return listen(message.listener, message.channel);
    case 'unlisten':
      return unlisten(message.listener);
    case 'close':
      await database.close();
      return null;
    default:
      throw new Error(`Unknown operation ${message.op}`);
  }
}

/** An error as plain data: its message and every field PostgreSQL gave it (code, constraint, detail, …). */
function describeError(/** @type {unknown} */ error) {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = Object.fromEntries(
    Object.entries(error).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value)),
  );
  return { ...fields, message: error.message, stack: error.stack };
}

port.on('message', (message) => {
  answer(message).then(
    (result) => port.postMessage({ id: message.id, result }),
    (error) => port.postMessage({ id: message.id, error: describeError(error) }),
  );
});

// Statements inside an open transaction arrive here while the main thread waits on `signal`: the answer is posted,
// then the signal raised, and the main thread takes the answer off its end of the channel.
const syncPort = /** @type {import('node:worker_threads').MessagePort} */ (workerData.syncPort);
const signal = /** @type {Int32Array} */ (workerData.signal);
syncPort.on('message', (message) => {
  answer(message)
    .then(
      (result) => syncPort.postMessage({ id: message.id, result }),
      (error) => syncPort.postMessage({ id: message.id, error: describeError(error) }),
    )
    .finally(() => {
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
    });
});
