// The official Turso sync client (@tursodatabase/sync, pinned by package-lock.json) as a command-line peer
// for the interop tests:  node official_client.mjs URL DIR (query|exec) SQL
//   query: bootstraps or pulls DIR/local.db from URL, runs SQL locally, prints the rows as JSON
//   exec:  pulls, runs SQL locally, pushes it to URL, prints {"ok":true}
import { connect } from "@tursodatabase/sync";

const [url, dir, command, sql] = process.argv.slice(2);
if (!url || !dir || !command || !sql) {
  console.error("usage: official_client.mjs URL DIR (query|exec) SQL");
  process.exit(2);
}
const db = await connect({ path: `${dir}/local.db`, url, clientName: "official-interop" });
await db.pull();
if (command === "query") {
  const rows = await (await db.prepare(sql)).all();
  console.log(JSON.stringify(rows));
} else if (command === "exec") {
  await db.exec(sql);
  await db.push();
  console.log(JSON.stringify({ ok: true }));
} else {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
await db.close();
