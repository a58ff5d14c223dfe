// The mail fixtures in tests/data/mail, each read by parse_mail and the new
// text and subject rules, against what its X.expect.json sidecar says a
// parser should find (the rules are in tests/data/mail/README.md).
#include "core/error.hpp"
#include "core/mail_text.hpp"
#include "mail/message.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

using namespace hd;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path& fixture_dir() {
    static const fs::path dir = fs::path(HD_SOURCE_DIR) / "tests" / "data" / "mail";
    return dir;
}

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every X.eml that has an X.expect.json, by name.
std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(fixture_dir()))
        if (e.path().extension() == ".eml") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

json sidecar(const std::string& name) {
    return json::parse(read_bytes(fixture_dir() / (name + ".expect.json")));
}

std::vector<std::string> strings(const json& list) {
    std::vector<std::string> out;
    for (const auto& s : list)
        out.push_back(s.get<std::string>());
    return out;
}

// Trailing spaces and tabs on each line dropped, then trailing blank lines:
// the sidecars and hd may differ there without either being wrong.
std::string normalised(std::string_view text) {
    std::string out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(start, nl - start);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
            line.remove_suffix(1);
        out.append(line);
        out += '\n';
        start = nl + 1;
    }
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    return out;
}

// hd's wording of why a message is automatic, as the sidecar's category.
std::string category(const std::string& reason) {
    if (reason.rfind("Auto-Submitted", 0) == 0) return "auto-submitted";
    if (reason.rfind("X-Autoreply", 0) == 0 || reason.rfind("X-Autorespond", 0) == 0 ||
        reason == "Precedence: auto_reply")
        return "autoreply";
    if (reason.rfind("Precedence", 0) == 0 || reason == "mailing list") return "bulk";
    if (reason.rfind("bounce", 0) == 0 || reason == "delivery report") return "bounce";
    return "unknown: " + reason;
}

} // namespace

TEST_CASE("every mail fixture has a sidecar and the set is complete", "[mail_message]") {
    auto names = fixture_names();
    CHECK(names.size() >= 23);
    for (const auto& n : names) {
        INFO(n);
        CHECK(fs::exists(fixture_dir() / (n + ".expect.json")));
    }
}

namespace {

// One fixture against its sidecar.
void check_fixture(const std::string& name) {
    json want = sidecar(name);
    std::string raw = read_bytes(fixture_dir() / (name + ".eml"));

    if (!want["error"].is_null()) {
        // Cut short or without a sender: refused, with the source named.
        try {
            (void)parse_mail(raw, name + ".eml");
            FAIL_CHECK("parse_mail accepted a message the sidecar calls "
                       << want["error"].get<std::string>());
        } catch (const Error& e) {
            CHECK(e.code() == Exit::invalid);
            CHECK(std::string(e.what()).find(name + ".eml") != std::string::npos);
        }
        return;
    }

    MailIn m = parse_mail(raw, name + ".eml");
    CHECK(m.from.name == want["from_name"].get<std::string>());
    CHECK(m.from.email == want["from_email"].get<std::string>());
    CHECK(clean_subject(m.subject) == want["subject_title"].get<std::string>());
    CHECK(m.message_id == want["message_id"].get<std::string>());
    CHECK(m.in_reply_to == strings(want["in_reply_to"]));
    CHECK(m.references == strings(want["references"]));

    INFO("hd's reason: " << m.automatic);
    if (!want["auto"].is_null()) {
        CHECK_FALSE(m.automatic.empty());
        // hd tries Auto-Submitted before the bounce signs (README: "With
        // hd's order as it stands, bounce-dsn comes out as Auto-Submitted").
        std::string got = category(m.automatic), cat = want["auto"].get<std::string>();
        if (cat == "bounce")
            CHECK((got == "bounce" || got == "auto-submitted"));
        else
            CHECK(got == cat);
        return; // new_text and attachments are information only here
    }
    CHECK(m.automatic.empty());

    {
        std::string got = normalised(new_text(m.text));
        std::string expected = normalised(want["new_text"].get<std::string>());
        // On one line each, so a lost line break or space shows.
        INFO("hd:      " << json(got).dump(-1, ' ', false, json::error_handler_t::replace));
        INFO("sidecar: " << json(expected).dump(-1, ' ', false, json::error_handler_t::replace));
        CHECK(got == expected);
    }

    const json& atts = want["attachments"];
    REQUIRE(m.attachments.size() == atts.size());
    for (size_t i = 0; i < atts.size(); ++i) {
        INFO("attachment " << i);
        CHECK(m.attachments[i].name == atts[i]["name"].get<std::string>());
        CHECK(m.attachments[i].type == atts[i]["type"].get<std::string>());
        CHECK(m.attachments[i].data.size() == atts[i]["size"].get<size_t>());
    }
}

} // namespace

TEST_CASE("each mail fixture parses as its sidecar says", "[mail_message]") {
    for (const auto& name : fixture_names())
        DYNAMIC_SECTION(name) {
            check_fixture(name);
        }
}

TEST_CASE("the mail fixtures' decoded details", "[mail_message]") {
    SECTION("the CSV attachment keeps its BOM and CRLF rows") {
        MailIn m = parse_mail(read_bytes(fixture_dir() / "attachments-pdf-csv.eml"), "a.eml");
        REQUIRE(m.attachments.size() == 2);
        const std::string& csv = m.attachments[1].data;
        CHECK(csv.rfind("\xEF\xBB\xBF", 0) == 0);
        CHECK(csv.find("\r\n") != std::string::npos);
        CHECK(m.attachments[0].data.rfind("%PDF", 0) == 0);
    }
    SECTION("hostile text is kept verbatim by the parser: display neutralises it") {
        MailIn m = parse_mail(read_bytes(fixture_dir() / "hostile-escapes-bidi.eml"), "h.eml");
        CHECK(m.subject.find('\x1b') != std::string::npos);
        CHECK(m.subject.find('\x07') != std::string::npos);
        CHECK(m.subject.find("\u202e") != std::string::npos);
        CHECK(m.from.name.find('\x1b') != std::string::npos);
    }
    SECTION("unknown charset: each stray byte is one U+FFFD, valid UTF-8 stays") {
        MailIn m = parse_mail(read_bytes(fixture_dir() / "unknown-charset.eml"), "u.eml");
        std::string t = new_text(m.text);
        CHECK(t.find("Grüße") != std::string::npos);
        size_t n = 0;
        for (size_t at = t.find("\uFFFD"); at != std::string::npos; at = t.find("\uFFFD", at + 1))
            ++n;
        CHECK(n == 4);
    }
}

TEST_CASE("split_mbox gives back each message of an mbox", "[mail_message]") {
    const std::vector<std::string> names = {"new-request-qp-utf8", "attachments-pdf-csv",
                                            "outlook-reply-de-crlf"};
    std::vector<std::string> raws;
    std::string mbox;
    for (const auto& n : names) {
        raws.push_back(read_bytes(fixture_dir() / (n + ".eml")));
        // None of these has a body line starting "From ", so none needs quoting.
        REQUIRE(raws.back().find("\nFrom ") == std::string::npos);
        mbox += "From sender@example.org Mon Nov 23 10:00:00 2026\n";
        mbox += raws.back();
        if (mbox.back() != '\n') mbox += '\n';
        mbox += '\n';
    }
    std::vector<std::string> got;
    split_mbox(mbox, [&](std::string_view raw) { got.emplace_back(raw); });
    REQUIRE(got.size() == names.size());
    for (size_t i = 0; i < names.size(); ++i) {
        INFO(names[i]);
        // The message's own bytes, perhaps followed by the separating blank line.
        CHECK(got[i].rfind(raws[i], 0) == 0);
        CHECK(got[i].size() <= raws[i].size() + 2);
        CHECK(got[i].find("From sender@example.org") == std::string::npos);
        MailIn from_mbox = parse_mail(got[i], names[i]);
        MailIn alone = parse_mail(raws[i], names[i]);
        CHECK(from_mbox.message_id == alone.message_id);
        CHECK(from_mbox.from.email == alone.from.email);
        CHECK(new_text(from_mbox.text) == new_text(alone.text));
        CHECK(from_mbox.attachments.size() == alone.attachments.size());
    }

    SECTION("an mbox of one message, and an empty one") {
        std::vector<std::string> one;
        split_mbox("From a@example.org Mon Nov 23 10:00:00 2026\n" + raws[0],
                   [&](std::string_view raw) { one.emplace_back(raw); });
        REQUIRE(one.size() == 1);
        CHECK(one[0] == raws[0]);
        size_t none = 0;
        split_mbox("", [&](std::string_view) { ++none; });
        CHECK(none == 0);
    }
}

TEST_CASE("text after a NUL byte is kept", "[mail_message]") {
    // "Hello,\n\nthe log shows \0 here and then\nthe rest.\n", base64 so the NUL travels intact.
    std::string raw = "From: Ana Lima <ana@example.org>\n"
                      "Subject: A NUL in the log\n"
                      "Message-ID: <nul-1@example.org>\n"
                      "MIME-Version: 1.0\n"
                      "Content-Type: text/plain; charset=utf-8\n"
                      "Content-Transfer-Encoding: base64\n\n"
                      "SGVsbG8sCgp0aGUgbG9nIHNob3dzIAAgaGVyZSBhbmQgdGhlbgp0aGUgcmVzdC4K\n";
    MailIn m = parse_mail(raw, "nul.eml");
    CHECK(m.text.find("the rest.") != std::string::npos);
}

TEST_CASE("an mbox gives back each message as it was sent", "[mail]") {
    std::string mbox =
        "From a@example.org Tue Dec  1 10:00:00 2026\n"
        "From: Ana <a@example.org>\nSubject: one\nMessage-ID: <m1@example.org>\n\n"
        ">From the logs it looks broken.\n>>From here, quoted.\n\n"
        "From b@example.org Tue Dec  1 10:05:00 2026\n"
        "From: Bo <b@example.org>\nSubject: two\nMessage-ID: <m2@example.org>\n\nHi\n";
    std::vector<std::string> got;
    hd::split_mbox(mbox, [&](std::string_view m) { got.emplace_back(m); });
    REQUIRE(got.size() == 2);
    // mboxrd quoting undone, the separator's blank line dropped.
    CHECK(got[0] == "From: Ana <a@example.org>\nSubject: one\nMessage-ID: <m1@example.org>\n\n"
                    "From the logs it looks broken.\n>From here, quoted.\n");
    CHECK(got[1].ends_with("\n\nHi\n"));
}
