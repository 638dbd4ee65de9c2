#include "render_catalog.hpp"

namespace gantry::resolve::sim {

const std::map<std::string, std::string>& RenderFormats() {
    static const std::map<std::string, std::string> formats = {{"mov", "mov"}, {"mp4", "mp4"}, {"mxf_op1a", "mxf"},
                                                               {"tif", "tif"}, {"exr", "exr"}, {"wav", "wav"}};
    return formats;
}

const std::map<std::string, std::map<std::string, std::string>>& RenderCodecs() {
    static const std::map<std::string, std::map<std::string, std::string>> codecs = {
        {"mov",
         {{"H.264", "H264"},
          {"H.265", "H265"},
          {"Apple ProRes 422 HQ", "ProRes422HQ"},
          {"Apple ProRes 4444", "ProRes4444"},
          {"DNxHR HQ", "DNxHRHQ"}}},
        {"mp4", {{"H.264", "H264"}, {"H.265", "H265"}}},
        {"mxf_op1a", {{"DNxHR HQX", "DNxHRHQX"}, {"XAVC Intra", "XAVCIntra"}}},
        {"tif", {{"RGB 16 bits", "RGB16"}}},
        {"exr", {{"RGB half (ZIP)", "RGBHalfZIP"}}},
        {"wav", {{"Linear PCM", "LinearPCM"}}}};
    return codecs;
}

const std::map<std::string, SimRenderSettings>& BuiltInRenderPresets() {
    static const std::map<std::string, SimRenderSettings> presets = [] {
        std::map<std::string, SimRenderSettings> p;
        SimRenderSettings h264;
        p["H.264 Master"] = h264;
        SimRenderSettings youtube;
        youtube.format = "mp4";
        p["YouTube - 1080p"] = youtube;
        SimRenderSettings prores;
        prores.codec = "ProRes422HQ";
        p["ProRes 422 HQ"] = prores;
        return p;
    }();
    return presets;
}

}  // namespace gantry::resolve::sim
