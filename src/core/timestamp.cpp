#include "core/timestamp.hpp"

#include <fmt/format.h>

namespace hd {

using namespace std::chrono;

namespace {

// Nanoseconds are as fine as anyone writes; toml++ refuses very long
// fractions, so a bound here keeps the fast reader inside what it accepts.
constexpr size_t max_fraction_digits = 9;

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

} // namespace

std::optional<Timestamp> from_local(const LocalTime& lt, int offset_minutes) {
    year_month_day ymd{year{lt.year}, month{static_cast<unsigned>(lt.month)},
                       day{static_cast<unsigned>(lt.day)}};
    if (!ymd.ok() || lt.hour < 0 || lt.hour > 23 || lt.minute < 0 || lt.minute > 59 ||
        lt.second < 0 || lt.second > 59)
        return std::nullopt;
    if (offset_minutes <= -24 * 60 || offset_minutes >= 24 * 60) return std::nullopt;
    auto local = sys_days{ymd} + hours{lt.hour} + minutes{lt.minute} + seconds{lt.second};
    return Timestamp{local - minutes{offset_minutes}, offset_minutes};
}

std::optional<Timestamp> parse_rfc3339(std::string_view s) {
    LocalTime lt{};
    if (!digits(s, 0, 4, lt.year) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, lt.month) ||
        s[7] != '-' || !digits(s, 8, 2, lt.day))
        return std::nullopt;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
    if (!digits(s, 11, 2, lt.hour) || s[13] != ':' || !digits(s, 14, 2, lt.minute) ||
        s[16] != ':' || !digits(s, 17, 2, lt.second))
        return std::nullopt;
    size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
            ++pos;
        if (pos == start || pos - start > max_fraction_digits) return std::nullopt;
    }
    if (pos >= s.size()) return std::nullopt;
    int offset = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh = 0, om = 0;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    return from_local(lt, offset);
}

LocalTime local_fields(const Timestamp& t) {
    auto local = t.utc + minutes{t.offset_minutes};
    auto days = floor<std::chrono::days>(local);
    year_month_day ymd{days};
    hh_mm_ss hms{local - days};
    return LocalTime{
        int(ymd.year()),          int(unsigned(ymd.month())), int(unsigned(ymd.day())),
        int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count())};
}

std::string format_rfc3339(const Timestamp& t) {
    auto lt = local_fields(t);
    std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", lt.year, lt.month, lt.day,
                                  lt.hour, lt.minute, lt.second);
    if (t.offset_minutes == 0) return out + "Z";
    int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
    return out + fmt::format("{}{:02}:{:02}", t.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
}

Timestamp with_offset(const Timestamp& t, int offset_minutes) {
    return Timestamp{t.utc, offset_minutes};
}

std::string format_age(std::chrono::seconds age) {
    auto s = age.count();
    if (s < 0) s = 0;
    if (s < 60) return "0m";
    if (s < 3600) return fmt::format("{}m", s / 60);
    if (s < 86400) return fmt::format("{}h", s / 3600);
    return fmt::format("{}d", s / 86400);
}

bool lacks_offset(std::string_view text) {
    // A time that reads once an offset is added lacks only the offset.
    return !parse_rfc3339(text) && parse_rfc3339(std::string(text) + "Z");
}

std::string time_refusal(std::string_view what, std::string_view text) {
    if (lacks_offset(text))
        return fmt::format("{} '{}': the time needs a UTC offset (e.g. +01:00 or Z), as in "
                           "{}+01:00",
                           what, text, text);
    return fmt::format("{} '{}': not an RFC 3339 time such as 2026-11-23T09:30:00+01:00", what,
                       text);
}

} // namespace hd
