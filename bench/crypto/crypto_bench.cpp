// Measures Gantry's crypto library in-process; bench/crypto/run puts the peers beside it.
// Output: one "name value unit" line per measurement. Times are process CPU time, as `openssl speed` and the
// argon2 CLI report theirs, so a busy machine skews neither side.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "gantry/db/crypto/aead.hpp"
#include "gantry/db/crypto/blake3.hpp"
#include "gantry/db/crypto/hash.hpp"
#include "gantry/db/crypto/password.hpp"
#include "gantry/db/crypto/random.hpp"

namespace {

using gantry::db::crypto::Bytes;
/// Process CPU time as a std::chrono clock.
struct CpuClock {
    using duration = std::chrono::nanoseconds;
    using rep = duration::rep;
    using period = duration::period;
    using time_point = std::chrono::time_point<CpuClock>;
    static constexpr bool is_steady = true;
    static time_point now() {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return time_point(duration(ts.tv_sec * 1'000'000'000LL + ts.tv_nsec));
    }
};
using Clock = CpuClock;

double Seconds(Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
}

/// Runs `step` (which processes `bytes_per_step`) for about `budget` seconds; returns MB/s (10^6 bytes).
template <typename Step>
double Throughput(size_t bytes_per_step, double budget, Step step) {
    size_t steps = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    do {
        for (int i = 0; i < 16; ++i) step();
        steps += 16;
        elapsed = Seconds(start);
    } while (elapsed < budget);
    return static_cast<double>(steps * bytes_per_step) / elapsed / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    const double budget = argc > 1 ? std::atof(argv[1]) : 3.0;
    const size_t block = 16384;  // openssl speed's largest default block
    const Bytes data = *gantry::db::crypto::RandomBytes(block);

    std::printf("sha256_16k %.1f MB/s\n", Throughput(block, budget, [&] {
                    volatile auto digest = gantry::db::crypto::Hash(gantry::db::crypto::HashAlgorithm::kSha256, data);
                    (void)digest;
                }));
    // A prepared key, as `openssl speed` keeps one context; each message still gets a fresh random nonce.
    auto key = gantry::db::crypto::AeadKey::Create(gantry::db::crypto::AeadAlgorithm::kAes256Gcm, Bytes(32, 1));
    if (!key.ok()) return 1;
    Bytes sealed(block + 28);
    std::printf("aes256gcm_16k %.1f MB/s\n", Throughput(block, budget, [&] {
                    if (!key->SealInto(data, {}, sealed).ok()) std::abort();
                }));
    // BLAKE3 over 1 MiB inputs, single thread, as b3sum --num-threads 1 hashes a large file.
    Bytes large(1 << 20);
    for (size_t i = 0; i < large.size(); ++i) large[i] = static_cast<uint8_t>(i * 31);
    std::printf("blake3_1m %.1f MB/s\n", Throughput(large.size(), budget, [&] {
                    gantry::db::crypto::Blake3 hasher;
                    hasher.Update(large);
                    volatile auto digest = hasher.Finalize();
                    (void)digest;
                }));

    // argon2id with the CLI's parameters given on the command line: t, m (KiB), p.
    gantry::db::crypto::PasswordPolicy policy;
    policy.argon2id_iterations = argc > 2 ? static_cast<uint32_t>(std::atoi(argv[2])) : 3;
    policy.argon2id_memory_kib = argc > 3 ? static_cast<uint32_t>(std::atoi(argv[3])) : 65536;
    policy.argon2id_parallelism = argc > 4 ? static_cast<uint32_t>(std::atoi(argv[4])) : 1;
    gantry::db::crypto::PasswordHasher hasher(policy);
    const int runs = 5;
    const auto start = Clock::now();
    for (int i = 0; i < runs; ++i) {
        if (!hasher.Hash("correct horse battery staple").ok()) return 1;
    }
    std::printf("argon2id_hash %.4f s\n", Seconds(start) / runs);
    return 0;
}
