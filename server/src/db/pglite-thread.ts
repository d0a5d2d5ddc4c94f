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
// while, so other statements wait as they would in-process.
import { Worker } from 'node:worker_threads';

type RowMode = 'array' | 'object';
type QueryOptions = { rowMode?: RowMode; parsers?: Record<number, unknown> };
export type ThreadResult<Row> = { rows: Row[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };

export type ThreadClient = {
  query: <Row = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions) => Promise<ThreadResult<Row>>;
  exec: (text: string) => Promise<ThreadResult<Record<string, unknown>>[]>;
};

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class PgliteThread implements ThreadClient {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<number, (payload: string) => void>();
  #lastId = 0;
  #failure: Error | null = null;

  private constructor(dataDir: string) {
    this.#worker = new Worker(new URL('./pglite-thread.worker.mjs', import.meta.url), { workerData: { dataDir } });
    this.#worker.on('message', (message: { id?: number; result?: unknown; error?: Record<string, unknown>; notify?: number; payload?: string }) => {
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
    // The worker died (out of memory, a crash in PGlite): every waiting call and every later one fails.
    const fail = (error: Error) => {
      this.#failure ??= error;
      for (const pending of this.#pending.values()) pending.reject(this.#failure);
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`The embedded database's thread stopped (exit code ${code})`)));
  }

  /** Starts the thread and opens the database in `dataDir`; resolves once PGlite is ready. */
  static async open(dataDir: string): Promise<PgliteThread> {
    const thread = new PgliteThread(dataDir);
    try {
      await thread.#call({ op: 'ready' });
    } catch (error) {
      await thread.#worker.terminate();
      throw error;
    }
    return thread;
  }

  #call<Result>(message: Record<string, unknown>): Promise<Result> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = (this.#lastId += 1);
    return new Promise<Result>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ ...message, id });
    });
  }

  query<Row = Record<string, unknown>>(text: string, params: unknown[] = [], options?: QueryOptions, transaction?: number) {
    return this.#call<ThreadResult<Row>>({ op: 'query', text, params, transaction, ...queryShape(options) });
  }

  exec(text: string, transaction?: number) {
    return this.#call<ThreadResult<Record<string, unknown>>[]>({ op: 'exec', text, transaction });
  }

  /** PGlite's transaction: BEGIN, `work` with a client bound to the transaction, then COMMIT — or ROLLBACK if it throws. */
  async transaction<Result>(work: (client: ThreadClient & { rollback: () => Promise<void> }) => Promise<Result>): Promise<Result> {
    const { transaction } = await this.#call<{ transaction: number }>({ op: 'begin' });
    let ended = false;
    const end = async (commit: boolean) => {
      if (ended) return;
      ended = true;
      await this.#call({ op: 'end', transaction, commit });
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
    await this.#call({ op: 'listen', listener, channel });
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
    await this.#worker.terminate();
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
