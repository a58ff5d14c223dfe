#pragma once
// RAII for libgit2 objects: each handle frees itself with the matching
// git_*_free, so no error path can leak or double-free.
#include <git2.h>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace hd::git {

template <auto Free> struct Deleter {
    template <typename T> void operator()(T* p) const { Free(p); }
};

using RepoPtr = std::unique_ptr<git_repository, Deleter<git_repository_free>>;
using IndexPtr = std::unique_ptr<git_index, Deleter<git_index_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<git_tree_free>>;
using CommitPtr = std::unique_ptr<git_commit, Deleter<git_commit_free>>;
using RefPtr = std::unique_ptr<git_reference, Deleter<git_reference_free>>;
using SigPtr = std::unique_ptr<git_signature, Deleter<git_signature_free>>;
using BlobPtr = std::unique_ptr<git_blob, Deleter<git_blob_free>>;
using BuilderPtr = std::unique_ptr<git_treebuilder, Deleter<git_treebuilder_free>>;
using TreeEntryPtr = std::unique_ptr<git_tree_entry, Deleter<git_tree_entry_free>>;
using ConfigPtr = std::unique_ptr<git_config, Deleter<git_config_free>>;

// The message of libgit2's last error, for wrapping into an hd Error.
inline std::string last_error() {
    const git_error* e = git_error_last();
    return e && e->message ? e->message : "unknown libgit2 error";
}

// Calls `fn`, throwing Error(code, context + libgit2's reason) on failure.
void check(int rc, const char* context);

std::string oid_hex(const git_oid& id);

// The blob id git gives `content`, and its first 16 hex digits: a name
// for stored bytes that every clone computes the same.
git_oid hash_blob(std::string_view content);
std::string short_hash(std::string_view content);

// A blob's bytes; nullopt when the repository lacks it.
std::optional<std::string> read_blob(git_repository* repo, const git_oid& id);

} // namespace hd::git
