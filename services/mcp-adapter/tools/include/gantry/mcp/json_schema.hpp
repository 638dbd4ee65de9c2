#pragma once
/// @file JSON Schemas for MCP tools, derived from protobuf message descriptors.
///
/// The schemas describe the protobuf JSON mapping (google::protobuf::util) and are flat on purpose:
/// no $ref/$defs and no oneOf/anyOf/allOf, which several MCP clients reject. A recursive message (one that can
/// contain itself) is written out once per schema, at its first occurrence; every other occurrence is a plain
/// object whose description names the path where its shape is. Other messages are written out wherever they
/// appear, down to kMaxSchemaDepth levels.

#include <google/protobuf/descriptor.h>

#include <nlohmann/json.hpp>

namespace gantry::mcp {

/// How deep nested messages are spelled out (a guard: with recursion written out once, no Gantry tool nests
/// deeper than 9).
inline constexpr int kMaxSchemaDepth = 12;

/// The schema of a tool's arguments: what JSON the request message accepts. Unknown properties are
/// rejected (additionalProperties: false), as the conversion rejects them.
nlohmann::json InputSchema(const google::protobuf::Descriptor* message);

/// The schema of the JSON printed for a response message (64-bit integers print as strings).
nlohmann::json OutputSchema(const google::protobuf::Descriptor* message);

/// The schema of a server-streaming call's result: {"messages": [<message>, ...]}.
nlohmann::json StreamOutputSchema(const google::protobuf::Descriptor* message);

}  // namespace gantry::mcp
