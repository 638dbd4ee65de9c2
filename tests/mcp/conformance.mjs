// Runs the official MCP conformance suite (@modelcontextprotocol/conformance, which needs Node >= 22:
// run this file with node_modules/node/bin/node) against mcp-adapter's HTTP endpoint. Every generic
// scenario must pass, and so must the fixture scenarios the backend's test_* tools serve (text, error,
// progress); conformance-baseline.yml lists the rest, and the suite itself fails the run when a listed
// scenario starts passing (a stale baseline).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSuite } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const MUST_PASS = ['server-initialize', 'ping', 'tools-list', 'logging-set-level', 'completion-complete',
                   'resources-list', 'prompts-list', 'server-sse-multiple-streams', 'dns-rebinding-protection',
                   'tools-call-simple-text', 'tools-call-error', 'tools-call-with-progress'];

const suite = await startSuite({ conformance: true });
let failed = false;
try {
  const run = spawnSync(process.execPath,
    [join(here, 'node_modules/@modelcontextprotocol/conformance/dist/index.js'), 'server', '--url', suite.url,
     '--suite', 'active', '--expected-failures', join(here, 'conformance-baseline.yml')],
    { encoding: 'utf8', timeout: 600_000 });
  const output = `${run.stdout}\n${run.stderr}`;
  const summary = output.slice(output.indexOf('=== SUMMARY ==='));
  console.log(summary);
  for (const name of MUST_PASS) {
    if (!new RegExp(`✓ ${name}: \\d+ passed, 0 failed`).test(summary)) {
      console.error(`scenario ${name} did not pass`);
      failed = true;
    }
  }
  if (run.status !== 0) {
    console.error(`conformance exited with ${run.status}`);
    console.error(output.slice(-4000));
    failed = true;
  }
} finally {
  await suite.stop();
}
process.exit(failed ? 1 : 0);
