// Starts each Gantry service and checks grpc.health.v1 with @grpc/grpc-js, a gRPC client written
// in another language than the services. Run by ctest (label interop) with node --test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const binDir = process.env.GANTRY_BIN_DIR;
const sourceDir = process.env.GANTRY_SOURCE_DIR;
assert.ok(binDir && sourceDir, 'GANTRY_BIN_DIR and GANTRY_SOURCE_DIR must be set (ctest sets them)');

const definition = protoLoader.loadSync('grpc/health/v1/health.proto', {
  includeDirs: [join(sourceDir, 'proto')],
  enums: String,
});
const healthProto = grpc.loadPackageDefinition(definition).grpc.health.v1;

async function startService(name) {
  const dir = mkdtempSync(join(tmpdir(), `gantry-node-${name}-`));
  const ready = join(dir, 'ready.json');
  const child = spawn(join(binDir, name), [
    '--listen', '127.0.0.1:0', '--metrics-listen', '', '--ready-file', ready, '--data-dir', join(dir, 'data'),
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const deadline = Date.now() + 10000;
  while (!existsSync(ready)) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`${name} not ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const endpoints = JSON.parse(readFileSync(ready, 'utf8'));
  return { child, dir, address: endpoints.grpc };
}

function check(address, service = '') {
  const client = new healthProto.Health(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    client.check({ service }, { deadline: Date.now() + 5000 }, (err, resp) => {
      client.close();
      if (err) reject(err); else resolve(resp.status);
    });
  });
}

for (const name of ['resolve-bridge', 'db-gateway', 'turso-sync', 'mcp-adapter']) {
  test(`${name} answers grpc.health.v1 Check from @grpc/grpc-js`, async () => {
    const svc = await startService(name);
    try {
      assert.equal(await check(svc.address), 'SERVING');
      assert.equal(await check(svc.address, 'gantry.common.v1.Admin'), 'SERVING');
      await assert.rejects(check(svc.address, 'no.such.Service'), (err) => err.code === grpc.status.NOT_FOUND);
    } finally {
      const exited = new Promise((r) => svc.child.once('exit', (code) => r(code)));
      svc.child.kill('SIGTERM');
      assert.equal(await exited, 0, `${name} should exit 0 on SIGTERM`);
      rmSync(svc.dir, { recursive: true, force: true });
    }
  });
}
