// The embedded database on a thread of its own. PGlite is PostgreSQL compiled to WebAssembly: in the server's
// main thread every statement's planning and execution would share one core with HTTP, access checks and JSON,
// and under load requests queue behind each other's database work. On its own worker thread the database
// works on one core while the main thread serves requests on another (see docs/benchmarks.md).
//
// PgliteThread offers the part of PGlite's client that drizzle's PGlite driver, pg-boss's adapter and
// `Database` use: query, exec, transaction, listen, close. Each call is a message to the worker
// (pglite-thread.worker.mjs) and its answer a message back:
//   { id, op: 'query', text, params, rowMode, rawTypes, transaction? } → { rows, fields, affectedRows }
//   { id, op: 'exec', text, transaction? }                              → [{ rows, fields, affectedRows }]
//   { id, op: 'begin' } → { transaction }   …   { id, op: 'end', transaction, commit }
//   { id, op: 'listen', listener, channel }, { id, op: 'unlisten', listener }, { id, op: 'close' }
// A failure comes back as { id, error } with PostgreSQL's fields (code, constraint, detail …), rebuilt here
// as an Error carrying them, so that callers read a unique violation the same way as from PGlite itself.
//
// A transaction stays open in the worker between `begin` and `end`: PGlite holds its transaction lock all the
// while, so other statements wait as they would in-process. For that reason the statements inside a transaction
// (and its COMMIT or ROLLBACK) are sent synchronously: the main thread waits on a shared signal until the worker has
// answered, exactly as it waited for PGlite in-process. Sent as ordinary messages, each answer would queue on the
// main thread behind other requests' work while the transaction kept the whole database locked — logging a visit
// (six statements) then took 208 instead of 135 ms p99 at 16 connections. Statements outside a transaction, and
// BEGIN (which may wait for the statements queued before it), stay asynchronous: those are what runs in parallel.
// A blocked main thread cannot see the database's thread stop, so a supervisor thread starts it and watches it
// (pglite-thread.supervisor.mjs): when it stops, the supervisor wakes the waiting statement and says why.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';

type RowMode = 'array' | 'object';
type QueryOptions = { rowMode?: RowMode; parsers?: Record<number, unknown> };
export type ThreadResult<Row> = { rows: Row[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };

export type ThreadClient = {
  query: <Row = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions) => Promise<ThreadResult<Row>>;
  exec: (text: string) => Promise<ThreadResult<Record<string, unknown>>[]>;
};

type ThreadOptions = {
  /** Called once if the thread dies unexpectedly (not after close). */
  onFailure?: (error: Error) => void;
  /** The worker's heap limits (node:worker_threads); PGlite's WebAssembly memory is not part of them. */
  resourceLimits?: ResourceLimits;
};

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class PgliteThread implements ThreadClient {
  /** The supervisor thread (pglite-thread.supervisor.mjs), which starts the database's thread and watches it. */
  readonly #supervisor: Worker;
  /** Ordinary calls and their answers, straight to the database's thread. */
  readonly #port: MessagePort;
  /** Statements inside a transaction: sent, then waited for on #signal. */
  readonly #syncPort: MessagePort;
  /** [0]: 1 when a statement's answer is posted, 2 when the thread stopped; [1]: 1 once the thread has stopped. */
  readonly #signal = new Int32Array(new SharedArrayBuffer(8));
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<number, (payload: string) => void>();
  #lastId = 0;
  #failure: Error | null = null;
  /** Told of a failure once the database is open (a failure to open is the caller's error from open()). */
  #onFailure: ((error: Error) => void) | undefined;

  private constructor(dataDir: string, options: ThreadOptions) {
    const calls = new MessageChannel();
    const statements = new MessageChannel();
    this.#port = calls.port1;
    this.#syncPort = statements.port1;
    this.#supervisor = new Worker(new URL('./pglite-thread.supervisor.mjs', import.meta.url), {
      workerData: { dataDir, asyncPort: calls.port2, syncPort: statements.port2, signal: this.#signal, resourceLimits: options.resourceLimits },
      transferList: [calls.port2, statements.port2],
    });
    this.#port.on('message', (message: { id?: number; result?: unknown; error?: Record<string, unknown>; notify?: number; payload?: string }) => {
      if (message.notify !== undefined) {
        this.#listeners.get(message.notify)?.(message.payload ?? '');
        return;
      }
      const pending = this.#pending.get(message.id!);
      if (!pending) return;
      this.#pending.delete(message.id!);
      if (message.error) pending.reject(rebuildError(message.error));
      else pending.resolve(message.result);
    });
    // The database's thread stopped (out of memory, a crash in PGlite): every waiting call and every later one fails,
    // and the owner hears of it once (the server stops rather than answer every request with the same error).
    this.#supervisor.on('message', (message: { stopped?: string }) => {
      if (message.stopped !== undefined) this.#fail(new Error(`The embedded database's thread stopped: ${message.stopped}`));
    });
    this.#supervisor.on('error', (error) => this.#fail(error));
    this.#supervisor.on('exit', (code) => this.#fail(new Error(`The embedded database's supervisor stopped (exit code ${code})`)));
  }

  #stoppedDuringTransaction(): Error {
    const error = new Error("The embedded database's thread stopped during a transaction");
    this.#fail(error);
    return this.#failure ?? error;
  }

  #fail(error: Error) {
    if (this.#failure) return;
    this.#failure = error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    this.#onFailure?.(error);
  }

  /** Starts the thread and opens the database in `dataDir`; resolves once PGlite is ready. */
  static async open(dataDir: string, options: ThreadOptions = {}): Promise<PgliteThread> {
    const thread = new PgliteThread(dataDir, options);
    try {
      await thread.#call({ op: 'ready' });
    } catch (error) {
      thread.#failure ??= error as Error;
      await thread.#supervisor.terminate();
      throw error;
    }
    thread.#onFailure = options.onFailure;
    return thread;
  }

  #call<Result>(message: Record<string, unknown>): Promise<Result> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = (this.#lastId += 1);
    return new Promise<Result>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        this.#port.postMessage({ ...message, id });
      } catch (error) {
        // A parameter that cannot be copied to the thread (a function, a symbol).
        this.#pending.delete(id);
        reject(error as Error);
      }
    });
  }

  /** A statement inside an open transaction: sent, and waited for without leaving this turn of the event loop. */
  #callInTransaction<Result>(message: Record<string, unknown>): Promise<Result> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = (this.#lastId += 1);
    Atomics.store(this.#signal, 0, 0);
    if (Atomics.load(this.#signal, 1) === 1) return Promise.reject(this.#stoppedDuringTransaction());
    try {
      this.#syncPort.postMessage({ ...message, id });
    } catch (error) {
      return Promise.reject(error as Error);
    }
    // No time limit: a statement runs as long as it runs (a restore's insert of a whole table), as in-process. The
    // supervisor wakes this wait if the thread stops.
    Atomics.wait(this.#signal, 0, 0);
    const answer = receiveMessageOnPort(this.#syncPort)?.message as { id?: number; result?: Result; error?: Record<string, unknown> } | undefined;
    if (!answer) return Promise.reject(this.#stoppedDuringTransaction());
    if (answer.id !== id) return Promise.reject(new Error("The embedded database's thread answered another statement"));
    return answer.error ? Promise.reject(rebuildError(answer.error)) : Promise.resolve(answer.result as Result);
  }

  query<Row = Record<string, unknown>>(text: string, params: unknown[] = [], options?: QueryOptions, transaction?: number) {
    const message = { op: 'query', text, params, transaction, ...queryShape(options) };
    return transaction === undefined ? this.#call<ThreadResult<Row>>(message) : this.#callInTransaction<ThreadResult<Row>>(message);
  }

  exec(text: string, transaction?: number) {
    const message = { op: 'exec', text, transaction };
    return transaction === undefined ? this.#call<ThreadResult<Record<string, unknown>>[]>(message) : this.#callInTransaction<ThreadResult<Record<string, unknown>>[]>(message);
  }

  /** PGlite's transaction: BEGIN, `work` with a client bound to the transaction, then COMMIT — or ROLLBACK if it throws. */
  async transaction<Result>(work: (client: ThreadClient & { rollback: () => Promise<void> }) => Promise<Result>): Promise<Result> {
    const { transaction } = await this.#call<{ transaction: number }>({ op: 'begin' });
    let ended = false;
    const end = async (commit: boolean) => {
      if (ended) return;
      ended = true;
      await this.#callInTransaction({ op: 'end', transaction, commit });
    };
    const client = {
      query: <Row = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions) => this.query<Row>(text, params, options, transaction),
      exec: (text: string) => this.exec(text, transaction),
      rollback: () => end(false),
    };
    let result: Result;
    try {
      result = await work(client);
    } catch (error) {
      await end(false).catch(() => undefined);
      throw error;
    }
    await end(true);
    return result;
  }

  /** LISTEN on `channel` (NOTIFY from any statement of this database); resolves to a function that stops it. */
  async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
    const listener = (this.#lastId += 1);
    this.#listeners.set(listener, onMessage);
    try {
      await this.#call({ op: 'listen', listener, channel });
    } catch (error) {
      this.#listeners.delete(listener);
      throw error;
    }
    return async () => {
      this.#listeners.delete(listener);
      await this.#call({ op: 'unlisten', listener });
    };
  }

  /** Closes the database (its files written) and stops the thread. */
  async close(): Promise<void> {
    if (this.#failure) return;
    await this.#call({ op: 'close' });
    this.#failure = new Error('The embedded database is closed');
    this.#port.close();
    this.#syncPort.close();
    await this.#supervisor.terminate();
  }
}

/**
 * The worker cannot receive functions, so a query's parsers travel as the list of their types. The only caller
 * that passes parsers is drizzle's PGlite driver, and all of its parsers keep the value as PostgreSQL wrote it
 * (timestamps, dates, intervals and their arrays, which drizzle maps itself) — which is what the worker does
 * for the listed types.
 */
function queryShape(options: QueryOptions | undefined): { rowMode: RowMode; rawTypes: number[] } {
  return { rowMode: options?.rowMode ?? 'object', rawTypes: Object.keys(options?.parsers ?? {}).map(Number) };
}

function rebuildError(fields: Record<string, unknown>): Error {
  const { message, stack, ...rest } = fields;
  const error = Object.assign(new Error(String(message)), rest);
  if (typeof stack === 'string') error.stack = stack;
  return error;
}
