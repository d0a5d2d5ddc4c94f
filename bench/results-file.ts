// What the scenario benchmarks (customers, projects, activities) share about their results: the machine they ran on,
// and bench/results/<name>-<engine>.json, where a partial run (--only) replaces its scenarios and keeps the others.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../server/src/db/client';
import { repositoryRoot } from './server-process';

export type MachineDescription = { cpus: number; cpuModel: string; memoryGb: number; node: string };

export function describeMachine(): MachineDescription {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.versions.node };
}

const resultsFile = (name: string, engine: Engine) => path.join(repositoryRoot, `bench/results/${name}-${engine}.json`);

/** Writes one engine's result; with `only`, the earlier run's other scenarios are kept (sorted by id). */
export function saveResult<T extends { scenarios: { id: string }[] }>(name: string, engine: Engine, result: T, only: readonly string[]): T {
  const file = resultsFile(name, engine);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (only.length && fs.existsSync(file)) {
    const earlier = JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    result.scenarios = [...earlier.scenarios.filter((scenario) => !only.includes(scenario.id)), ...result.scenarios].sort((left, right) => left.id.localeCompare(right.id));
  }
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/** The results of both engines that exist, PostgreSQL first (the document's order). */
export function loadResults<T>(name: string): T[] {
  return (['postgres', 'pglite'] as const)
    .map((engine) => resultsFile(name, engine))
    .filter((file) => fs.existsSync(file))
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as T);
}
