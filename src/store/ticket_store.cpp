#include "store/ticket_store.hpp"

#include "core/share_out.hpp"

#include "core/display.hpp"
#include "core/ids.hpp"
#include "core/state.hpp"
#include "store/fast_ticket_parse.hpp"
#include "store/files.hpp"
#include "store/sha1.hpp"
#include "store/ticket_parse.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <mutex>
#include <sys/stat.h>
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

std::string conflict_message(std::string_view path, uint8_t stages) {
    bool base = stages & 2, ours = stages & 4, theirs = stages & 8;
    std::string_view how = base && ours && theirs ? "both modified"
                           : ours && theirs       ? "both added"
                           : base && theirs       ? "deleted by us"
                           : base && ours         ? "deleted by them"
                           : ours                 ? "added by us"
                           : theirs               ? "added by them"
                                                  : "both deleted";
    bool deleted = !(ours && theirs);
    return fmt::format("{}: merge conflict ({}); resolve the conflict in {}, then git add it{}",
                       path, how, path, deleted ? " (or git rm it)" : "");
}

std::string broken_warnings(const std::vector<BrokenTicket>& broken) {
    if (broken.empty()) return "";
    std::string out;
    for (const auto& b : broken)
        out += fmt::format("hd: warning: {}\n", inert(b.message, Shape::line));
    return out +
           fmt::format("hd: {} ticket file(s) could not be read; run 'hd check'\n", broken.size());
}

std::vector<TicketStore::IndexedTicket> TicketStore::tickets_under(std::string_view scan) const {
    std::string base = root_ + "tickets/";
    std::vector<IndexedTicket> out;
    // The index read directly is a few milliseconds; libgit2 takes tens at
    // 100,000 tickets, and completion asks on every TAB.
    IndexScan index = read_index(repo_, scan);
    for (const auto& e : index.entries)
        if (auto id = id_from_path(e.path, base.size()); !id.empty())
            out.push_back({std::move(id), e.stages});
    return out; // index order is path order, and paths sort by id
}

std::vector<std::string> TicketStore::ids() const {
    if (auto cached = cached_ids("")) return std::move(*cached);
    std::vector<std::string> out;
    for (auto& t : tickets_under(root_ + "tickets/"))
        out.push_back(std::move(t.id));
    return out;
}

std::vector<BrokenTicket> TicketStore::conflicts() const {
    std::vector<BrokenTicket> out;
    for (const auto& t : tickets_under(root_ + "tickets/"))
        if (t.stages != 1)
            out.push_back({path_of(t.id), conflict_message(path_of(t.id), t.stages)});
    return out;
}

std::string TicketStore::resolve(std::string_view typed) const {
    std::string prefix = normalize_id_prefix(typed);
    if (prefix.empty())
        throw Error(Exit::not_found,
                    fmt::format("'{}' is not a ticket id or prefix (letters and digits of {})",
                                typed, id_alphabet));
    std::string base = root_ + "tickets/";
    // A current cache's keys answer by a binary search, and hold no
    // conflicts; otherwise the index is scanned. Ticket paths are sharded by
    // the first two characters, so a longer prefix narrows the scan to one
    // shard.
    std::vector<IndexedTicket> found;
    std::vector<std::string> all;
    if (auto cached = cached_ids(prefix)) {
        all = std::move(*cached);
    } else {
        found = tickets_under(prefix.size() >= 2 ? base + prefix.substr(0, 2) + "/" + prefix
                                                 : base + prefix);
        for (const auto& t : found)
            all.push_back(t.id);
    }
    PrefixMatch m = match_prefix(all, prefix);
    switch (m.kind) {
    case PrefixMatch::Kind::unique:
        for (const auto& t : found)
            if (t.id == m.ids.front() && t.stages != 1)
                throw Error(Exit::repo, conflict_message(path_of(t.id), t.stages));
        return m.ids.front();
    case PrefixMatch::Kind::none:
        throw Error(Exit::not_found, fmt::format("no ticket matches '{}'", typed));
    case PrefixMatch::Kind::ambiguous: {
        // Each candidate with its title, so the one meant can be picked.
        std::string list;
        for (size_t i = 0; i < m.ids.size() && i < 10; ++i) {
            std::string title;
            try {
                std::string path = path_of(m.ids[i]);
                if (auto text = read_file(repo_.workdir() + path)) {
                    TicketState state = derive_state(read_ticket(*text, path));
                    title = fit_width(inert(state.title, Shape::line), 70); // as renamed
                }
            } catch (const Error&) {
                title = "(cannot be read; see hd check)";
            }
            list += "\n  " + m.ids[i] + (title.empty() ? "" : "  " + title);
        }
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

namespace {

// The bytes of the staged blob of `entry` and their object id. The work
// tree file is usually the same and cheaper to read than an object: it is
// used when git would take it to be unchanged, or when it hashes to the
// staged id; otherwise the object is read.
struct Staged {
    std::optional<std::string> content;
    std::string oid; // 20 raw bytes, of `content`
};

Staged read_staged(const Repo& repo, const IndexScan& index, const IndexPath& entry,
                   std::mutex& odb_mutex) {
    git_oid want;
    git_oid_fromraw(&want, reinterpret_cast<const unsigned char*>(entry.oid.data()));
    struct stat st {};
    Staged out;
    out.content = read_file(repo.workdir() + std::string(entry.path), &st);
    if (out.content) {
        if (index.unchanged(entry, st)) {
            out.oid = entry.oid;
            return out;
        }
        // nettle's SHA-1, not libgit2's: no set-up, and several times faster.
        Digest have = blob_digest(*out.content);
        if (std::string_view(reinterpret_cast<const char*>(have.data()), 20) == entry.oid) {
            out.oid = entry.oid;
            return out;
        }
    }
    std::lock_guard<std::mutex> hold(odb_mutex);
    out.content = repo.read_blob(want);
    out.oid = entry.oid;
    return out;
}

struct Parsed {
    std::vector<std::optional<TicketRow>> rows;
    std::vector<std::string> oids;
    std::vector<std::optional<BrokenTicket>> broken;
};
using RowOf = std::function<std::optional<TicketRow>(const Ticket&, RowText&)>;

// Reads and parses the staged bytes of each entry, spread over the cores
// (parsing is the slow part of a cold run); row texts go into `set`.
Parsed parse_staged(const Repo& repo, RowSet& set, const std::vector<const IndexPath*>& entries,
                    const RowOf& row_of) {
    Parsed out;
    out.rows.resize(entries.size());
    out.oids.resize(entries.size());
    out.broken.resize(entries.size());
    std::mutex odb_mutex;
    size_t workers = workers_for(entries.size(), 64);
    size_t first_text = set.text.size();
    for (size_t w = 0; w < workers; ++w)
        set.text.emplace_back();
    share_out(entries.size(), workers, [&](size_t from, size_t to, size_t worker) {
        RowText& text = set.text[first_text + worker];
        for (size_t k = from; k < to; ++k) {
            std::string path(entries[k]->path);
            try {
                Staged staged = read_staged(repo, set.index, *entries[k], odb_mutex);
                if (!staged.content)
                    throw Error(Exit::invalid, path + ": object missing from the repository");
                // The fast reader handles what hd writes; anything else, and
                // every error message, comes from the full parser.
                out.rows[k] = row_of(read_ticket(*staged.content, path), text);
                out.oids[k] = std::move(staged.oid);
            } catch (const Error& err) {
                const auto& at = err.location();
                out.broken[k] =
                    BrokenTicket{path, err.what(), at ? at->line : 0, at ? at->column : 0};
            }
        }
    });
    return out;
}

// The merged ticket files of the index, in path order; conflicted ones go to `broken`.
std::vector<const IndexPath*> ticket_entries(RowSet& set, std::string_view prefix) {
    std::vector<const IndexPath*> entries;
    for (const IndexPath& e : set.index.entries) {
        if (id_from_path(e.path, prefix.size()).empty()) continue;
        if (e.conflicted())
            set.broken.push_back({std::string(e.path), conflict_message(e.path, e.stages)});
        else
            entries.push_back(&e);
    }
    return entries;
}

} // namespace

std::unique_ptr<RowSet> TicketStore::load_rows_as_of(Timestamp at) const {
    auto set = std::make_unique<RowSet>();
    std::string prefix = root_ + "tickets/";
    set->index = read_index(repo_, prefix);
    auto entries = ticket_entries(*set, prefix);
    Parsed parsed = parse_staged(repo_, *set, entries, [&](const Ticket& t, RowText& text) {
        if (at < t.created) return std::optional<TicketRow>();
        Ticket then = t;
        std::erase_if(then.events, [&](const Event& e) { return at < e.at; });
        return std::optional<TicketRow>(make_row(then, derive_state(then), text));
    });
    for (size_t k = 0; k < entries.size(); ++k) {
        if (parsed.broken[k]) set->broken.push_back(std::move(*parsed.broken[k]));
        if (parsed.rows[k]) set->rows.push_back(*parsed.rows[k]);
    }
    std::sort(set->broken.begin(), set->broken.end(),
              [](const BrokenTicket& a, const BrokenTicket& b) { return a.path < b.path; });
    return set;
}

std::string TicketStore::cache_path() const {
    // One cache per ticket root, so two desks in one repository do not evict each other.
    return repo_.gitdir() + (root_.empty()
                                 ? std::string("hd-rows")
                                 : fmt::format("hd-rows-{:016x}", std::hash<std::string>{}(root_)));
}

std::unique_ptr<RowCache> TicketStore::current_cache(bool with_timelines, bool read_ahead) const {
    std::string sum = index_file_checksum(repo_.gitdir() + "index");
    if (sum.empty()) return nullptr;
    auto cache = std::make_unique<RowCache>(cache_path());
    if (!cache->open_keys(with_timelines, read_ahead) || cache->index_checksum() != sum)
        return nullptr;
    return cache;
}

std::optional<std::vector<std::string>> TicketStore::cached_ids(std::string_view prefix) const {
    auto cache = current_cache(false, prefix.empty());
    if (!cache) return std::nullopt;
    RowKey key;
    size_t lo = 0, hi = cache->key_count();
    while (lo < hi) { // the first key not below `prefix`
        size_t mid = lo + (hi - lo) / 2;
        if (!cache->key(mid, key)) return std::nullopt;
        (key.id < prefix ? lo = mid + 1 : hi = mid);
    }
    std::vector<std::string> out;
    for (size_t i = lo; i < cache->key_count(); ++i) {
        if (!cache->key(i, key)) return std::nullopt;
        if (!key.id.starts_with(prefix)) break;
        out.emplace_back(key.id);
    }
    return out;
}

std::unique_ptr<RowSet> TicketStore::load_rows(const std::function<bool(const TicketRow&)>& keep,
                                               bool with_timelines) const {
    return load_rows(RowQuery{.keep = keep, .timelines = with_timelines});
}

std::unique_ptr<RowSet> TicketStore::load_rows(const RowQuery& q) const {
    auto set = std::make_unique<RowSet>();
    if (rows_from_keys(*set, q)) return set;
    set = std::make_unique<RowSet>();
    rows_from_index(*set, q);
    if (q.by_created)
        std::stable_sort(
            set->rows.begin(), set->rows.end(),
            [](const TicketRow& a, const TicketRow& b) { return a.created < b.created; });
    return set;
}

std::vector<BrokenTicket>
TicketStore::each_row(const RowQuery& q, const std::function<void(const TicketRow&)>& each) const {
    // Keys that were checked when the cache was opened cannot fail half
    // way, so rows of the key fields alone are handed on as they are read.
    if (!q.text && !q.keep_reads_text) {
        if (auto cache = current_cache(false, true)) {
            RowKey key;
            for (size_t i = 0, n = cache->key_count(); i < n; ++i) {
                if (q.by_created ? cache->key_by_created(i, key) : cache->key(i, key)) {
                    TicketRow row = key.row();
                    if (!q.keep || q.keep(row)) each(row);
                }
            }
            return {};
        }
    }
    auto set = load_rows(q);
    for (const TicketRow& row : set->rows)
        each(row);
    return std::move(set->broken);
}

bool TicketStore::rows_from_keys(RowSet& set, const RowQuery& q) const {
    set.cache = current_cache(q.timelines, true);
    if (!set.cache) return false;
    const RowCache& cache = *set.cache;
    size_t n = cache.key_count();
    if (!q.keep || q.timelines) set.rows.reserve(n); // a report keeps every row
    RowKey key;
    for (size_t i = 0; i < n; ++i) {
        if (!(q.by_created ? cache.key_by_created(i, key) : cache.key(i, key))) {
            set.rows.clear();
            return false; // damaged: the index walk rebuilds it
        }
        TicketRow row = key.row();
        // Filter on the key first, so that rows left out are never decoded.
        if (q.keep && !q.keep_reads_text && !q.keep(row)) continue;
        if ((q.text || q.keep_reads_text) && !decode_row(key.record, cache.timelines(), row)) {
            set.rows.clear();
            return false;
        }
        if (q.keep && q.keep_reads_text && !q.keep(row)) continue;
        set.rows.push_back(row);
    }
    return true;
}

void TicketStore::rows_from_index(RowSet& out, const RowQuery& q) const {
    RowSet* set = &out;
    bool with_timelines = q.timelines;
    auto keep = [&](const TicketRow& r) { return !q.keep || q.keep(r); };
    std::string prefix = root_ + "tickets/";
    set->index = read_index(repo_, prefix);
    auto entries = ticket_entries(*set, prefix);
    bool conflicts = !set->broken.empty();

    set->cache = std::make_unique<RowCache>(cache_path());
    const std::vector<std::string_view>& cached = set->cache->load(with_timelines);

    // Both lists are in path order: walk them side by side. A record whose
    // blob id still matches the index is a hit; everything else is parsed.
    constexpr size_t miss = SIZE_MAX;
    std::vector<size_t> source(entries.size(), miss); // index into `cached`
    std::vector<size_t> misses;
    size_t j = 0;
    for (size_t i = 0; i < entries.size(); ++i) {
        while (j < cached.size() && record_path(cached[j]) < entries[i]->path)
            ++j;
        if (j < cached.size() && record_oid(cached[j]) == entries[i]->oid &&
            record_path(cached[j]) == entries[i]->path)
            source[i] = j++;
        else
            misses.push_back(i);
    }

    // Rewriting the cache copies every timeline into the new file: read
    // them in too. A cache without its keys is rewritten to have them.
    bool rewrite = !misses.empty() || cached.size() != entries.size() || !set->cache->has_keys();
    if (rewrite && !with_timelines) {
        RowQuery again = q;
        again.timelines = true;
        *set = RowSet();
        return rows_from_index(*set, again);
    }

    // Misses are parsed a batch at a time, so that a cold run never holds
    // every parsed row twice (here and in the result).
    constexpr size_t batch = 4096;
    Parsed parsed;
    size_t parsed_from = 0; // the miss parsed.rows[0] is
    auto parse_batch = [&](size_t from) {
        std::vector<const IndexPath*> to_parse;
        for (size_t m = from; m < misses.size() && m < from + batch; ++m)
            to_parse.push_back(entries[misses[m]]);
        parsed = parse_staged(repo_, *set, to_parse, [](const Ticket& t, RowText& text) {
            return std::optional<TicketRow>(make_row(t, derive_state(t), text));
        });
        parsed_from = from;
    };

    // Only kept rows are stored, so a narrow filter touches little memory.
    std::optional<RowCacheWriter> fresh;
    if (rewrite) fresh.emplace(set->cache->path());
    size_t k = 0;
    TicketRow row;
    bool complete = !conflicts;                            // every ticket of the index has its row
    if (with_timelines) set->rows.reserve(entries.size()); // a report keeps every row
    for (size_t i = 0; i < entries.size(); ++i) {
        if (source[i] != miss) {
            if (!decode_row(cached[source[i]], set->cache->timelines(), row)) {
                set->cache->clear(); // damaged: the next run rebuilds it
                *set = RowSet();
                return rows_from_index(*set, q);
            }
            if (fresh) fresh->add(entries[i]->oid, row);
        } else {
            if (k == parsed_from + parsed.rows.size()) parse_batch(k);
            size_t b = k++ - parsed_from;
            if (parsed.broken[b]) {
                set->broken.push_back(std::move(*parsed.broken[b]));
                complete = false;
                continue;
            }
            // Stored under the id of the bytes it came from, so that it is
            // found again only while the index still stages those bytes.
            if (fresh) fresh->add(parsed.oids[b], *parsed.rows[b]);
            row = *parsed.rows[b];
        }
        if (keep(row)) set->rows.push_back(row);
    }
    // With every row checked against this index, the next run that finds
    // the same index need not read it.
    std::string_view checksum = complete ? set->index.checksum : std::string_view();
    if (fresh)
        fresh->commit(checksum);
    else if (!checksum.empty() && set->cache->index_checksum() != checksum)
        set->cache->set_index_checksum(checksum);
    std::sort(set->broken.begin(), set->broken.end(),
              [](const BrokenTicket& a, const BrokenTicket& b) { return a.path < b.path; });
}

} // namespace hd
