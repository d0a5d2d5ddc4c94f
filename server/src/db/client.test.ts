// The data-folder lock of the embedded engine: one process per folder, a dead process's lock taken over once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireDataDirLock } from './client';

// Far above any pid_max, so never a live process.
const deadPid = 2_147_483_646;
const folders: string[] = [];

function freshFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'openpsm-lock-'));
  folders.push(folder);
  return folder;
}
const lockFile = (folder: string) => path.join(folder, 'openpsm.lock');

afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('data-folder lock', () => {
  it('holds the folder while in use and lets go of it on release', () => {
    const folder = freshFolder();
    const release = acquireDataDirLock(folder);
    expect(fs.readFileSync(lockFile(folder), 'utf8').split('\n')[0]).toBe(String(process.pid));
    release();
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('refuses a folder held by a live process, naming the folder and the process', () => {
    const folder = freshFolder();
    fs.writeFileSync(lockFile(folder), `${process.ppid}\n`);
    expect(() => acquireDataDirLock(folder)).toThrow(`The data folder ${folder} is in use by another OpenPSM process (pid ${process.ppid})`);
    expect(fs.readFileSync(lockFile(folder), 'utf8')).toBe(`${process.ppid}\n`);
    expect(fs.readdirSync(folder)).toEqual(['openpsm.lock']);
  });

  it('takes over the lock of a dead process, also one written by an older version (pid only)', () => {
    const folder = freshFolder();
    fs.writeFileSync(lockFile(folder), String(deadPid));
    const release = acquireDataDirLock(folder);
    expect(fs.readFileSync(lockFile(folder), 'utf8').split('\n')[0]).toBe(String(process.pid));
    expect(fs.readdirSync(folder)).toEqual(['openpsm.lock']);
    release();
  });

  it('does not remove on release a lock that is no longer its own', () => {
    const folder = freshFolder();
    const release = acquireDataDirLock(folder);
    fs.writeFileSync(lockFile(folder), `${process.ppid}\n`);
    release();
    expect(fs.readFileSync(lockFile(folder), 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('loses a takeover race to a process that took the stale lock over first, and leaves its lock alone', () => {
    const folder = freshFolder();
    fs.writeFileSync(lockFile(folder), `${deadPid}\n`);
    const competitorLock = `${process.ppid}\nits-token\n`;
    const realRead = fs.readFileSync;
    // The race: right after this process has read the dead pid, another process takes the folder over.
    const read = vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, options?: unknown) => {
      const content = realRead(file, options as BufferEncoding);
      if (file === lockFile(folder) && content === `${deadPid}\n`) {
        fs.rmSync(lockFile(folder));
        fs.writeFileSync(lockFile(folder), competitorLock);
      }
      return content;
    }) as typeof fs.readFileSync);
    try {
      expect(() => acquireDataDirLock(folder)).toThrow(`The data folder ${folder} is in use by another OpenPSM process (pid ${process.ppid})`);
    } finally {
      read.mockRestore();
    }
    expect(fs.readFileSync(lockFile(folder), 'utf8')).toBe(competitorLock);
    expect(fs.readdirSync(folder)).toEqual(['openpsm.lock']);
  });
});
