// `npm start`: builds the web app when it has not been built or its sources changed since, then runs the
// server (which migrates, creates the administrator, loads demo data on first start and serves web + API
// on one port).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serverNodeFlags } from '../server/node-flags.mjs';

const root = path.resolve(import.meta.dirname, '..');
const webIndex = path.join(root, 'web/dist/index.html');

/** The newest modification time among the files below `folder` (0 when it does not exist). */
function newest(folder) {
  if (!fs.existsSync(folder)) return 0;
  let latest = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return latest;
}

// A checkout that pulled new web code (or the contracts it uses) must not serve the old build.
const sources = [path.join(root, 'web/src'), path.join(root, 'web/index.html'), path.join(root, 'contracts/src')];
const built = fs.existsSync(webIndex) ? fs.statSync(webIndex).mtimeMs : 0;
if (built === 0 || sources.some((source) => (fs.statSync(source, { throwIfNoEntry: false })?.isDirectory() ? newest(source) : fs.statSync(source, { throwIfNoEntry: false })?.mtimeMs ?? 0) > built)) {
  console.log(built === 0 ? 'Building the web app (first start)…' : 'The web app changed since its last build: building it…');
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [...serverNodeFlags, '--import', 'tsx', path.join(root, 'server/src/main.ts')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
