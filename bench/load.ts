// The HTTP load the benchmarks put on the server: `connections` loops for a while, each request (or group of
// requests sent in parallel) timed, after a 3 s warm-up that is not measured.

/** `firstError`: the status and the start of the body of the first failed request, to say why (absent without errors). */
export type Percentiles = { p50: number; p95: number; p99: number; max: number; requests: number; errors: number; perSecond: number; firstError?: string };

/** A GET of the URL, or a request with a method and a JSON body (a write: logging an activity). */
export type LoadRequest = string | { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; body?: unknown };

/** `connections` loops, each sending its next request (or group of requests, in parallel) as soon as the last answered. */
export async function load(baseUrl: string, token: string, next: (index: number) => LoadRequest[], connections: number, seconds: number): Promise<Percentiles> {
  let firstError: string | undefined;
  const call = async (request: LoadRequest) => {
    const { method, url, body } = typeof request === 'string' ? { method: 'GET', url: request, body: undefined } : request;
    const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(`${baseUrl}${url}`, init);
    if (!response.ok && firstError === undefined) {
      firstError = `${method} ${url.split('?')[0]} → ${response.status} ${(await response.text()).slice(0, 200)}`;
      return false;
    }
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
  const measured: Percentiles = { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0, requests: sorted.length, errors, perSecond: sorted.length / elapsed };
  if (errors > 0 && firstError !== undefined) measured.firstError = firstError;
  return measured;
}
