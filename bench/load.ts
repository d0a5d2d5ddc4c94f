// The HTTP load both benchmarks put on the server: `connections` loops for a while, each request (or group of
// requests sent in parallel) timed, after a 3 s warm-up that is not measured.

export type Percentiles = { p50: number; p95: number; p99: number; max: number; requests: number; errors: number; perSecond: number };

/** `connections` loops, each sending its next request (or group of requests, in parallel) as soon as the last answered. */
export async function load(baseUrl: string, token: string, next: (index: number) => string[], connections: number, seconds: number): Promise<Percentiles> {
  const headers = { authorization: `Bearer ${token}` };
  const call = async (url: string) => {
    const response = await fetch(`${baseUrl}${url}`, { headers });
    await response.arrayBuffer();
    return response.ok;
  };
  let counter = 0;
  const warmUntil = performance.now() + 3000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < warmUntil) await Promise.all(next(counter++).map(call));
  }));
  const durations: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < until) {
      const begin = performance.now();
      const results = await Promise.all(next(counter++).map(call));
      durations.push(performance.now() - begin);
      if (results.some((ok) => !ok)) errors += 1;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = durations.sort((left, right) => left - right);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0, requests: sorted.length, errors, perSecond: sorted.length / elapsed };
}
