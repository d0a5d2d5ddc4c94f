// @ts-check
// Starts the embedded database's thread (pglite-thread.worker.mjs) and watches it. The main thread cannot see the
// database thread stop while it waits for a statement inside a transaction (it waits on a shared signal, and a
// worker's 'exit' event is delivered by the event loop it is blocking). This thread's event loop never blocks: when
// the database thread stops — out of memory, a crash, process.exit — it raises the signal as "stopped", so the waiting
// statement fails at once instead of waiting forever, and tells the main thread why.
import { parentPort, Worker, workerData } from 'node:worker_threads';

const { asyncPort, syncPort, signal, dataDir, resourceLimits } = workerData;
const database = new Worker(new URL('./pglite-thread.worker.mjs', import.meta.url), {
  workerData: { dataDir, port: asyncPort, syncPort, signal },
  transferList: [asyncPort, syncPort],
  resourceLimits,
});
let reason = '';
database.on('error', (error) => {
  reason = error.message;
});
database.on('exit', (code) => {
  // Index 1: the thread has stopped for good; index 0: wakes a statement waiting for its answer.
  Atomics.store(signal, 1, 1);
  Atomics.store(signal, 0, 2);
  Atomics.notify(signal, 0);
  parentPort?.postMessage({ stopped: reason || `exit code ${code}` });
});
