// config → database → migrate → baseline (+ demo data) → app → listen.
import { buildApp } from './app';
import { loadConfig } from './config';
import { openDatabase, runMigrations } from './db/open';
import { ensureAdmin, ensureBaseline } from './seed/bootstrap';
import { loadDemoData } from './seed/demo-data';
import { startJobs } from './platform/jobs/jobs';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  await runMigrations(database);
  await database.db.transaction(async (tx) => {
    await ensureBaseline(tx);
    const admin = await ensureAdmin(tx, config.adminPassword);
    if (admin.generatedPassword) {
      // Printed once, on the console of the first start only.
      console.log(`\n  OpenPSM administrator created — username: admin  password: ${admin.generatedPassword}\n  (set ADMIN_PASSWORD to choose it; change it after signing in)\n`);
    }
    if (admin.created && config.demoData) await loadDemoData(tx);
  });
  const app = await buildApp({ database, config });
  const jobs = config.jobs ? await startJobs(database) : null;
  const shutdown = async () => {
    await jobs?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
