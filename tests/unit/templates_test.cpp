#include "core/error.hpp"
#include "core/lint.hpp"
#include "core/reply_vars.hpp"
#include "core/state.hpp"
#include "core/template_scan.hpp"
#include "render/template_render.hpp"
#include "store/templates.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

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

TEST_CASE("a desk's templates are read once in a run, however many tickets", "[templates]") {
    auto dir = std::filesystem::temp_directory_path() / "hd-template-cache-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "desk" / "templates");
    std::string workdir = dir.string() + "/";
    auto own = dir / "desk" / "templates" / "followup-1.end-user.mustache";
    std::ofstream(own) << "Hello {{requester_first_name}}, the desk's own";

    TemplateCache cache(workdir, "desk/");
    std::string looked;
    const auto& first = cache.find("followup-1", Audience::end_user, &looked);
    REQUIRE(first);
    CHECK(first->text == "Hello {{requester_first_name}}, the desk's own");
    CHECK(first->path == "desk/templates/followup-1.end-user.mustache");
    CHECK(looked == "desk/templates/followup-1.end-user.mustache");

    // Changed or gone on disk: the run goes on with what it read (a bulk
    // follow-up of a thousand tickets looks the file up once, not per ticket).
    std::filesystem::remove(own);
    const auto& again = cache.find("followup-1", Audience::end_user);
    REQUIRE(again);
    CHECK(again->text == first->text);
    CHECK(&*again == &*first);

    // The other audience, not in the desk: hd's own, found the same way as
    // find_template finds it; and a name neither has is remembered as absent.
    const auto& builtin = cache.find("followup-1", Audience::client);
    REQUIRE(builtin);
    CHECK(builtin->text == find_template(workdir, "desk/", "followup-1", Audience::client)->text);
    CHECK_FALSE(cache.find("no-such-template", Audience::client, &looked));
    CHECK(looked == "desk/templates/no-such-template.client.mustache");
    std::filesystem::remove_all(dir);
}
