// Where the CPU goes during a run, and a wait for a quiet machine: on 2 cores, a test suite running
// beside the benchmark halves its numbers.
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100;

/** Share of all cores busy over the window, 0–1. */
export async function machineBusy(milliseconds = 2_000): Promise<number> {
  const before = os.cpus();
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
  return busyBetween(before, os.cpus());
}

export function busyBetween(before: os.CpuInfo[], after: os.CpuInfo[]): number {
  let busy = 0;
  let total = 0;
  after.forEach((cpu, index) => {
    const previous = before[index]!.times;
    const idle = cpu.times.idle - previous.idle;
    const all = Object.keys(cpu.times).reduce((sum, key) => sum + cpu.times[key as keyof os.CpuInfo['times']] - previous[key as keyof os.CpuInfo['times']], 0);
    busy += all - idle;
    total += all;
  });
  return total > 0 ? busy / total : 0;
}

/** Waits until other work has stopped (the machine idle while our server is idle), at most `maxSeconds`. */
// BENCH_WAIT_SECONDS shortens the wait, for a quick look on a busy machine (the numbers are then not the ones to publish).
export async function waitForQuietMachine(log: (line: string) => void, maxSeconds = Number(process.env.BENCH_WAIT_SECONDS ?? 600), threshold = 0.15): Promise<number> {
  const deadline = Date.now() + maxSeconds * 1000;
  let busy = await machineBusy();
  let told = false;
  while (busy > threshold && Date.now() < deadline) {
    if (!told) log(`  waiting for a quiet machine (${Math.round(busy * 100)} % busy with other work)`);
    told = true;
    busy = await machineBusy(5_000);
  }
  if (busy > threshold) log(`  machine still ${Math.round(busy * 100)} % busy: measuring anyway, the numbers will be low`);
  return busy;
}

/** CPU seconds used so far by each of the given processes (Linux /proc; none elsewhere). */
export function cpuSecondsByProcess(pids: number[]): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces: utime and stime are 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    } catch {
      // The process ended, or this is not Linux.
    }
  }
  return seconds;
}

/** CPU seconds the processes used between two readings; a process started in between counts from zero. */
export function cpuSecondsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** The PostgreSQL server's processes on this machine (postmaster and backends). */
export function postgresPids(): number[] {
  if (!fs.existsSync('/proc')) return [];
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The process and every process below it (a server's cluster workers). */
export function processTree(rootPid: number): number[] {
  if (!fs.existsSync('/proc')) return [rootPid];
  const parents = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = [rootPid];
  for (let index = 0; index < tree.length; index += 1) {
    for (const [pid, parent] of parents) if (parent === tree[index]) tree.push(pid);
  }
  return tree;
}
