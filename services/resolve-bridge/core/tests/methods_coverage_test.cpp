// The method list (methods.hpp), the gRPC service and the Python operations must name the same methods.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "gantry/resolve/methods.hpp"
#include "gantry/resolve/v1/resolve_service.pb.h"

namespace gantry::resolve {
namespace {

const google::protobuf::ServiceDescriptor* ResolveService() {
    // Referencing the file's descriptor table links it in; the pool then knows the service.
    const void* volatile linked = &descriptor_table_gantry_2fresolve_2fv1_2fresolve_5fservice_2eproto;
    (void)linked;
    return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName("gantry.resolve.v1.Resolve");
}

std::set<std::string> ListedMethods() {
#define GANTRY_NAME(Method, Request, Response, Role) #Method,
    return {GANTRY_RESOLVE_METHODS(GANTRY_NAME)};
#undef GANTRY_NAME
}

TEST(MethodsCoverageTest, EveryServiceMethodIsListedOrAnsweredByTheBridge) {
    const auto listed = ListedMethods();
    const auto* service = ResolveService();
    ASSERT_NE(service, nullptr);
    std::set<std::string> in_service;
    for (int i = 0; i < service->method_count(); ++i) in_service.insert(service->method(i)->name());
    for (const auto& name : in_service) {
        if (name == "GetStatus" || name == "WatchRender") continue;
        EXPECT_TRUE(listed.count(name)) << name << " is in the service but not in methods.hpp";
    }
    for (const auto& name : listed) EXPECT_TRUE(in_service.count(name)) << name << " is not in the service";
}

TEST(MethodsCoverageTest, EveryListedMethodHasAPythonOperation) {
    std::string all;
    const auto dir = std::filesystem::path(GANTRY_SOURCE_DIR) / "services/resolve-bridge/python/gantry_resolve_ops";
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        all += text.str();
    }
    ASSERT_FALSE(all.empty()) << dir;
    for (const auto& name : ListedMethods()) {
        EXPECT_NE(all.find("@method\ndef " + name + "(params)"), std::string::npos)
            << name << " has no Python operation";
    }
}

TEST(MethodsCoverageTest, EveryRpcIsAnMcpToolWithAValidName) {
    const auto* service = ResolveService();
    ASSERT_NE(service, nullptr);
    std::set<std::string> names;
    for (int i = 0; i < service->method_count(); ++i) {
        const auto* method = service->method(i);
        ASSERT_TRUE(method->options().HasExtension(common::v1::mcp_tool)) << method->name();
        const auto& tool = method->options().GetExtension(common::v1::mcp_tool);
        EXPECT_FALSE(tool.description().empty()) << method->name();
        for (char c : tool.name()) {
            EXPECT_TRUE(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                        c == '_')
                << tool.name();
        }
        EXPECT_TRUE(names.insert(tool.name()).second) << "duplicate tool name " << tool.name();
    }
}

}  // namespace
}  // namespace gantry::resolve

namespace gantry::resolve {
namespace {

TEST(MethodsCoverageTest, KeepsTheToolNamesOfDavinciMcps48ToolRelease) {
    // Tools of pyroqbit/davinci-mcp's 48-tool release that have a real Resolve API behind them here.
    const std::set<std::string> expected = {"create_project",
                                            "open_project",
                                            "save_project",
                                            "close_project",
                                            "export_project",
                                            "switch_page",
                                            "set_project_setting",
                                            "create_timeline",
                                            "delete_timeline",
                                            "set_current_timeline",
                                            "list_timelines_tool",
                                            "get_timeline_tracks",
                                            "add_marker",
                                            "import_media",
                                            "create_bin",
                                            "add_clip_to_timeline",
                                            "relink_clips",
                                            "link_proxy_media",
                                            "unlink_proxy_media",
                                            "apply_lut",
                                            "copy_grade",
                                            "set_timeline_item_transform",
                                            "set_timeline_item_crop",
                                            "set_timeline_item_composite",
                                            "set_timeline_item_retime",
                                            "get_timeline_item_properties",
                                            "add_to_render_queue",
                                            "create_render_preset",
                                            "start_render",
                                            "clear_render_queue",
                                            "get_render_status",
                                            "delete_media",
                                            "export_lut",
                                            "unlink_clips",
                                            "replace_clip",
                                            "reset_timeline_item_properties",
                                            "transcribe_audio",
                                            "clear_transcription",
                                            "auto_sync_audio"};
    std::set<std::string> names;
    const auto* service = ResolveService();
    ASSERT_NE(service, nullptr);
    for (int i = 0; i < service->method_count(); ++i) {
        names.insert(service->method(i)->options().GetExtension(common::v1::mcp_tool).name());
    }
    for (const auto& name : expected) EXPECT_TRUE(names.count(name)) << name;
}

}  // namespace
}  // namespace gantry::resolve
