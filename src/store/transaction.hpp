#pragma once
// The one way hd writes: an action holds hd's lock on the repository, reads
// the files it changes (refusing any with uncommitted changes), and makes
// exactly one commit, moving the work tree, the index and the branch with it.
//
// What it guarantees, also when many hd runs, editors and git commands share
// a clone (README, "Guarantees"):
// - the time of the action is taken once the lock is held, so actions queued
//   on the lock stamp their events in the order they commit;
// - a file is written only if it still holds the bytes that were checked,
//   and its index entry is made from the blob hd wrote, never re-read from
//   disk, so an edit saved meanwhile stays an uncommitted change;
// - a run killed at any point is finished by the next one (the journal), or
//   rolled back when nothing was committed; the locks it left behind are
//   removed when they are provably its own.
#include "core/timestamp.hpp"
#include "store/index_update.hpp"
#include "store/journal.hpp"
#include "store/repo.hpp"
#include "store/turn_lock.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace hd {

// HD_LOCK_TIMEOUT's value: seconds, finite and not negative. Error(usage)
// for anything else ("nan", "10abc", "-1").
double parse_lock_timeout(std::string_view text);

// A note for commands that only read: an interrupted action awaits, and
// which command finishes it. Empty when none does.
std::string interrupted_action_notice(const Repo& repo);

class Transaction {
  public:
    enum class Mode {
        write,   // finish an interrupted action first, then act
        dry_run, // write nothing at all, not even a recovery
    };
    Transaction(Repo& repo, Getenv env, std::function<Timestamp()> clock, Mode mode = Mode::write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // The time of this action, read once the lock was held.
    Timestamp now() const { return now_; }

    // Content of a committed file (as git stores it, after its filters),
    // after checking that neither the work tree nor the index differs from
    // HEAD there; Error(repo) otherwise, naming the file and what to do.
    std::string read_clean(const std::string& path);
    // True when nothing (HEAD, index, work tree) has this path.
    bool is_free(const std::string& path);

    // `content` is as git stores it; the work tree gets git's filters
    // (core.autocrlf, eol) applied on the way out.
    void write(const std::string& path, std::string content);

    // Commits the writes on the current branch with HEAD as first parent
    // and `merged` as further parents; returns the commit id.
    std::string commit(const std::string& message, const Identity& who,
                       const std::vector<git_oid>& merged = {});

    // Moves the branch to `target`, a commit made on top of HEAD elsewhere
    // (fetched, or a merge of HEAD with what was fetched), bringing the work
    // tree and the index along for every file it changes, under the same
    // guarantees as commit(). Error(repo), before anything is written, when
    // such a file has uncommitted changes or is not a plain file.
    void advance(const git_oid& target, const std::string& reflog);

    // Commits `tree`, a merge of HEAD and `theirs` made in memory, with both
    // as parents, and advances to it; returns the commit id.
    std::string merge(const git_oid& tree, const git_oid& theirs, const std::string& message,
                      const Identity& who);

    // HEAD as it was once the lock was held; nullopt on an unborn branch.
    const std::optional<git_oid>& head() const { return parent_; }
    // The branch HEAD points to ("refs/heads/main"), or "HEAD" when detached.
    const std::string& branch() const { return refname_; }

    // The commit an interrupted action was finished with ("" when none).
    const std::string& recovered() const { return recovered_; }
    // Dry runs only: an interrupted action awaits (and was left alone).
    bool pending() const { return pending_; }
    // Something the person should know about this action ("" when nothing).
    const std::string& notice() const { return notice_; }

  private:
    void lock();
    void remove_temporaries(const std::string& path, const std::string& committed,
                            const std::optional<std::string>& before);
    void recover();
    void clear_abandoned_locks(const Journal& j);
    void refuse_unfinished_git_operation();
    void load_head();
    void require_inside(const std::string& path) const;
    std::string filtered(const std::string& path, const std::string& text,
                         git_filter_mode_t direction) const;
    std::string to_repository(const std::string& path, const std::string& bytes) const;
    std::string to_work_tree(const std::string& path, const std::string& content) const;
    struct Written {
        std::string bytes;
        struct stat st;
    };
    Written put_file(const std::string& path, const std::string& bytes,
                     const std::optional<std::string>& expected);
    git_oid create_commit(git_tree* tree, const std::string& message, const Identity& who,
                          const std::vector<git_oid>& merged);
    void apply(const git_oid& commit, const std::map<std::string, git_oid>& blobs,
               const std::string& reflog);
    void finish_removal(const std::string& path, const std::optional<git_oid>& before);
    // The index as it was when the action began, for the checks: parsed in
    // place, or through libgit2 for a form the parser does not take.
    void read_staged();
    std::optional<IndexEntry> staged_entry(const std::string& path) const;
    bool staged_conflict(const std::string& path) const;
    // Index changes are gathered, then made at once by write_index(), which
    // records what each path had in `before` when asked.
    void stage(const std::string& path, const git_oid& blob, const struct stat& st);
    void write_index(std::map<std::string, std::optional<IndexEntry>>* before = nullptr);
    void move_branch(const std::string& ref, const git_oid& to, const std::optional<git_oid>& from,
                     const std::string& reflog);

    Repo& repo_;
    Getenv env_;
    std::function<Timestamp()> clock_;
    Mode mode_;
    Timestamp now_{};
    std::optional<TurnLock> lock_; // hd.lock, held for the whole action
    std::string refname_;          // branch HEAD points to, or "HEAD" when detached
    std::optional<git_oid> parent_;
    git::TreePtr head_tree_;
    std::shared_ptr<IndexSnapshot> index_file_; // the index when the action began,
    git::IndexPtr index_;                       // or through libgit2 when it must be
    mutable git::IndexPtr attributes_index_;    // see filtered()
    struct Staged {
        git_oid blob;
        struct stat st;
    };
    std::map<std::string, std::optional<Staged>> staging_; // nullopt: remove the path
    std::map<std::string, std::string> writes_;
    std::set<std::string> removals_;
    std::map<std::string, uint32_t> modes_; // of files advance() brings in
    // What each file held when checked: its bytes, or nullopt for a new file.
    std::map<std::string, std::optional<std::string>> checked_;
    std::string recovered_;
    bool pending_ = false;
    std::string notice_;
};

} // namespace hd
