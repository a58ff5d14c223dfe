#include "version_info.hpp"

#include <CLI/Version.hpp>
#include <fmt/format.h>
#include <git2/common.h>
#include <gmime/gmime.h>
#include <libxml/xmlversion.h>
#include <row_cache_version.hpp>
#include <toml++/toml.h>
#include <version_stamp.hpp>

#include "store/templates.hpp"

namespace hd {

std::string_view version() {
    return HD_STAMP_VERSION;
}

std::string_view version_describe() {
    return HD_STAMP_DESCRIBE;
}

std::string version_line(std::string_view version, std::string_view describe) {
    if (describe.empty()) return fmt::format("hd {}", version);
    return fmt::format("hd {} ({})", version, describe);
}

std::string version_line() {
    return version_line(version(), version_describe());
}

namespace {

std::string dotted(long major, long minor, long patch) {
    return fmt::format("{}.{}.{}", major, minor, patch);
}

nlohmann::ordered_json libgit2_json() {
    int major = 0, minor = 0, rev = 0;
    git_libgit2_version(&major, &minor, &rev);
    int bits = git_libgit2_features();
    auto features = nlohmann::ordered_json::array();
    if (bits & GIT_FEATURE_THREADS) features.push_back("threads");
    if (bits & GIT_FEATURE_HTTPS) features.push_back("https");
    if (bits & GIT_FEATURE_SSH) features.push_back("ssh");
    if (bits & GIT_FEATURE_NSEC) features.push_back("nsec");
    return {{"version", dotted(major, minor, rev)}, {"features", features}};
}

std::string compiler() {
#if defined(__clang__)
    return "clang " __clang_version__;
#elif defined(__GNUC__)
    return "gcc " __VERSION__;
#else
    return "unknown";
#endif
}

} // namespace

nlohmann::ordered_json version_json() {
    // Shared libraries say which version is loaded; header-only ones are
    // the version compiled in.
    nlohmann::ordered_json libraries = {
        {"libgit2", libgit2_json()},
        {"gmime",
         {{"version", dotted(gmime_major_version, gmime_minor_version, gmime_micro_version)}}},
        {"libxml2", {{"version", LIBXML_DOTTED_VERSION}}},
        {"toml++", {{"version", dotted(TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH)}}},
        {"fmt",
         {{"version", dotted(FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)}}},
        {"cli11", {{"version", CLI11_VERSION}}},
        {"nlohmann-json",
         {{"version", dotted(NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                             NLOHMANN_JSON_VERSION_PATCH)}}},
        {"date", {{"version", HD_STAMP_DATE_VERSION}}},
    };
    nlohmann::ordered_json out;
    out["version"] = HD_STAMP_VERSION;
    out["describe"] = HD_STAMP_DESCRIBE;
    out["commit"] = HD_STAMP_COMMIT;
    out["build"] = {{"type", HD_STAMP_BUILD_TYPE}, {"compiler", compiler()}};
    out["libraries"] = libraries;
    // Parts of hd that are always in it, named so that scripts can ask.
    out["features"] = {"mail-in", "mail-out", "html-mail", "merge-driver", "sync"};
#if USE_OS_TZDB
    // Business calendars read the system's time zone database.
    out["features"].push_back("os-tzdb");
#endif
    out["templates"] = builtin_templates().size();
    out["row_cache"] = HD_ROW_CACHE_VERSION;
    return out;
}

std::string version_text(std::span<const char* const> args) {
    for (const char* arg : args)
        if (std::string_view(arg) == "--json") return version_json().dump(2);
    return version_line();
}

} // namespace hd
