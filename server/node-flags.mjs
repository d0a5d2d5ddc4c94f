// The node flags the server runs with: `npm start` (scripts/start.mjs) and the benchmarks (bench/server-process.ts) pass
// them; cluster workers inherit them from their primary.
// --max-semi-space-size=64: a request allocates short-lived objects (rows, SQL fragments, JSON), and with the default
// young generation (16 MB semi-spaces) the scavenger ran thousands of times a minute under load. 64 MB cut the server's
// CPU per pipeline-board request by about a quarter (docs/benchmarks.md), for up to ~200 MB more memory per process.
export const serverNodeFlags = ['--max-semi-space-size=64'];
