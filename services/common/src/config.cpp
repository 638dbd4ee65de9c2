#include "gantry/common/config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace gantry {

struct ConfigSection::Impl {
    YAML::Node node;               // a map, or undefined when the section is absent
    std::set<std::string> known;   // keys read through this section
};

struct ConfigReader::State {
    std::string service;
    std::string origin = "<defaults>";
    YAML::Node root;
    std::function<const char*(const char*)> getenv = [](const char* name) { return std::getenv(name); };
    std::map<std::string, std::string> overrides;  // from command-line flags; win over everything
    std::vector<std::shared_ptr<ConfigSection::Impl>> sections;
    std::vector<std::string> errors;
    std::vector<ConfigKeyDoc> docs;
    std::set<std::string> documented_paths;
};

namespace {

std::string EnvName(const std::string& service, const std::string& path) {
    std::string out = "GANTRY_";
    for (char c : service + "_" + path) {
        if (c == '<' || c == '>') continue;  // a documented placeholder such as <name> becomes NAME
        out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_');
    }
    return out;
}

std::string Position(const ConfigReader::State& s, const YAML::Mark& mark) {
    if (mark.is_null()) return s.origin;
    return s.origin + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string Trim(std::string s) {
    auto not_space = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    return s;
}

// Looks a key up without inserting it (operator[] on a non-const node would).
YAML::Node Child(const YAML::Node& map, const std::string& key) {
    if (!map.IsDefined() || !map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node& const_map = map;
    return const_map[key];
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
    return out;
}

}  // namespace

ConfigReader::ConfigReader(std::string service_name) : state_(std::make_shared<State>()) {
    state_->service = std::move(service_name);
}

StatusOr<ConfigReader> ConfigReader::FromString(const std::string& text, std::string service_name,
                                                std::string origin) {
    ConfigReader reader(std::move(service_name));
    reader.state_->origin = std::move(origin);
    try {
        reader.state_->root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        return InvalidArgumentError(Position(*reader.state_, e.mark) + ": invalid YAML: " + e.msg);
    }
    const auto& root = reader.state_->root;
    if (root.IsDefined() && !root.IsNull() && !root.IsMap()) {
        return InvalidArgumentError(Position(*reader.state_, root.Mark()) +
                                    ": the configuration must be a mapping of keys to values");
    }
    return reader;
}

StatusOr<ConfigReader> ConfigReader::FromFile(const std::string& path, std::string service_name) {
    std::ifstream in(path);
    if (!in) return InvalidArgumentError("cannot read configuration file '" + path + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return FromString(buffer.str(), std::move(service_name), path);
}

void ConfigReader::SetEnvironment(std::function<const char*(const char*)> getenv) {
    state_->getenv = std::move(getenv);
}

void ConfigReader::SetOverride(const std::string& path, std::string value) {
    state_->overrides[path] = std::move(value);
}

ConfigSection ConfigReader::Root() {
    auto impl = std::make_shared<ConfigSection::Impl>();
    impl->node = state_->root.IsMap() ? state_->root : YAML::Node(YAML::NodeType::Undefined);
    state_->sections.push_back(impl);
    return ConfigSection(state_, impl, "");
}

Status ConfigReader::Finish() const {
    if (!state_->errors.empty()) return InvalidArgumentError(state_->errors.front());
    for (const auto& section : state_->sections) {
        if (!section->node.IsDefined() || !section->node.IsMap()) continue;
        for (const auto& kv : section->node) {
            const auto key = kv.first.as<std::string>();
            if (section->known.count(key)) continue;
            std::vector<std::string> known(section->known.begin(), section->known.end());
            return InvalidArgumentError(Position(*state_, kv.first.Mark()) + ": unknown key '" + key +
                                        "'" + (known.empty() ? "" : " (known keys here: " + Join(known, ", ") + ")"));
        }
    }
    return Status::Ok();
}

const std::vector<ConfigKeyDoc>& ConfigReader::Documented() const { return state_->docs; }

std::string ConfigReader::DocumentationMarkdown() const {
    std::string out = "| key | environment | default | description |\n|---|---|---|---|\n";
    for (const auto& d : state_->docs) {
        out += "| `" + d.path + "` | `" + d.env + "` | " + (d.default_value.empty() ? "" : "`" + d.default_value + "`") +
               " | " + d.description + " |\n";
    }
    return out;
}

std::string ConfigReader::DocumentationText() const {
    std::string out;
    for (const auto& d : state_->docs) {
        out += "  " + d.path + (d.default_value.empty() ? "" : " (default: " + d.default_value + ")") + "\n";
        out += "      " + d.description + "\n      env: " + d.env + "\n";
    }
    return out;
}

ConfigSection::ConfigSection(std::shared_ptr<ConfigReader::State> state, std::shared_ptr<Impl> impl,
                             std::string path)
    : state_(std::move(state)), impl_(std::move(impl)), path_(std::move(path)) {}

// The environment override first, then the document.
struct ConfigSection::Found {
    bool found = false;
    std::string text;
    YAML::Node node;             // the document's node, when from_document
    bool from_document = false;  // false when a flag or the environment supplied `text`
    std::string where;
    std::string full_path;
};

ConfigSection::Found ConfigSection::Find(const std::string& key, const std::string& default_text,
                                         const std::string& description) {
    Found result;
    result.full_path = path_.empty() ? key : path_ + "." + key;
    impl_->known.insert(key);
    const auto env = EnvName(state_->service, result.full_path);
    if (state_->documented_paths.insert(result.full_path).second) {
        state_->docs.push_back({result.full_path, env, default_text, description});
    }
    if (auto it = state_->overrides.find(result.full_path); it != state_->overrides.end()) {
        result.found = true;
        result.text = it->second;
        result.where = "command-line flag for " + result.full_path;
    } else if (const char* v = state_->getenv(env.c_str()); v != nullptr) {
        result.found = true;
        result.text = v;
        result.where = "environment variable " + env;
    } else if (auto child = Child(impl_->node, key); child.IsDefined() && !child.IsNull()) {
        result.found = true;
        result.from_document = true;
        result.node = child;
        result.where = Position(*state_, result.node.Mark());
        if (result.node.IsScalar()) result.text = result.node.Scalar();
    }
    return result;
}

std::string ConfigSection::String(const std::string& key, const std::string& default_value,
                                  const std::string& description) {
    const Found l = Find(key, default_value, description);
    if (!l.found) return default_value;
    if (l.from_document && !l.node.IsScalar()) {
        state_->errors.push_back(l.where + ": '" + l.full_path + "' must be a string");
        return default_value;
    }
    return l.text;
}

int64_t ConfigSection::Int(const std::string& key, int64_t default_value, const std::string& description,
                           int64_t min, int64_t max) {
    const Found l = Find(key, std::to_string(default_value), description);
    if (!l.found) return default_value;
    try {
        size_t used = 0;
        const long long v = std::stoll(l.text, &used);
        if (used != l.text.size()) throw std::invalid_argument("trailing text");
        if (v < min || v > max) {
            state_->errors.push_back(l.where + ": '" + l.full_path + "' is " + l.text + ", outside " +
                                     std::to_string(min) + ".." + std::to_string(max));
            return default_value;
        }
        return v;
    } catch (const std::exception&) {
        state_->errors.push_back(l.where + ": '" + l.full_path + "' must be an integer, got '" + l.text + "'");
        return default_value;
    }
}

double ConfigSection::Double(const std::string& key, double default_value, const std::string& description) {
    std::ostringstream def;
    def << default_value;
    const Found l = Find(key, def.str(), description);
    if (!l.found) return default_value;
    try {
        size_t used = 0;
        const double v = std::stod(l.text, &used);
        if (used != l.text.size()) throw std::invalid_argument("trailing text");
        return v;
    } catch (const std::exception&) {
        state_->errors.push_back(l.where + ": '" + l.full_path + "' must be a number, got '" + l.text + "'");
        return default_value;
    }
}

bool ConfigSection::Bool(const std::string& key, bool default_value, const std::string& description) {
    const Found l = Find(key, default_value ? "true" : "false", description);
    if (!l.found) return default_value;
    std::string t = l.text;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    if (t == "true" || t == "yes" || t == "on" || t == "1") return true;
    if (t == "false" || t == "no" || t == "off" || t == "0") return false;
    state_->errors.push_back(l.where + ": '" + l.full_path + "' must be true or false, got '" + l.text + "'");
    return default_value;
}

std::vector<std::string> ConfigSection::StringList(const std::string& key, const std::string& description) {
    const Found l = Find(key, "", description);
    std::vector<std::string> out;
    if (!l.found) return out;
    if (l.from_document && l.node.IsSequence()) {
        for (const auto& item : l.node) {
            if (!item.IsScalar()) {
                state_->errors.push_back(Position(*state_, item.Mark()) + ": items of '" + l.full_path +
                                         "' must be strings");
                continue;
            }
            out.push_back(item.Scalar());
        }
        return out;
    }
    if (l.from_document && !l.node.IsScalar()) {
        state_->errors.push_back(l.where + ": '" + l.full_path + "' must be a list of strings");
        return out;
    }
    std::stringstream ss(l.text);
    for (std::string item; std::getline(ss, item, ',');) {
        if (auto t = Trim(item); !t.empty()) out.push_back(t);
    }
    return out;
}

std::string ConfigSection::Secret(const std::string& key, const std::string& description) {
    const std::string inline_value = String(key, "", description + " (secret; prefer " + key + "_file)");
    const std::string file = String(key + "_file", "", "file holding " + path_ + (path_.empty() ? "" : ".") + key);
    if (!file.empty()) {
        if (!inline_value.empty()) {
            Fail(key, "set either '" + key + "' or '" + key + "_file', not both");
            return inline_value;
        }
        std::ifstream in(file);
        if (!in) {
            Fail(key + "_file", "cannot read secret file '" + file + "'");
            return "";
        }
        std::stringstream buffer;
        buffer << in.rdbuf();
        return Trim(buffer.str());
    }
    return inline_value;
}

ConfigSection ConfigSection::Section(const std::string& key, const std::string& description) {
    impl_->known.insert(key);
    const std::string full = path_.empty() ? key : path_ + "." + key;
    auto impl = std::make_shared<Impl>();
    if (const auto node = Child(impl_->node, key); node.IsDefined() && !node.IsNull()) {
        if (node.IsMap()) {
            impl->node = node;
        } else {
            state_->errors.push_back(Position(*state_, node.Mark()) + ": '" + full + "' must be a mapping");
        }
    }
    state_->sections.push_back(impl);
    return ConfigSection(state_, impl, full);
}

std::vector<std::pair<std::string, ConfigSection>> ConfigSection::Entries(const std::string& key,
                                                                           const std::string& description) {
    ConfigSection parent = Section(key, description);
    std::vector<std::pair<std::string, ConfigSection>> out;
    if (!parent.impl_->node.IsDefined()) return out;
    for (const auto& kv : parent.impl_->node) {
        const auto name = kv.first.as<std::string>();
        out.emplace_back(name, parent.Section(name, description));
    }
    return out;
}

bool ConfigSection::Has(const std::string& key) const {
    return Child(impl_->node, key).IsDefined();
}

void ConfigSection::Fail(const std::string& key, const std::string& message) {
    std::string where = state_->origin;
    if (const auto node = Child(impl_->node, key); node.IsDefined()) where = Position(*state_, node.Mark());
    state_->errors.push_back(where + ": '" + (path_.empty() ? key : path_ + "." + key) + "': " + message);
}

}  // namespace gantry
