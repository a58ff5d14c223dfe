#pragma once
// GMime set up once per process, and RAII for its objects.
#include <glib.h>
#include <gmime/gmime.h>
#include <memory>

namespace hd::gmime {

inline void ensure() {
    static const bool once = [] {
        g_mime_init();
        return true;
    }();
    (void)once;
}

struct Unref {
    void operator()(void* p) const {
        if (p) g_object_unref(p);
    }
};
template <typename T> using Ptr = std::unique_ptr<T, Unref>;

struct Free {
    void operator()(void* p) const { g_free(p); }
};
using String = std::unique_ptr<char, Free>;

} // namespace hd::gmime
