// The HTTP load the benchmarks put on the server: `connections` loops for a while, each request (or group of
// requests sent in parallel) timed, after a 3 s warm-up that is not measured.
import http from 'node:http';

/** `firstError`: the status and the start of the body of the first failed request, to say why (absent without errors). */
export type Percentiles = { p50: number; p95: number; p99: number; max: number; requests: number; errors: number; perSecond: number; firstError?: string };

/** A GET of the URL, or a request with a method and a JSON body (a write: logging an activity). */
export type LoadRequest = string | { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; body?: unknown };

/**
 * `connections` loops, each sending its next request (or group of requests, in parallel) as soon as the last answered.
 * Requests go through node:http on kept-alive sockets, not fetch: the load generator shares this machine's cores with
 * the server, and fetch spent about 1 ms of CPU per request (WHATWG streams and headers) that node:http does not.
 */
export async function load(baseUrl: string, token: string, next: (index: number) => LoadRequest[], connections: number, seconds: number): Promise<Percentiles> {
  let firstError: string | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections * 8 });
  const origin = new URL(baseUrl);
  const call = (request: LoadRequest) => {
    const { method, url, body } = typeof request === 'string' ? { method: 'GET', url: request, body: undefined } : request;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${token}` };
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    return new Promise<boolean>((resolve, reject) => {
      const outgoing = http.request({ agent, host: origin.hostname, port: origin.port, method, path: url, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const ok = response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300;
          if (!ok && firstError === undefined) {
            firstError = `${method} ${url.split('?')[0]} → ${response.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`;
          }
          resolve(ok);
        });
      });
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
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
  agent.destroy();
  return measured;
}
