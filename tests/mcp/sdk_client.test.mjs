// The official MCP TypeScript SDK client against mcp-adapter over stdio and Streamable HTTP: it
// initializes, lists the fixture backend's tools and calls them (results, errors, progress).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ADAPTER, startSuite } from './harness.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.stop(); });

const transports = {
  stdio: () => new StdioClientTransport({
    command: ADAPTER,
    args: ['--stdio', '--config', suite.configPath, '--listen', '127.0.0.1:0', '--metrics-listen', ''],
    stderr: 'ignore',
  }),
  http: () => new StreamableHTTPClientTransport(new URL(suite.url)),
};

async function connect(kind) {
  const transport = transports[kind]();
  const client = new Client({ name: 'gantry-sdk-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

async function close({ client, transport }) {
  if (transport.terminateSession) await transport.terminateSession();
  await client.close();
}

for (const kind of Object.keys(transports)) {
  test(`${kind}: initialize negotiates the newest revision and names the server`, async () => {
    const c = await connect(kind);
    try {
      assert.equal(c.client.getServerVersion().name, 'gantry-mcp-adapter');
      const caps = c.client.getServerCapabilities();
      assert.deepEqual(caps.tools, { listChanged: true });
      assert.ok(caps.logging && caps.completions && caps.resources && caps.prompts);
      await c.client.ping();
    } finally { await close(c); }
  });

  test(`${kind}: lists the tools derived from the fixture proto`, async () => {
    const c = await connect(kind);
    try {
      const { tools } = await c.client.listTools();
      const names = tools.map((t) => t.name).sort();
      assert.deepEqual(names, ['fixture_count', 'fixture_echo', 'fixture_fail', 'fixture_sleep', 'fixture_stats',
                               'fixture_tree']);
      const echo = tools.find((t) => t.name === 'fixture_echo');
      assert.equal(echo.title, 'Echo');
      assert.equal(echo.annotations.readOnlyHint, true);
      assert.equal(echo.inputSchema.properties.message.description, 'the text to echo back');
      assert.equal(echo.outputSchema.type, 'object');
      assert.ok(!JSON.stringify(tools).includes('$ref'));
    } finally { await close(c); }
  });

  test(`${kind}: calls a unary tool; structuredContent and text agree`, async () => {
    const c = await connect(kind);
    try {
      const r = await c.client.callTool({ name: 'fixture_echo',
                                          arguments: { message: 'hi', repeat: 2, big: 42, tags: ['a'] } });
      assert.equal(r.isError, undefined);
      assert.equal(r.structuredContent.text, 'hihi');
      assert.equal(r.structuredContent.request.big, '42');
      assert.deepEqual(r.structuredContent.request.tags, ['a']);
      assert.deepEqual(JSON.parse(r.content[0].text), r.structuredContent);
    } finally { await close(c); }
  });

  test(`${kind}: a gRPC error is a tool error with code and message`, async () => {
    const c = await connect(kind);
    try {
      const r = await c.client.callTool({ name: 'fixture_fail',
                                          arguments: { code: 'FAILED_PRECONDITION', message: 'table is locked' } });
      assert.equal(r.isError, true);
      assert.match(r.content[0].text, /FAILED_PRECONDITION \(9\)/);
      assert.match(r.content[0].text, /table is locked/);
    } finally { await close(c); }
  });

  test(`${kind}: bad arguments are a tool error naming the field`, async () => {
    const c = await connect(kind);
    try {
      const r = await c.client.callTool({ name: 'fixture_echo', arguments: { no_such_field: 1 } });
      assert.equal(r.isError, true);
      assert.match(r.content[0].text, /no_such_field/);
    } finally { await close(c); }
  });

  test(`${kind}: a server-streaming RPC reports progress per message`, async () => {
    const c = await connect(kind);
    try {
      const seen = [];
      // Spaced out: the SDK drops progress that arrives in the same read as the response (it removes the
      // progress handler before the queued notifications run), which is no fault of the server.
      const r = await c.client.callTool({ name: 'fixture_count', arguments: { to: 4, interval_ms: 30 } }, undefined,
                                        { onprogress: (p) => seen.push(p) });
      assert.deepEqual(seen.map((p) => p.progress), [1, 2, 3, 4]);
      assert.deepEqual(JSON.parse(seen[3].message), { value: 4, total: 4 });
      assert.deepEqual(r.structuredContent.messages.map((m) => m.value), [1, 2, 3, 4]);
    } finally { await close(c); }
  });

  test(`${kind}: aborting a call cancels the gRPC call on the backend`, async () => {
    const c = await connect(kind);
    try {
      const before = (await c.client.callTool({ name: 'fixture_stats', arguments: {} })).structuredContent;
      const controller = new AbortController();
      const call = c.client.callTool({ name: 'fixture_sleep', arguments: { ms: 20000 } }, undefined,
                                     { signal: controller.signal });
      // Wait until the backend runs the call, then abort (the SDK sends notifications/cancelled).
      for (let i = 0; i < 200; i++) {
        const s = (await c.client.callTool({ name: 'fixture_stats', arguments: {} })).structuredContent;
        if (Number(s.sleeps_started) > Number(before.sleeps_started)) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      controller.abort('test cancels');
      await assert.rejects(call);
      let after;
      for (let i = 0; i < 200; i++) {
        after = (await c.client.callTool({ name: 'fixture_stats', arguments: {} })).structuredContent;
        if (Number(after.sleeps_cancelled) > Number(before.sleeps_cancelled)) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(Number(after.sleeps_cancelled), Number(before.sleeps_cancelled) + 1);
    } finally { await close(c); }
  });

  test(`${kind}: prompts from the configuration, with argument completion`, async () => {
    const c = await connect(kind);
    try {
      const { prompts } = await c.client.listPrompts();
      assert.deepEqual(prompts.map((p) => p.name), ['shout_at']);  // inspect_table needs db tools: hidden
      const got = await c.client.getPrompt({ name: 'shout_at', arguments: { who: 'bob' } });
      assert.equal(got.messages[0].content.text, 'Use fixture_echo with shout=true to greet bob.');
      const done = await c.client.complete({ ref: { type: 'ref/prompt', name: 'shout_at' },
                                             argument: { name: 'who', value: 'an' } });
      assert.deepEqual(done.completion.values, ['ann', 'anna']);
      await assert.rejects(c.client.getPrompt({ name: 'shout_at', arguments: {} }), /who/);
    } finally { await close(c); }
  });

  test(`${kind}: resources list and read the backends document`, async () => {
    const c = await connect(kind);
    try {
      const { resources } = await c.client.listResources();
      assert.deepEqual(resources.map((r) => r.uri), ['gantry://adapter/backends']);
      const { contents } = await c.client.readResource({ uri: 'gantry://adapter/backends' });
      const doc = JSON.parse(contents[0].text);
      assert.equal(doc.backends[0].name, 'fixture');
      assert.equal(doc.backends[0].up, true);
      await assert.rejects(c.client.readResource({ uri: 'gantry://nope' }), /-32002|not found/i);
    } finally { await close(c); }
  });
}
