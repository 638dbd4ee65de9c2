#include "backend_factory.hpp"

#include "gantry/resolve/auto_backend.hpp"
#include "gantry/resolve/embedded/embedded_backend.hpp"
#include "gantry/resolve/sim/sim_backend.hpp"
#include "gantry/resolve/worker/worker_backend.hpp"

namespace gantry::resolve {

StatusOr<std::unique_ptr<Backend>> MakeBackend(const ResolveConfig& config) {
    if (config.backend == "sim") {
        GANTRY_ASSIGN_OR_RETURN(auto sim, sim::SimBackend::Open(config.sim));
        return std::unique_ptr<Backend>(std::move(sim));
    }
    auto setup = config.python;
    GANTRY_ASSIGN_OR_RETURN(setup.python_dir, LocatePythonDir(config.python_dir));
    auto make_worker = [&] {
        return std::make_unique<worker::WorkerBackend>(
            worker::WorkerOptions{setup, config.call_timeout, config.connect_timeout});
    };
    if (config.backend == "python-worker") return std::unique_ptr<Backend>(make_worker());
    if (config.backend == "embedded")
        return std::unique_ptr<Backend>(std::make_unique<embedded::EmbeddedBackend>(setup));
    std::vector<std::unique_ptr<Backend>> candidates;
    candidates.push_back(std::make_unique<embedded::EmbeddedBackend>(setup));
    candidates.push_back(make_worker());
    return std::unique_ptr<Backend>(std::make_unique<AutoBackend>(std::move(candidates), config.retry_interval));
}

}  // namespace gantry::resolve
