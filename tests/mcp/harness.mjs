// Starts the fixture backend and mcp-adapter-with-fixture for the Node tests (the SDK client and the
// conformance suite): free ports, ready files, SIGTERM at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const BIN = process.env.GANTRY_BIN_DIR;
if (!BIN) throw new Error('GANTRY_BIN_DIR must name the build bin folder');

export const ADAPTER = join(BIN, 'mcp-adapter-with-fixture');
const BACKEND = join(BIN, 'mcp-fixture-backend');

async function waitForFile(path, child, what) {
  for (let i = 0; i < 200; i++) {
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    await sleep(50);
  }
  throw new Error(`${what} did not become ready`);
}

async function startService(binary, dir, name, extraArgs) {
  const ready = join(dir, `${name}.ready.json`);
  const child = spawn(binary, ['--listen', '127.0.0.1:0', '--metrics-listen', '', '--data-dir', join(dir, name),
                               '--ready-file', ready, ...extraArgs], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { child, endpoints: await waitForFile(ready, child, name) };
}

/// Starts the backend and the adapter (HTTP). `conformance` also exposes the backend's tools named
/// after the conformance suite's fixtures. Returns {url, configPath, stop()}.
export async function startSuite({ http = true, conformance = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-mcp-'));
  const backend = await startService(BACKEND, dir, 'backend', []);
  const configPath = join(dir, 'adapter.yaml');
  writeFileSync(configPath, [
    'mcp:',
    '  http:',
    '    listen: "127.0.0.1:0"',
    '  backends:',
    '    fixture:',
    `      address: "${backend.endpoints.grpc}"`,
    '      services: [gantry.mcp_fixture]',
    ...(conformance ? ['    conformance:', `      address: "${backend.endpoints.grpc}"`,
                       '      services: [gantry.mcp_conformance]'] : []),
    '  prompts:',
    '    shout_at:',
    '      title: Shout at someone',
    '      description: Echoes a greeting in capitals.',
    '      requires_tools: [fixture_echo]',
    '      text: "Use fixture_echo with shout=true to greet {{who}}."',
    '      arguments:',
    '        who:',
    '          description: whom to greet',
    '          values: [ann, anna, bob]',
    '',
  ].join('\n'));
  const adapter = http ? await startService(ADAPTER, dir, 'adapter', ['--config', configPath]) : null;
  return {
    url: adapter?.endpoints.mcp_http,
    configPath,
    async stop() {
      for (const svc of [adapter, backend]) {
        if (!svc || svc.child.exitCode !== null) continue;
        const exited = new Promise((resolve) => svc.child.once('exit', resolve));
        svc.child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
