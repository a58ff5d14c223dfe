#include "service/search.hpp"

#include "store/fast_ticket_parse.hpp"
#include "store/files.hpp"

#include <algorithm>
#include <thread>

namespace hd {

std::vector<SearchHit> search_tickets(const Repo& repo, const std::vector<const TicketRow*>& rows,
                                      const SearchText& text) {
    std::vector<std::optional<SearchMatch>> found(rows.size());
    auto work = [&](size_t from, size_t to) {
        for (size_t i = from; i < to; ++i) {
            try {
                std::string path(rows[i]->path);
                auto raw = read_file(repo.workdir() + path);
                if (!raw || !text.may_be_in_file(*raw)) continue;
                found[i] = find_in_ticket(read_ticket(*raw, path), text);
            } catch (const Error&) {
                // Changed since it was listed and unreadable now: hd check names it.
            }
        }
    };
    size_t n = rows.size();
    size_t workers = n < 512 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
    std::vector<std::thread> pool;
    for (size_t w = 1; w < workers; ++w)
        pool.emplace_back(work, n * w / workers, n * (w + 1) / workers);
    work(0, n / workers);
    for (auto& t : pool)
        t.join();
    std::vector<SearchHit> hits;
    for (size_t i = 0; i < n; ++i)
        if (found[i]) hits.push_back({rows[i], std::move(*found[i])});
    return hits;
}

} // namespace hd
