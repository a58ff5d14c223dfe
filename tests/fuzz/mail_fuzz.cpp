// libFuzzer target: any input is a mail someone could send. Parsing it,
// cutting its quoted history and turning its HTML into text must not crash,
// and every text that comes out must be UTF-8.
#include "core/error.hpp"
#include "core/mail_text.hpp"
#include "core/utf8.hpp"
#include "mail/html_text.hpp"
#include "mail/message.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

void require_utf8(const std::string& s, const char* what) {
    if (hd::find_invalid_utf8(s)) {
        std::fprintf(stderr, "%s is not UTF-8\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    try {
        hd::MailIn m = hd::parse_mail(raw, "fuzz");
        require_utf8(m.text, "the text");
        require_utf8(m.subject, "the subject");
        require_utf8(hd::new_text(m.text), "the new text");
        require_utf8(hd::clean_subject(m.subject), "the title");
    } catch (const hd::Error&) {
        // refused: fine, as long as it says so
    }
    require_utf8(hd::html_to_text(raw), "the HTML's text");
    return 0;
}
