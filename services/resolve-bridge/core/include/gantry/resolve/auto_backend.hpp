#pragma once
/// @file `auto`: the first of its candidates (embedded, then python-worker) that connects answers. When none
/// does, calls fail UNAVAILABLE with every candidate's reason and how to fix it. It never falls back to the
/// simulator. A failed round is not retried for `retry_interval` so a down Resolve is not hammered.

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "gantry/resolve/backend.hpp"

namespace gantry::resolve {

class AutoBackend final : public Backend {
public:
    AutoBackend(std::vector<std::unique_ptr<Backend>> candidates, std::chrono::milliseconds retry_interval);

    std::string name() const override { return "auto"; }
    Status Call(std::string_view method, const google::protobuf::Message& request,
                google::protobuf::Message& response) override;
    BackendState Probe() override;

private:
    /// The connected candidate, connecting one when none is (or when the last one lost Resolve).
    StatusOr<Backend*> Select();
    BackendState SelectLocked();

    std::vector<std::unique_ptr<Backend>> candidates_;
    std::chrono::milliseconds retry_interval_;
    std::mutex mutex_;
    Backend* active_ = nullptr;
    BackendState last_;
    std::chrono::steady_clock::time_point last_attempt_{};
    bool attempted_ = false;
};

}  // namespace gantry::resolve
