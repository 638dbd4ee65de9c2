// Starts real Gantry service binaries for the end-to-end tests: each on a free loopback port
// (--listen 127.0.0.1:0), metrics off, its own data directory, ready file read for the address.
// Everything started here is stopped with SIGTERM and its temp directory removed by stop().
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const BIN = process.env.GANTRY_BIN_DIR;
if (!BIN) throw new Error('GANTRY_BIN_DIR must name the build bin folder (build/bin)');

// What the MCP checks know about each service binary. Adding a binary name to GANTRY_E2E_BACKENDS is
// enough to run its checks; a service whose RPCs carry no mcp_tool annotation yet is skipped, saying so.
export const SERVICES = {
  'db-gateway': { backend: 'db', services: ['gantry.db'] },
  'turso-sync': { backend: 'turso', services: ['gantry.turso'] },
  // The simulator stands in for DaVinci Resolve, which no test machine has.
  'resolve-bridge': { backend: 'resolve', services: ['gantry.resolve'], env: { GANTRY_RESOLVE_BRIDGE_RESOLVE_BACKEND: 'sim' } },
};

export function selectedBinaries() {
  const names = (process.env.GANTRY_E2E_BACKENDS ?? 'db-gateway,turso-sync,resolve-bridge')
    .split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!SERVICES[n]) throw new Error(`GANTRY_E2E_BACKENDS names '${n}'; known: ${Object.keys(SERVICES).join(', ')}`);
  }
  return names;
}

async function waitForReady(path, child, what, stderrTail) {
  for (let i = 0; i < 600; i++) {
    if (existsSync(path)) {
      try { return JSON.parse(readFileSync(path, 'utf8')); } catch { /* being written */ }
    }
    if (child.exitCode !== null) {
      throw new Error(`${what} exited with ${child.exitCode} before it was ready; stderr:\n${stderrTail()}`);
    }
    await sleep(50);
  }
  throw new Error(`${what} was not ready within 30 s; stderr:\n${stderrTail()}`);
}

/// Starts one service binary; returns {name, child, endpoints, stop()}.
export async function startService(binary, dir, name, extraArgs = [], env = {}) {
  const path = join(BIN, binary);
  if (!existsSync(path)) throw new Error(`${path} does not exist: build it first (ninja -C build ${binary})`);
  const ready = join(dir, `${name}.ready.json`);
  const child = spawn(path, ['--listen', '127.0.0.1:0', '--metrics-listen', '', '--data-dir', join(dir, name),
                             '--ready-file', ready, '--log-level', 'warn', ...extraArgs],
                      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-8000);
    if (process.env.GANTRY_E2E_VERBOSE) process.stderr.write(d);
  });
  const endpoints = await waitForReady(ready, child, binary, () => stderr);
  return {
    name,
    binary,
    child,
    endpoints,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/// Starts every selected backend binary and one mcp-adapter (HTTP on a free port) configured with them.
/// Returns {dir, backends: [{binary, backend, services, proc}], adapter, configPath, url, stop()}.
export async function startStack(binaries) {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-e2e-'));
  const started = [];
  try {
    const backends = [];
    for (const binary of binaries) {
      const proc = await startService(binary, dir, binary, [], SERVICES[binary].env);
      started.push(proc);
      backends.push({ binary, ...SERVICES[binary], proc });
    }
    const configPath = join(dir, 'mcp-adapter.yaml');
    const lines = ['mcp:', '  http:', '    listen: "127.0.0.1:0"', '  health_interval_ms: 200', '  backends:'];
    for (const b of backends) {
      lines.push(`    ${b.backend}:`, `      address: "${b.proc.endpoints.grpc}"`,
                 `      services: [${b.services.join(', ')}]`);
    }
    writeFileSync(configPath, lines.join('\n') + '\n');
    const adapter = await startService('mcp-adapter', dir, 'mcp-adapter', ['--config', configPath]);
    started.push(adapter);
    return {
      dir,
      backends,
      adapter,
      configPath,
      url: adapter.endpoints.mcp_http,
      async stop() {
        const codes = {};
        for (const p of started.reverse()) codes[p.binary] = await p.stop();
        rmSync(dir, { recursive: true, force: true });
        return codes;
      },
    };
  } catch (err) {
    for (const p of started.reverse()) await p.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
