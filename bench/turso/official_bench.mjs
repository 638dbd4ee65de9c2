// The official client's side of bench/turso, one scenario per call; prints {"ms": ...} or {"p50_us": ...}.
//   node official_bench.mjs URL DIR bootstrap | pull | ryw N | batch N | reads N MAXID
import { connect } from "@tursodatabase/sync";

const [url, dir, scenario, a, b] = process.argv.slice(2);
const now = () => process.hrtime.bigint();
const ms = (t0) => Number(now() - t0) / 1e6;
const p50 = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];

const t0 = now();
const db = await connect({ path: `${dir}/local.db`, url, clientName: "bench" });
if (scenario === "bootstrap") {
  console.log(JSON.stringify({ ms: ms(t0) }));
} else if (scenario === "pull") {
  const t = now();
  await db.pull();
  console.log(JSON.stringify({ ms: ms(t) }));
} else if (scenario === "ryw") {
  await db.pull();
  await db.exec("CREATE TABLE IF NOT EXISTS ryw_official (id INTEGER PRIMARY KEY, v TEXT)");
  await db.push();
  const insert = await db.prepare("INSERT INTO ryw_official (id, v) VALUES (?, ?)");
  const select = await db.prepare("SELECT v FROM ryw_official WHERE id = ?");
  const samples = [];
  for (let i = 0; i < Number(a); i++) {
    const t = now();
    await insert.run(i, `value-${i}`);
    await db.push();
    const row = await select.get(i);
    if (!row) throw new Error("own write not visible");
    samples.push(Number(now() - t) / 1e3);
  }
  console.log(JSON.stringify({ p50_us: p50(samples) }));
} else if (scenario === "batch") {
  await db.pull();
  await db.exec("CREATE TABLE IF NOT EXISTS batch_official (id INTEGER PRIMARY KEY, v TEXT)");
  await db.push();
  const t = now();
  const insert = await db.prepare("INSERT INTO batch_official (id, v) VALUES (?, ?)");
  await db.exec("BEGIN");
  for (let i = 0; i < Number(a); i++) await insert.run(i, `row-${i}`);
  await db.exec("COMMIT");
  await db.push();
  console.log(JSON.stringify({ ms: ms(t) }));
} else if (scenario === "reads") {
  const select = await db.prepare("SELECT id, length(payload) FROM big WHERE id = ?");
  const samples = [];
  for (let i = 0; i < Number(a); i++) {
    const id = 1 + ((i * 7919) % Number(b));
    const t = now();
    const row = await select.get(id);
    if (!row) throw new Error(`row ${id} missing`);
    samples.push(Number(now() - t) / 1e3);
  }
  console.log(JSON.stringify({ p50_us: p50(samples) }));
} else {
  console.error(`unknown scenario ${scenario}`);
  process.exit(2);
}
await db.close();
