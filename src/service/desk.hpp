#pragma once
// The repository and ticket root a command works in.
#include "context.hpp"
#include "store/config.hpp"
#include "store/repo.hpp"
#include "store/templates.hpp"
#include "store/ticket_store.hpp"

#include <memory>

namespace hd {

struct Desk {
    std::unique_ptr<Repo> repo;
    std::unique_ptr<TicketStore> store;
    std::unique_ptr<TemplateCache> templates; // read once in a run, however many tickets
    size_t recovered_mail = 0; // replies an interrupted run sent, recorded on opening

    Config config() const;
};

// What a command will do with the desk. Commands that only read say so, and
// are told (on standard error) when an interrupted action is not finished.
enum class Intent { act, read };

Desk open_desk(const Context& ctx, Intent intent = Intent::act);

} // namespace hd
