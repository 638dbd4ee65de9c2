#pragma once
/// @file JSON Schemas for MCP tools, derived from protobuf message descriptors.
///
/// The schemas describe the protobuf JSON mapping (google::protobuf::util) and are flat on purpose:
/// no $ref/$defs and no oneOf/anyOf/allOf, which several MCP clients reject. Recursive messages are
/// inlined up to kMaxSchemaDepth levels and then described as a plain object.

#include <google/protobuf/descriptor.h>

#include <nlohmann/json.hpp>

namespace gantry::mcp {

/// How deep nested messages are spelled out.
inline constexpr int kMaxSchemaDepth = 8;

/// The schema of a tool's arguments: what JSON the request message accepts. Unknown properties are
/// rejected (additionalProperties: false), as the conversion rejects them.
nlohmann::json InputSchema(const google::protobuf::Descriptor* message);

/// The schema of the JSON printed for a response message (64-bit integers print as strings).
nlohmann::json OutputSchema(const google::protobuf::Descriptor* message);

/// The schema of a server-streaming call's result: {"messages": [<message>, ...]}.
nlohmann::json StreamOutputSchema(const google::protobuf::Descriptor* message);

}  // namespace gantry::mcp
