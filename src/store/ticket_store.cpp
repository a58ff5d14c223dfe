#include "store/ticket_store.hpp"

#include "core/ids.hpp"
#include "store/digest_cache.hpp"
#include "store/files.hpp"
#include "store/ticket_parse.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <mutex>
#include <thread>

namespace hd {

namespace fs = std::filesystem;

namespace {

// "<root>tickets/ab/abcdefg.toml" -> "abcdefg", or "" if not a ticket path.
std::string id_from_path(std::string_view path, size_t prefix_len) {
    std::string_view rest = path.substr(prefix_len);
    if (rest.size() != 3 + id_length + 5 || rest[2] != '/' || !rest.ends_with(".toml")) return "";
    std::string_view id = rest.substr(3, id_length);
    if (!is_valid_id(id) || id.substr(0, 2) != rest.substr(0, 2)) return "";
    return std::string(id);
}

} // namespace

std::string find_ticket_root(const std::string& workdir, const std::string& start) {
    fs::path top = fs::weakly_canonical(workdir);
    fs::path dir = fs::weakly_canonical(start);
    for (;;) {
        if (fs::exists(dir / "hd.toml")) {
            auto rel = fs::relative(dir, top).generic_string();
            if (rel == ".") return "";
            if (rel.starts_with("..")) break;
            return rel + "/";
        }
        if (dir == top || dir == dir.parent_path()) break;
        dir = dir.parent_path();
    }
    throw Error(Exit::repo, fmt::format("no hd.toml in {} or above it in this repository; run "
                                        "'hd init' to start a help desk here",
                                        start));
}

TicketStore::TicketStore(Repo& repo, const std::string& start)
    : repo_(repo), root_(find_ticket_root(repo.workdir(), start)) {}

std::string TicketStore::path_of(std::string_view id) const {
    return root_ + ticket_relpath(id);
}

std::vector<std::string> TicketStore::ids() const {
    std::string prefix = root_ + "tickets/";
    std::vector<std::string> out;
    for (const auto& e : repo_.index_entries(prefix))
        if (auto id = id_from_path(e.path, prefix.size()); !id.empty()) out.push_back(id);
    return out; // index order is path order, and paths sort by id
}

std::string TicketStore::resolve(std::string_view typed) const {
    std::string prefix = normalize_id_prefix(typed);
    if (prefix.empty())
        throw Error(Exit::not_found,
                    fmt::format("'{}' is not a ticket id or prefix (letters and digits of {})",
                                typed, id_alphabet));
    std::vector<std::string> all;
    std::string base = root_ + "tickets/";
    // Ticket paths are sharded by the first two characters, so a longer
    // prefix narrows the index scan to one shard.
    std::string scan =
        prefix.size() >= 2 ? base + prefix.substr(0, 2) + "/" + prefix : base + prefix;
    for (const auto& e : repo_.index_entries(scan))
        if (auto id = id_from_path(e.path, base.size()); !id.empty()) all.push_back(id);
    PrefixMatch m = match_prefix(all, prefix);
    switch (m.kind) {
    case PrefixMatch::Kind::unique:
        return m.ids.front();
    case PrefixMatch::Kind::none:
        throw Error(Exit::not_found, fmt::format("no ticket matches '{}'", typed));
    case PrefixMatch::Kind::ambiguous: {
        std::string list;
        for (size_t i = 0; i < m.ids.size() && i < 10; ++i)
            list += "\n  " + m.ids[i];
        if (m.ids.size() > 10) list += fmt::format("\n  ... and {} more", m.ids.size() - 10);
        throw Error(Exit::not_found, fmt::format("'{}' matches {} tickets; type more of the id:{}",
                                                 typed, m.ids.size(), list));
    }
    }
    return "";
}

Ticket TicketStore::load(const std::string& id) const {
    std::string path = path_of(id);
    auto text = read_file(repo_.workdir() + path);
    if (!text) throw Error(Exit::not_found, fmt::format("ticket {} has no file {}", id, path));
    return parse_ticket(*text, path);
}

TicketSet TicketStore::load_all() const {
    std::string prefix = root_ + "tickets/";
    auto entries = repo_.index_entries(prefix);
    std::erase_if(entries, [&](const Repo::IndexEntry& e) {
        return id_from_path(e.path, prefix.size()).empty();
    });

    DigestCache cache(repo_.gitdir() + "hd-cache");
    cache.load();

    struct Slot {
        std::optional<Ticket> ticket;
        std::optional<BrokenTicket> broken;
        bool parsed = false;
    };
    std::vector<Slot> slots(entries.size());
    std::vector<size_t> misses;
    std::vector<std::string> keys(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
        keys[i].assign(reinterpret_cast<const char*>(entries[i].id.id), 20);
        if (const Ticket* t = cache.find(keys[i]))
            slots[i].ticket = *t;
        else
            misses.push_back(i);
    }

    std::mutex odb_mutex;
    // Parsing is the slow part of a cold run; spread it over the cores.
    auto parse_range = [&](size_t from, size_t to) {
        for (size_t k = from; k < to; ++k) {
            size_t i = misses[k];
            const auto& e = entries[i];
            try {
                // The work tree file is usually the staged blob and is cheaper
                // to read than an object; fall back to the object when not.
                auto text = read_file(repo_.workdir() + e.path);
                git_oid have;
                if (!text ||
                    git_odb_hash(&have, text->data(), text->size(), GIT_OBJECT_BLOB) != 0 ||
                    !git_oid_equal(&have, &e.id)) {
                    std::lock_guard<std::mutex> hold(odb_mutex);
                    text = repo_.read_blob(e.id);
                }
                if (!text)
                    throw Error(Exit::invalid, e.path + ": object missing from the repository");
                slots[i].ticket = parse_ticket(*text, e.path);
                slots[i].parsed = true;
            } catch (const Error& err) {
                slots[i].broken = BrokenTicket{e.path, err.what()};
            }
        }
    };
    size_t workers = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
    if (misses.size() < 64) workers = 1;
    std::vector<std::thread> pool;
    size_t chunk = (misses.size() + workers - 1) / std::max<size_t>(workers, 1);
    for (size_t w = 1; w < workers; ++w)
        pool.emplace_back(parse_range, std::min(w * chunk, misses.size()),
                          std::min((w + 1) * chunk, misses.size()));
    parse_range(0, std::min(chunk, misses.size()));
    for (auto& t : pool)
        t.join();

    TicketSet out;
    std::vector<std::string> live;
    for (size_t i = 0; i < entries.size(); ++i) {
        if (slots[i].broken) {
            out.broken.push_back(std::move(*slots[i].broken));
            continue;
        }
        if (slots[i].parsed) cache.add(keys[i], *slots[i].ticket);
        live.push_back(keys[i]);
        out.tickets.push_back(strip_texts(std::move(*slots[i].ticket)));
    }
    cache.save(live);
    return out;
}

} // namespace hd
