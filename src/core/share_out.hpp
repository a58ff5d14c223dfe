#pragma once
// Spreading independent work over the cores: 100,000 tickets parsed,
// searched or measured one by one are each on their own.
#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace hd {

// How many workers `n` items get: one below `serial_below` (threads would
// cost more than they save), else one a core, at most eight.
inline size_t workers_for(size_t n, size_t serial_below) {
    if (n < serial_below) return 1;
    return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
}

// Calls work(from, to, worker) on `workers` consecutive slices of [0, n),
// the first on this thread; returns when all are done.
template <typename Work> void share_out(size_t n, size_t workers, Work work) {
    std::vector<std::thread> pool;
    for (size_t w = 1; w < workers; ++w)
        pool.emplace_back(work, n * w / workers, n * (w + 1) / workers, w);
    work(size_t{0}, n / workers, size_t{0});
    for (auto& t : pool)
        t.join();
}

} // namespace hd
