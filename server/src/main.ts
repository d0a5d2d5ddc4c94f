// config → database → migrate → baseline (+ demo data) → app → listen; with WORKERS > 1 the primary process
// prepares the database once and forks that many workers, which share the port (node:cluster).
import cluster from 'node:cluster';
import { loadConfig, type AppConfig } from './config';
import { openDatabase, runMigrations } from './db/open';
import type { Database } from './db/client';

/**
 * The app's modules, imported while the database opens: on PGlite its thread compiles and opens the database on one
 * core while this one loads the modules, instead of one after the other (a restart must answer within 10 s).
 */
async function loadModules() {
  const [app, bootstrap, demo, jobs] = await Promise.all([import('./app'), import('./seed/bootstrap'), import('./seed/demo-data'), import('./platform/jobs/jobs')]);
  return { ...app, ...bootstrap, ...demo, ...jobs };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

/** The database opened and the modules loaded, side by side. */
async function openWithModules(config: AppConfig): Promise<[Database, Modules]> {
  const modules = loadModules();
  modules.catch(() => undefined); // Awaited below; a failure to open the database must not leave it unhandled.
  const database = await openDatabase(config);
  try {
    return [database, await modules];
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function prepareDatabase(database: Database, config: AppConfig, { registerDocumentTypes, ensureBaseline, ensureAdmin, loadDemoData }: Modules) {
  await runMigrations(database);
  registerDocumentTypes(); // demo data submits approvals
  await database.db.transaction(async (tx) => {
    await ensureBaseline(tx);
    const admin = await ensureAdmin(tx, config.adminPassword);
    if (admin.generatedPassword) {
      // Printed once, on the console of the first start only.
      console.log(`\n  OpenPSM administrator created — username: admin  password: ${admin.generatedPassword}\n  (set ADMIN_PASSWORD to choose it; change it after signing in)\n`);
    }
    if (admin.created && config.demoData) await loadDemoData(tx);
  });
}

/** One server: the app and (unless JOBS=0) the job workers. A cluster worker finds the database prepared by its primary. */
async function serve(config: AppConfig, prepared: boolean) {
  const [database, modules] = await openWithModules(config);
  if (!prepared) await prepareDatabase(database, config, modules);
  const app = await modules.buildApp({ database, config });
  const jobs = config.jobs ? await modules.startJobs(database, config) : null;
  const shutdown = async () => {
    await jobs?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // A worker whose primary is gone (killed outright) would live on, orphaned: it stops with it.
  if (cluster.isWorker) process.on('disconnect', shutdown);
  await app.listen({ port: config.port, host: config.host });
}

/** The primary of several workers: prepares the database, forks, replaces a worker that dies, stops them all. */
async function supervise(config: AppConfig) {
  const [database, modules] = await openWithModules(config);
  await prepareDatabase(database, config, modules);
  // Queues and schedules once, here, rather than by every worker at the same moment.
  if (config.jobs) await (await modules.startJobs(database, config, { work: false })).stop();
  await database.close();
  let stopping = false;
  const fork = () => cluster.fork();
  for (let index = 0; index < config.workers; index += 1) fork();
  // A worker that dies before it ever listened (a taken port, a bad configuration) would die again: stop.
  const listened = new Set<number>();
  cluster.on('listening', (worker) => listened.add(worker.id));
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    if (!listened.has(worker.id)) {
      console.error(`worker ${worker.process.pid} failed to start (${code ?? 'signal'}); stopping`);
      stop(1);
      return;
    }
    console.error(`worker ${worker.process.pid} stopped (${code ?? 'signal'}); starting another`);
    fork();
  });
  function stop(exitCode = 0) {
    if (stopping) return;
    stopping = true;
    const remaining = Object.values(cluster.workers ?? {});
    if (remaining.length === 0) process.exit(exitCode);
    for (const worker of remaining) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(exitCode), 8000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
    });
  }
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
}

async function main() {
  const config = loadConfig();
  if (config.workers === 1) return serve(config, false);
  if (cluster.isPrimary) return supervise(config);
  return serve(config, true);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
