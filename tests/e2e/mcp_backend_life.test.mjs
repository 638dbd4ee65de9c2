// End to end, with real services: backend auth through the adapter (a token per backend, roles enforced by the
// service, not the adapter), and a real backend going away and coming back while an MCP client is connected.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ResourceListChangedNotificationSchema, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, startService } from './harness.mjs';

const cleanups = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-e2e-life-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function service(binary, dir, name, args = [], env = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, env);  // startService passes the environment on
  try {
    const svc = await startService(binary, dir, name, args);
    cleanups.push(async () => { await svc.stop(); });
    return svc;
  } finally {
    for (const k of Object.keys(env)) { if (k in saved) process.env[k] = saved[k]; else delete process.env[k]; }
  }
}

async function stdioClient(configPath) {
  const transport = new StdioClientTransport({ command: join(BIN, 'mcp-adapter'),
                                               args: ['--stdio', '--config', configPath], stderr: 'ignore' });
  const client = new Client({ name: 'gantry-e2e-life', version: '1.0.0' });
  await client.connect(transport);
  cleanups.push(async () => { await client.close(); });
  return client;
}

const text = (r) => r.content?.[0]?.text ?? '';

test('backend tokens: the service enforces each token\'s role behind the adapter', async () => {
  const dir = tempDir();
  const db = await service('db-gateway', dir, 'db', [], {
    GANTRY_DB_GATEWAY_SERVER_AUTH_TOKENS: 'e2e-writer-token-0123456789:write,e2e-reader-token-0123456789:read' });
  const config = (name, token) => {
    const path = join(dir, `${name}.yaml`);
    writeFileSync(path, ['mcp:', '  backends:', '    db:', `      address: "${db.endpoints.grpc}"`,
                         '      services: [gantry.db]', ...(token ? [`      token: "${token}"`] : []), ''].join('\n'));
    return path;
  };
  const writer = await stdioClient(config('writer', 'e2e-writer-token-0123456789'));
  const reader = await stdioClient(config('reader', 'e2e-reader-token-0123456789'));
  const anonymous = await stdioClient(config('anonymous', ''));

  let r = await writer.callTool({ name: 'execute', arguments: { sql: 'CREATE TABLE auth_t (v TEXT)' } });
  assert.notEqual(r.isError, true, text(r));
  r = await writer.callTool({ name: 'execute', arguments: { sql: "INSERT INTO auth_t VALUES ('w')" } });
  assert.notEqual(r.isError, true, text(r));

  // The read token may query but not execute.
  r = await reader.callTool({ name: 'query', arguments: { sql: 'SELECT v FROM auth_t' } });
  assert.notEqual(r.isError, true, text(r));
  assert.deepEqual(r.structuredContent.rows, [{ values: [{ text_value: 'w' }] }]);
  r = await reader.callTool({ name: 'execute', arguments: { sql: "INSERT INTO auth_t VALUES ('r')" } });
  assert.equal(r.isError, true, `a read token must not write: ${text(r)}`);
  assert.match(text(r), /PERMISSION_DENIED \(7\)/);
  assert.match(text(r), /AUTH_ROLE_INSUFFICIENT|READ_ONLY_ROLE|read/);

  // No token: UNAUTHENTICATED, and the message does not echo any token.
  r = await anonymous.callTool({ name: 'query', arguments: { sql: 'SELECT 1' } });
  assert.equal(r.isError, true, text(r));
  assert.match(text(r), /UNAUTHENTICATED \(16\)/);
  assert.doesNotMatch(text(r), /0123456789/);

  r = await writer.callTool({ name: 'query', arguments: { sql: 'SELECT count(*) AS n FROM auth_t' } });
  assert.deepEqual(r.structuredContent.rows, [{ values: [{ int64_value: '1' }] }], 'the refused insert wrote nothing');
});

test('a real turso-sync going down and coming back: tools leave and return, calls fail UNAVAILABLE meanwhile',
     async () => {
  const dir = tempDir();
  const turso = await service('turso-sync', dir, 'turso');
  const address = turso.endpoints.grpc;
  const configPath = join(dir, 'adapter.yaml');
  writeFileSync(configPath, ['mcp:', '  health_interval_ms: 200', '  health_timeout_ms: 500', '  backends:',
                             '    turso:', `      address: "${address}"`, '      services: [gantry.turso]', ''].join('\n'));
  const client = await stdioClient(configPath);
  let changes = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => { changes += 1; });
  // gantry://turso/{database}/stats is a resource template while turso_stats is available.
  let resourceChanges = 0;
  client.setNotificationHandler(ResourceListChangedNotificationSchema, () => { resourceChanges += 1; });
  assert.equal(client.getServerCapabilities().resources.listChanged, true);
  const templates = async () => (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);

  const names = async () => (await client.listTools()).tools.map((t) => t.name).sort();
  const waitFor = async (what, pred) => {
    for (let i = 0; i < 100; i++) { if (await pred()) return; await sleep(100); }
    assert.fail(`timed out waiting until ${what}`);
  };
  await waitFor('the turso tools are listed', async () => (await names()).includes('turso_query'));
  assert.ok((await templates()).includes('gantry://turso/{database}/stats'));
  resourceChanges = 0;  // the adapter may have seen turso-sync come up after the client connected
  let r = await client.callTool({ name: 'turso_execute',
                                  arguments: { statement: { sql: 'CREATE TABLE life (v TEXT)' } } });
  assert.notEqual(r.isError, true, text(r));

  assert.equal(await turso.stop(), 0, 'turso-sync drains and exits 0');
  await waitFor('the turso tools leave tools/list', async () => (await names()).length === 0);
  await waitFor('tools/list_changed arrives', async () => changes >= 1);
  await waitFor('resources/list_changed arrives', async () => resourceChanges >= 1);
  assert.deepEqual(await templates(), []);
  r = await client.callTool({ name: 'turso_query', arguments: { statement: { sql: 'SELECT 1' } } });
  assert.equal(r.isError, true, `a call to a down backend must be a tool error: ${text(r)}`);
  assert.match(text(r), /UNAVAILABLE/);
  assert.match(text(r), new RegExp(address.replace(/\./g, '\\.')));

  // The same binary on the same port and data directory: the tools come back and the table is still there.
  const [host, port] = address.split(':');
  const again = await service('turso-sync', dir, 'turso', ['--listen', `${host}:${port}`]);
  assert.equal(again.endpoints.grpc, address);
  await waitFor('the turso tools return', async () => (await names()).includes('turso_query'));
  assert.ok(changes >= 2, 'a second tools/list_changed when the backend is back');
  await waitFor('a second resources/list_changed arrives', async () => resourceChanges >= 2);
  assert.ok((await templates()).includes('gantry://turso/{database}/stats'));
  r = await client.callTool({ name: 'turso_query', arguments: { statement: { sql: "SELECT name FROM sqlite_master WHERE name = 'life'" } } });
  assert.notEqual(r.isError, true, text(r));
  assert.deepEqual(r.structuredContent.result.rows, [{ values: [{ text_value: 'life' }] }]);
});
