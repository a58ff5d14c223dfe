#include "core/error.hpp"
#include "core/lint.hpp"
#include "core/reply_vars.hpp"
#include "core/state.hpp"
#include "core/template_scan.hpp"
#include "render/template_render.hpp"
#include "store/templates.hpp"

#include <catch2/catch.hpp>

using namespace hd;

namespace {
Ticket ticket(Audience a) {
    Ticket t;
    t.id = "k3m9x2p";
    t.title = "Invoice in the wrong currency";
    t.requester = {"Ana Lima", "ana@example.org"};
    t.audience = a;
    t.summary = "your invoices show dollars instead of euros";
    return t;
}

std::string error_of(const std::string& text) {
    try {
        check_template(text, "templates/x.mustache", template_variables("x"));
    } catch (const Error& e) {
        CHECK(e.code() == Exit::invalid);
        return e.what();
    }
    return "(ok)";
}
} // namespace

TEST_CASE("template tags are checked with their position", "[templates]") {
    CHECK(error_of("Hello {{requester_first_name}}\n{{#message}}{{message}}{{/message}}") ==
          "(ok)");
    CHECK(error_of("{{! a comment }}{{{title}}}{{& title}}") == "(ok)");
    CHECK_THAT(error_of("Hi\n  {{customer}}"),
               Catch::Contains("templates/x.mustache:2:3: unknown variable 'customer'"));
    CHECK_THAT(error_of("{{> footer}}"), Catch::Contains("partials"));
    CHECK_THAT(error_of("{{=<% %>=}}"), Catch::Contains("delimiters"));
    CHECK_THAT(error_of("Hi {{title"), Catch::Contains("never closed"));
    CHECK_THAT(error_of("{{explain}}"), Catch::Contains("unknown variable 'explain'"));
    CHECK_NOTHROW(check_template("{{explain}}", "t", template_variables("close-workaround")));
    CHECK_NOTHROW(check_template("{{next_steps}}", "t", template_variables("escalate")));
    CHECK_NOTHROW(check_template("{{days_waiting}}", "t", template_variables("followup-2")));
}

TEST_CASE("rendering is plain text and empty values are absent", "[templates]") {
    TemplateVars v{{"title", "A & B <c>"}, {"message", ""}};
    auto out =
        render_template("{{title}}\n{{#message}}never{{/message}}{{^message}}none{{/message}}", "t",
                        v, template_variables("x"));
    CHECK(out == "A & B <c>\nnone");
    CHECK(render_template("a\n\n\n\n\nb", "t", {}, {}) == "a\n\nb");
}

TEST_CASE("first names and the variables of a reply", "[templates]") {
    CHECK(first_name("Ana Lima") == "Ana");
    CHECK(first_name("  Prince ") == "Prince");
    CHECK(first_name("") == "");
    Ticket t = ticket(Audience::client);
    auto v =
        reply_variables(t, derive_state(t), Person{"Sam Agent", "sam@example.com"}, "Acme", "msg");
    CHECK(v.at("requester_first_name") == "Ana");
    CHECK(v.at("agent_first_name") == "Sam");
    CHECK(v.at("summary") == t.summary);
    CHECK(v.at("message") == "msg");
}

TEST_CASE("every built-in template renders and passes the reply lint", "[templates]") {
    const char* names[] = {"first-response", "clarify",         "followup-1",
                           "followup-2",     "close-solved",    "close-workaround",
                           "close-wont-fix", "close-duplicate", "close-no-response",
                           "escalate"};
    for (Audience a : {Audience::end_user, Audience::client}) {
        for (const char* name : names) {
            INFO(name << " / " << to_string(a));
            auto tmpl = find_template("/nonexistent/", "", name, a);
            REQUIRE(tmpl);
            Ticket t = ticket(a);
            TemplateVars v = reply_variables(t, derive_state(t), Person{"Sam Agent", "s@x.org"},
                                             "Acme Support", "Which invoice number was it?");
            v["signature"] = "Kind regards,\nSam Agent";
            v["days_waiting"] = "4";
            v["last_reply_date"] = "2026-11-19";
            v["explain"] = "The fix ships in 2.4; until then, export with the EUR preset.";
            v["duplicate_of"] = "abc1234";
            v["reference"] = "ENG-1234";
            v["next_steps"] = "Our engineers are testing a fix this week.";
            std::string out = render_template(tmpl->text, tmpl->path, v, template_variables(name));
            auto findings =
                lint_reply(LintInput{out, "Ana", "Sam Agent", "Kind regards,\nSam Agent", t.summary,
                                     std::string(name) == "first-response"});
            for (auto& f : findings)
                FAIL_CHECK(f.message << "\n---\n" << out);
            // Every closing message says what --explain says (for solved, what
            // came of an escalation, say).
            if (std::string(name).starts_with("close-"))
                CHECK_THAT(out, Catch::Contains("The fix ships in 2.4"));
            if (std::string(name) == "escalate")
                CHECK_THAT(out, Catch::Contains("Our engineers are testing a fix"));
        }
    }
}
