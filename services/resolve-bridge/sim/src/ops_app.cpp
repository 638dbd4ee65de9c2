// Application-level operations of the simulator.
#include "ops.hpp"

namespace gantry::resolve::sim {

Status GetVersion(SimContext&, const v1::GetVersionRequest&, v1::GetVersionResponse& response) {
    response.set_product("DaVinci Resolve (Gantry simulator)");
    response.set_version("20.0.0");
    response.set_major(20);
    return Status::Ok();
}

Status GetCurrentPage(SimContext& ctx, const v1::GetCurrentPageRequest&, v1::GetCurrentPageResponse& response) {
    response.set_page(ctx.state().page);
    return Status::Ok();
}

Status OpenPage(SimContext& ctx, const v1::OpenPageRequest& request, v1::OpenPageResponse& response) {
    ctx.state().page = request.page();
    response.set_page(request.page());
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
