#include "gantry/turso/outbox.hpp"

namespace gantry::turso {

Status Outbox::Attach(SqliteConnection& conn, const std::string& path) {
    GANTRY_RETURN_IF_ERROR(conn.Attach(path, "outbox"));
    return conn.ExecScript(
        "CREATE TABLE IF NOT EXISTS outbox.changes ("
        "id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL CHECK (kind IN ('changeset','sql')), "
        "payload BLOB NOT NULL, created_at INTEGER NOT NULL DEFAULT (unixepoch()))");
}

Status Outbox::Append(SqliteConnection& conn, OutboxEntry::Kind kind, const std::string& payload) {
    Stmt stmt{
        "INSERT INTO outbox.changes (kind, payload) VALUES (?, ?)",
        {std::string(kind == OutboxEntry::Kind::kSql ? "sql" : "changeset"), Blob(payload.begin(), payload.end())},
        {},
        false};
    return conn.Execute(stmt).status();
}

StatusOr<std::vector<OutboxEntry>> Outbox::List(SqliteConnection& conn) {
    GANTRY_ASSIGN_OR_RETURN(auto r,
                            conn.Execute({"SELECT id, kind, payload FROM outbox.changes ORDER BY id", {}, {}, true}));
    std::vector<OutboxEntry> out;
    for (const auto& row : r.rows) {
        OutboxEntry e;
        e.id = std::get<int64_t>(row[0]);
        e.kind = std::get<std::string>(row[1]) == "sql" ? OutboxEntry::Kind::kSql : OutboxEntry::Kind::kChangeset;
        if (const auto* b = std::get_if<Blob>(&row[2])) {
            e.payload.assign(b->begin(), b->end());
        } else if (const auto* t = std::get_if<std::string>(&row[2])) {
            e.payload = *t;
        }
        out.push_back(std::move(e));
    }
    return out;
}

Status Outbox::RemoveThrough(SqliteConnection& conn, int64_t last_id) {
    return conn.Execute({"DELETE FROM outbox.changes WHERE id <= ?", {last_id}, {}, false}).status();
}

StatusOr<uint64_t> Outbox::Count(SqliteConnection& conn) {
    GANTRY_ASSIGN_OR_RETURN(auto r, conn.Execute({"SELECT count(*) FROM outbox.changes", {}, {}, true}));
    return static_cast<uint64_t>(std::get<int64_t>(r.rows.at(0).at(0)));
}

}  // namespace gantry::turso
