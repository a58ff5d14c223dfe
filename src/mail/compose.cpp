#include "mail/compose.hpp"

#include "core/error.hpp"

#include "mail/gmime_ptr.hpp"
#include <algorithm>
#include <fmt/format.h>
#include <memory>

namespace hd {

namespace {

using gmime::ensure;
template <typename T> using GPtr = gmime::Ptr<T>;
using GString = gmime::String;

void add_mailbox(InternetAddressList* list, const std::string& text) {
    auto p = parse_person(text);
    if (!p) throw Error(Exit::invalid, fmt::format("'{}' is not a mail address", text));
    InternetAddress* a = internet_address_mailbox_new(p->name.c_str(), p->email.c_str());
    internet_address_list_add(list, a);
    g_object_unref(a);
}

std::string bracketed(const std::string& id) {
    return "<" + id + ">";
}

} // namespace

std::string make_message_id(const std::string& desk_address, const std::string& ticket_id,
                            Timestamp now, std::uint64_t random) {
    auto p = parse_person(desk_address);
    std::string domain = "hd.invalid";
    if (p) domain = p->email.substr(p->email.rfind('@') + 1);
    return fmt::format("hd.{}.{}.{:016x}@{}", ticket_id, now.utc.time_since_epoch().count(), random,
                       domain);
}

std::vector<std::string> thread_of(const Ticket& t) {
    std::vector<std::string> out;
    if (!t.message_id.empty()) out.push_back(t.message_id);
    for (const Event& e : t.events)
        if (!e.message_id.empty()) out.push_back(e.message_id);
    return out;
}

std::string last_from_requester(const Ticket& t) {
    for (auto e = t.events.rbegin(); e != t.events.rend(); ++e)
        if (e->kind == EventKind::receive && !e->message_id.empty()) return e->message_id;
    return t.message_id;
}

std::string compose_mail(const Ticket& t, const Event& e, const OutgoingHeaders& h) {
    ensure();
    GPtr<GMimeMessage> msg(g_mime_message_new(TRUE));
    add_mailbox(g_mime_message_get_from(msg.get()), h.from);
    if (!h.reply_to.empty()) add_mailbox(g_mime_message_get_reply_to(msg.get()), h.reply_to);
    {
        InternetAddress* to =
            internet_address_mailbox_new(t.requester.name.c_str(), t.requester.email.c_str());
        internet_address_list_add(g_mime_message_get_addresses(msg.get(), GMIME_ADDRESS_TYPE_TO),
                                  to);
        g_object_unref(to);
    }
    std::string subject = fmt::format("Re: {} [hd:{}]", t.title, t.id);
    g_mime_message_set_subject(msg.get(), subject.c_str(), "utf-8");
    g_mime_message_set_message_id(msg.get(), h.message_id.c_str());
    GDateTime* date = g_date_time_new_from_unix_utc(h.date.utc.time_since_epoch().count());
    GTimeZone* zone = g_time_zone_new_offset(h.date.offset_minutes * 60);
    GDateTime* local = g_date_time_to_timezone(date, zone);
    g_mime_message_set_date(msg.get(), local);
    g_date_time_unref(local);
    g_time_zone_unref(zone);
    g_date_time_unref(date);
    GMimeObject* obj = GMIME_OBJECT(msg.get());
    if (!h.in_reply_to.empty())
        g_mime_object_set_header(obj, "In-Reply-To", bracketed(h.in_reply_to).c_str(), nullptr);
    if (!h.thread.empty()) {
        std::string refs;
        for (const auto& id : h.thread)
            refs += (refs.empty() ? "" : " ") + bracketed(id);
        g_mime_object_set_header(obj, "References", refs.c_str(), nullptr);
    }
    g_mime_object_set_header(obj, "X-Hd-Ticket", t.id.c_str(), nullptr);

    // UTF-8 always (GMime's set_text would pick the narrowest charset).
    GPtr<GMimeTextPart> body(g_mime_text_part_new_with_subtype("plain"));
    g_mime_object_set_content_type_parameter(GMIME_OBJECT(body.get()), "charset", "utf-8");
    GPtr<GMimeStream> text_stream(g_mime_stream_mem_new_with_buffer(e.body.data(), e.body.size()));
    GPtr<GMimeDataWrapper> wrapper(
        g_mime_data_wrapper_new_with_stream(text_stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(GMIME_PART(body.get()), wrapper.get());
    // Quoted-printable for anything but short lines of ASCII: readable in
    // the raw message, and safe through any mail server.
    bool plain = std::all_of(e.body.begin(), e.body.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x80 && c != '\r';
    });
    for (size_t at = 0, nl; plain && at < e.body.size(); at = nl + 1) {
        nl = e.body.find('\n', at);
        if (nl == std::string::npos) nl = e.body.size();
        if (nl - at > 76) plain = false;
    }
    g_mime_part_set_content_encoding(GMIME_PART(body.get()),
                                     plain ? GMIME_CONTENT_ENCODING_7BIT
                                           : GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    g_mime_message_set_mime_part(msg.get(), GMIME_OBJECT(body.get()));

    GString text(g_mime_object_to_string(obj, nullptr));
    return text ? text.get() : "";
}

} // namespace hd
