#pragma once
// A cache of parsed tickets without their long texts, keyed by the blob id
// of the file. Content-addressed, so an entry is never stale, only unused;
// the file lives under .git/ and is always safe to delete.
#include "core/ticket.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace hd {

// Bodies and explanations are dropped: listings and reports do not print
// them, and they are most of a ticket's bytes. Next steps stay (short, and
// reports check that the requester was told them).
Ticket strip_texts(Ticket t);

std::string serialize_digest(const Ticket& t);
// nullopt when the bytes are not a well-formed digest.
std::optional<Ticket> deserialize_digest(std::string_view bytes);

class DigestCache {
  public:
    explicit DigestCache(std::string path) : path_(std::move(path)) {}

    void load();
    // Key: the raw 20-byte object id.
    const Ticket* find(const std::string& key) const;
    void add(const std::string& key, const Ticket& t);
    // Appends what was added since load(); compacts to `live` keys when the
    // file has grown well past them. Failures are ignored: it is a cache.
    void save(const std::vector<std::string>& live);

  private:
    std::string path_;
    std::unordered_map<std::string, Ticket> entries_;
    std::vector<std::pair<std::string, std::string>> added_; // key, serialized
    size_t records_on_disk_ = 0;
};

} // namespace hd
