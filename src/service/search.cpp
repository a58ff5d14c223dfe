#include "service/search.hpp"

#include "core/share_out.hpp"
#include "store/fast_ticket_parse.hpp"
#include "store/files.hpp"

#include <algorithm>
#include <thread>

namespace hd {

std::vector<SearchHit> search_tickets(const Repo& repo, const std::vector<const TicketRow*>& rows,
                                      const SearchText& text) {
    std::vector<std::optional<SearchMatch>> found(rows.size());
    size_t n = rows.size();
    share_out(n, workers_for(n, 512), [&](size_t from, size_t to, size_t) {
        for (size_t i = from; i < to; ++i) {
            try {
                std::string path(rows[i]->path);
                auto raw = read_file(repo.workdir() + path);
                if (!raw || !text.may_be_in_file(*raw)) continue;
                found[i] = find_in_ticket(read_ticket(*raw, path), text);
                if (found[i]) found[i]->line = line_in_file(*raw, *found[i], text);
            } catch (const Error&) {
                // Changed since it was listed and unreadable now: hd check names it.
            }
        }
    });
    std::vector<SearchHit> hits;
    for (size_t i = 0; i < n; ++i)
        if (found[i]) hits.push_back({rows[i], std::move(*found[i])});
    return hits;
}

} // namespace hd
