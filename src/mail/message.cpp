#include "mail/message.hpp"

#include "core/error.hpp"
#include "core/mail_text.hpp"
#include "core/utf8.hpp"
#include "mail/html_text.hpp"

#include "mail/gmime_ptr.hpp"
#include <algorithm>
#include <fmt/format.h>
#include <memory>

namespace hd {

namespace {

using gmime::ensure;
template <typename T> using GPtr = gmime::Ptr<T>;
using GString = gmime::String;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string header(GMimeObject* obj, const char* name) {
    const char* v = g_mime_object_get_header(obj, name);
    return v ? v : "";
}

std::string trim(std::string s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> message_ids(const std::string& text) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    GMimeReferences* refs = g_mime_references_parse(nullptr, text.c_str());
    if (!refs) return out;
    for (int i = 0; i < g_mime_references_length(refs); ++i)
        out.emplace_back(g_mime_references_get_message_id(refs, i));
    g_mime_references_free(refs);
    return out;
}

std::optional<Person> first_mailbox(InternetAddressList* list) {
    if (!list) return std::nullopt;
    for (int i = 0; i < internet_address_list_length(list); ++i) {
        InternetAddress* a = internet_address_list_get_address(list, i);
        if (!INTERNET_ADDRESS_IS_MAILBOX(a)) continue;
        const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
        if (!addr || !is_mail_address(addr)) continue;
        const char* name = internet_address_get_name(a);
        return Person{name ? trim(name) : "", addr};
    }
    return std::nullopt;
}

// Bytes that claim a charset hd cannot convert: kept readable rather than
// lost, each byte that is not UTF-8 shown as U+FFFD.
std::string as_utf8(std::string text) {
    if (!find_invalid_utf8(text)) return text;
    return repair_utf8(text);
}

std::string decoded_bytes(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content) return "";
    GPtr<GMimeStream> out(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, out.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

// The text of a part in UTF-8: its transfer encoding undone, its charset
// converted (every byte kept, NULs too), format=flowed read as meant.
std::string part_text(GMimePart* part) {
    std::string bytes = decoded_bytes(part);
    GMimeObject* obj = GMIME_OBJECT(part);
    const char* charset = g_mime_object_get_content_type_parameter(obj, "charset");
    std::string text;
    if (charset && g_ascii_strcasecmp(charset, "utf-8") != 0 &&
        g_ascii_strcasecmp(charset, "us-ascii") != 0) {
        const char* name = g_mime_charset_iconv_name(charset);
        gsize read = 0, written = 0;
        GError* error = nullptr;
        gchar* converted = g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8",
                                     name ? name : charset, &read, &written, &error);
        if (converted && !error) text.assign(converted, written);
        g_free(converted);
        if (error) g_error_free(error);
    }
    if (text.empty()) text = as_utf8(std::move(bytes));
    const char* format = g_mime_object_get_content_type_parameter(obj, "format");
    if (format && g_ascii_strcasecmp(format, "flowed") == 0) {
        const char* delsp = g_mime_object_get_content_type_parameter(obj, "delsp");
        text = unflow(text, delsp && g_ascii_strcasecmp(delsp, "yes") == 0);
    }
    return text;
}

struct Walk {
    std::string plain, html;
    std::vector<MailAttachment> attachments;
    bool report = false; // multipart/report: a delivery report
};

void walk(GMimeObject* obj, Walk& w) {
    GMimeContentType* ct = g_mime_object_get_content_type(obj);
    if (GMIME_IS_MULTIPART(obj)) {
        if (g_mime_content_type_is_type(ct, "multipart", "report")) w.report = true;
        GMimeMultipart* mp = GMIME_MULTIPART(obj);
        for (int i = 0; i < g_mime_multipart_get_count(mp); ++i)
            walk(g_mime_multipart_get_part(mp, i), w);
        return;
    }
    if (GMIME_IS_MESSAGE_PART(obj)) { // an attached message: kept whole
        GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
        if (!inner) return;
        GString text(g_mime_object_to_string(GMIME_OBJECT(inner), nullptr));
        const char* subject = g_mime_message_get_subject(inner);
        w.attachments.push_back(
            MailAttachment{std::string(subject && *subject ? subject : "message") + ".eml",
                           "message/rfc822", text ? text.get() : ""});
        return;
    }
    if (!GMIME_IS_PART(obj)) return;
    GMimePart* part = GMIME_PART(obj);
    const char* filename = g_mime_part_get_filename(part);
    bool attachment = g_mime_part_is_attachment(part) || (filename && *filename);
    bool text = g_mime_content_type_is_type(ct, "text", "plain");
    bool html = g_mime_content_type_is_type(ct, "text", "html");
    if (!attachment && text && w.plain.empty()) {
        w.plain = part_text(part);
        return;
    }
    if (!attachment && html && w.html.empty()) {
        w.html = part_text(part);
        return;
    }
    if (!attachment && (text || html)) return; // a second body: the first one says it
    GString type(g_mime_content_type_get_mime_type(ct));
    w.attachments.push_back(MailAttachment{filename ? filename : "", type ? lower(type.get()) : "",
                                           decoded_bytes(part)});
}

std::string automatic_reason(GMimeObject* msg, const Person& from, bool report) {
    std::string auto_submitted = lower(trim(header(msg, "Auto-Submitted")));
    if (!auto_submitted.empty() && auto_submitted != "no")
        return "Auto-Submitted: " + auto_submitted;
    std::string precedence = lower(trim(header(msg, "Precedence")));
    if (precedence == "bulk" || precedence == "junk" || precedence == "list" ||
        precedence == "auto_reply")
        return "Precedence: " + precedence;
    for (const char* h : {"X-Autoreply", "X-Autorespond"})
        if (!header(msg, h).empty()) return std::string(h);
    // List-Id alone is not enough: a desk's own address may be a list (a
    // group that forwards requests), and those are people writing.
    std::string local = lower(from.email.substr(0, from.email.find('@')));
    if (local == "mailer-daemon" || local == "postmaster") return "bounce from " + from.email;
    if (report) return "delivery report";
    return "";
}

struct Warnings {
    bool truncated = false;
};

void on_warning(gint64, GMimeParserWarning code, const gchar*, gpointer data) {
    auto* w = static_cast<Warnings*>(data);
    if (code == GMIME_WARN_TRUNCATED_MESSAGE || code == GMIME_WARN_MALFORMED_MULTIPART ||
        code == GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY || code == GMIME_CRIT_NESTING_OVERFLOW ||
        code == GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT)
        w->truncated = true;
}

} // namespace

MailIn parse_mail(std::string_view raw, const std::string& source) {
    ensure();
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    GMimeParserOptions* options = g_mime_parser_options_new();
    Warnings warnings;
    g_mime_parser_options_set_warning_callback(options, on_warning, &warnings);
    GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), options));
    g_mime_parser_options_free(options);
    if (!msg) throw Error(Exit::invalid, SourceLocation{source}, "not an email message");
    if (warnings.truncated)
        throw Error(Exit::invalid, SourceLocation{source},
                    "the message is cut short or its MIME structure is broken; nothing was "
                    "recorded");
    GMimeObject* obj = GMIME_OBJECT(msg.get());
    MailIn m;
    if (const char* id = g_mime_message_get_message_id(msg.get())) m.message_id = id;
    m.in_reply_to = message_ids(header(obj, "In-Reply-To"));
    m.references = message_ids(header(obj, "References"));
    auto from = first_mailbox(g_mime_message_get_from(msg.get()));
    if (!from)
        throw Error(Exit::invalid, SourceLocation{source},
                    "the message has no From address; nothing was recorded");
    m.from = first_mailbox(g_mime_message_get_reply_to(msg.get())).value_or(*from);
    if (const char* s = g_mime_message_get_subject(msg.get())) m.subject = as_utf8(s);
    if (GDateTime* d = g_mime_message_get_date(msg.get())) {
        auto secs = g_date_time_to_unix(d);
        int offset = static_cast<int>(g_date_time_get_utc_offset(d) / G_TIME_SPAN_MINUTE);
        m.date = Timestamp{std::chrono::sys_seconds(std::chrono::seconds(secs)), offset};
    }
    Walk w;
    if (GMimeObject* body = g_mime_message_get_mime_part(msg.get())) walk(body, w);
    m.text = !w.plain.empty() ? w.plain : html_to_text(w.html);
    m.attachments = std::move(w.attachments);
    m.automatic = automatic_reason(obj, *from, w.report);
    return m;
}

void split_mbox(std::string_view mbox, const std::function<void(std::string_view)>& each) {
    ensure();
    // GMime finds where each message starts (its "From " line); the bytes
    // between two of them are that message, kept exactly for the archive.
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(mbox.data(), mbox.size()));
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MBOX);
    std::vector<size_t> markers;
    while (!g_mime_parser_eos(parser.get())) {
        GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
        if (!msg) break;
        markers.push_back(static_cast<size_t>(g_mime_parser_get_mbox_marker_offset(parser.get())));
    }
    for (size_t i = 0; i < markers.size(); ++i) {
        size_t begin = mbox.find('\n', markers[i]);
        if (begin == std::string_view::npos) continue;
        ++begin;
        size_t end = i + 1 < markers.size() ? markers[i + 1] : mbox.size();
        std::string_view message = mbox.substr(begin, end - begin);
        // The blank line before the next "From " line is the mbox's, not the message's.
        if (i + 1 < markers.size() && message.ends_with("\n\n")) message.remove_suffix(1);
        std::string plain;
        for (size_t at = 0; at < message.size();) {
            size_t nl = message.find('\n', at);
            size_t stop = nl == std::string_view::npos ? message.size() : nl + 1;
            std::string_view line = message.substr(at, stop - at);
            size_t quotes = line.find_first_not_of('>');
            if (quotes != std::string_view::npos && quotes > 0 && line.substr(quotes, 5) == "From ")
                line.remove_prefix(1);
            plain.append(line);
            at = stop;
        }
        each(plain);
    }
}

} // namespace hd
