#pragma once
/// @file Configuration: one YAML file per service, environment overrides, unknown keys rejected.
///
/// A service reads its keys through ConfigSection; each read declares the key, its default and a
/// description. The same code therefore (1) parses a file, (2) applies `GANTRY_<SERVICE>_<PATH>`
/// environment overrides, (3) rejects keys nobody read, naming the key and its file position, and
/// (4) documents every key for `--help` and docs/configuration.md.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gantry/common/status.hpp"

namespace YAML {
class Node;
}

namespace gantry {

/// One documented configuration key.
struct ConfigKeyDoc {
    std::string path;           // "server.listen"
    std::string env;            // "GANTRY_DB_GATEWAY_SERVER_LISTEN"
    std::string default_value;  // as text; "" when none
    std::string description;
};

class ConfigSection;

/// Owns a parsed document and collects errors and key documentation while sections are read.
class ConfigReader final {
public:
    /// An empty document (every key takes its default or its environment override).
    explicit ConfigReader(std::string service_name);
    /// Reads `path`; a missing file or bad YAML is an INVALID_ARGUMENT naming the file and position.
    static StatusOr<ConfigReader> FromFile(const std::string& path, std::string service_name);
    /// Parses YAML text; `origin` names it in messages.
    static StatusOr<ConfigReader> FromString(const std::string& text, std::string service_name,
                                             std::string origin = "<config>");
    /// Reads `env` instead of the process environment (tests).
    void SetEnvironment(std::function<const char*(const char*)> getenv);

    /// Sets `path` (e.g. "server.listen") as a command-line flag would; wins over file and environment.
    void SetOverride(const std::string& path, std::string value);

    ConfigSection Root();

    /// After every section was read: the first value error, else the first unknown key, else OK.
    Status Finish() const;

    const std::vector<ConfigKeyDoc>& Documented() const;
    /// Markdown table of every key read so far.
    std::string DocumentationMarkdown() const;
    /// Plain-text listing for --help.
    std::string DocumentationText() const;

    struct State;

private:
    explicit ConfigReader(std::shared_ptr<State> state) : state_(std::move(state)) {}
    std::shared_ptr<State> state_;
};

/// A YAML mapping at some path. Cheap to copy.
class ConfigSection final {
public:
    std::string String(const std::string& key, const std::string& default_value, const std::string& description);
    int64_t Int(const std::string& key, int64_t default_value, const std::string& description,
                int64_t min = INT64_MIN, int64_t max = INT64_MAX);
    double Double(const std::string& key, double default_value, const std::string& description);
    bool Bool(const std::string& key, bool default_value, const std::string& description);
    /// A list of strings; the environment override is comma-separated.
    std::vector<std::string> StringList(const std::string& key, const std::string& description);
    /// A secret: `key` inline, or `key_file` naming a file whose trimmed content is the value.
    /// Never shown in documentation defaults or logs.
    std::string Secret(const std::string& key, const std::string& description);
    /// A nested mapping.
    ConfigSection Section(const std::string& key, const std::string& description);
    /// A mapping of user-chosen names to sections, e.g. `databases: {main: {...}, logs: {...}}`.
    std::vector<std::pair<std::string, ConfigSection>> Entries(const std::string& key,
                                                                const std::string& description);
    /// Whether the document sets `key` here.
    bool Has(const std::string& key) const;
    /// Records a value error at `key` (e.g. a cross-field rule), naming its position.
    void Fail(const std::string& key, const std::string& message);
    const std::string& path() const { return path_; }

private:
    friend class ConfigReader;
    struct Impl;
    struct Found;
    Found Find(const std::string& key, const std::string& default_text, const std::string& description);
    ConfigSection(std::shared_ptr<ConfigReader::State> state, std::shared_ptr<Impl> impl, std::string path);
    std::shared_ptr<ConfigReader::State> state_;
    std::shared_ptr<Impl> impl_;
    std::string path_;
};

}  // namespace gantry
