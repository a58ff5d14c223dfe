#include "core/mail_text.hpp"

#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("a plain message comes back as written", "[mail_text]") {
    CHECK(new_text("Hello,\n\nthe printer is jammed.\n\nAna") ==
          "Hello,\n\nthe printer is jammed.\n\nAna");
    CHECK(new_text("\n\n  Indented first line\nsecond\n\n\n  \n") ==
          "  Indented first line\nsecond");
    CHECK(new_text("") == "");
    CHECK(new_text("\n \n") == "");
}

TEST_CASE("CRLF reads as LF", "[mail_text]") {
    CHECK(new_text("Thanks!\r\n\r\nOn Mon, Nov 23, 2026 at 9:30 AM Sam <sam@example.com> "
                   "wrote:\r\n> Try again.\r\n") == "Thanks!");
    CHECK(new_text("one\r\ntwo\r\n") == "one\ntwo");
}

TEST_CASE("English attributions cut the quoted history", "[mail_text]") {
    CHECK(new_text("It works now.\n\nOn Mon, Nov 23, 2026 at 9:30 AM Sam Agent "
                   "<sam@example.com> wrote:\n> Please clear the cache.\n> \n> Sam\n") ==
          "It works now.");
    // Thunderbird: the date first, no address
    CHECK(new_text("Done.\n\nOn 23/11/2026 09:30, Sam Agent wrote:\n> Please restart.\n") ==
          "Done.");
    // A client that does not quote: the attribution alone starts the history
    CHECK(new_text("Done.\n\nOn 23 Nov 2026, at 09:30, Sam <sam@example.com> wrote:\n\n"
                   "Please restart.\n") == "Done.");
}

TEST_CASE("an attribution wrapped over two lines is cut whole", "[mail_text]") {
    CHECK(new_text("Yes, still broken.\n\nOn Mon, Nov 23, 2026 at 9:30 AM Sam Agent "
                   "<sam@example.com>\nwrote:\n\n> Is it still broken?\n") == "Yes, still broken.");
    CHECK(new_text("Yes.\n\nOn Mon, Nov 23, 2026 at 9:30 AM Sam Agent <\nsam@example.com> "
                   "wrote:\n> Is it?\n") == "Yes.");
    CHECK(new_text("Yes.\n\nOn Mon, Nov 23, 2026 at 9:30 AM Sam Agent\n"
                   "<sam@example.com> wrote:\n\nIs it?\n") == "Yes.");
}

TEST_CASE("attributions in other languages", "[mail_text]") {
    CHECK(new_text("Danke!\n\nAm Mo., 23. Nov. 2026 um 09:30 Uhr schrieb Sam Agent "
                   "<sam@example.com>:\n> Bitte neu starten.\n") == "Danke!");
    CHECK(new_text("Danke!\n\nAm 23.11.2026 um 09:30 schrieb Sam Agent:\n> Bitte.\n") == "Danke!");
    CHECK(new_text("Merci !\n\nLe lun. 23 nov. 2026 à 09:30, Sam Agent <sam@example.com> a "
                   "écrit :\n> Redémarrez.\n") == "Merci !");
    CHECK(new_text("Merci\n\nLe lun. 23 nov. 2026 à 09:30, Sam <sam@example.com> a "
                   "écrit\u00a0:\n> Redémarrez.\n") == "Merci");
    CHECK(new_text("Merci\n\nLe 23/11/2026 à 09:30, Sam a écrit\u202f:\n> Redémarrez.\n") ==
          "Merci");
    CHECK(new_text("Gracias.\n\nEl lun, 23 nov 2026 a las 9:30, Sam Agent "
                   "(<sam@example.com>) escribió:\n> Reinicie.\n") == "Gracias.");
    CHECK(new_text("Obrigada.\n\nEm seg., 23 de nov. de 2026 às 09:30, Sam Agent "
                   "<sam@example.com> escreveu:\n> Reinicie.\n") == "Obrigada.");
    CHECK(new_text("Bedankt.\n\nOp ma 23 nov. 2026 om 09:30 schreef Sam Agent "
                   "<sam@example.com>:\n> Herstart.\n") == "Bedankt.");
    CHECK(new_text("Grazie.\n\nIl giorno lun 23 nov 2026 alle ore 09:30 Sam Agent "
                   "<sam@example.com> ha scritto:\n> Riavvia.\n") == "Grazie.");
    CHECK(new_text("Tack.\n\nDen 23 nov. 2026 kl. 09:30 skrev Sam Agent "
                   "<sam@example.com>:\n> Starta om.\n") == "Tack.");
}

TEST_CASE("a sentence shaped like an attribution stays unless quotes follow", "[mail_text]") {
    // no date, no address, and the sender's own words after it
    CHECK(new_text("On the ticket you wrote:\n\nthe login fails. It still does.") ==
          "On the ticket you wrote:\n\nthe login fails. It still does.");
    CHECK(new_text("On the wiki, Sam wrote:\nsee the reset page\nThat page is gone.") ==
          "On the wiki, Sam wrote:\nsee the reset page\nThat page is gone.");
    // "wrote:" in the middle of a line is no attribution
    CHECK(new_text("On Monday 23 I wrote: nothing works.") ==
          "On Monday 23 I wrote: nothing works.");
}

TEST_CASE("Outlook separators", "[mail_text]") {
    CHECK(new_text("See attached.\n\n-----Original Message-----\nFrom: Sam\nSent: Monday\n\nOld") ==
          "See attached.");
    CHECK(new_text("Anbei.\n\n-----Ursprüngliche Nachricht-----\nVon: Sam\n") == "Anbei.");
    CHECK(new_text("Ci-joint.\n\n-----Message d'origine-----\nDe : Sam\n") == "Ci-joint.");
    CHECK(new_text("Done.\n-------- Original Message --------\nSubject: x\n") == "Done.");
}

TEST_CASE("Outlook header blocks", "[mail_text]") {
    CHECK(new_text("Fixed, thanks.\n\nFrom: Sam Agent <sam@example.com>\nSent: Monday, November "
                   "23, 2026 9:30 AM\nTo: Ana Lima\nSubject: RE: Login\n\nOld text\n") ==
          "Fixed, thanks.");
    CHECK(new_text("Fixed.\n\n________________________________\nFrom: Sam Agent\nSent: Monday\n"
                   "To: Ana\n\nOld text\n") == "Fixed.");
    CHECK(new_text("Fixed.\n________________________________\n\nFrom: Sam Agent\nTo: Ana\n"
                   "Date: Monday\n\nOld\n") == "Fixed.");
    CHECK(new_text("Erledigt.\n\nVon: Sam Agent\nGesendet: Montag, 23. November 2026 09:30\n"
                   "An: Ana\nBetreff: AW: Login\n") == "Erledigt.");
    CHECK(new_text("C'est réglé.\n\nDe : Sam Agent\nEnvoyé : lundi 23 novembre 2026 09:30\n"
                   "À : Ana\nObjet : RE: Login\n") == "C'est réglé.");
    CHECK(new_text("Listo.\n\nDe: Sam Agent\nEnviado: lunes, 23 de noviembre de 2026 9:30\n") ==
          "Listo.");
    CHECK(new_text("Klaar.\n\nVan: Sam Agent\nVerzonden: maandag 23 november 2026 09:30\n") ==
          "Klaar.");
    CHECK(new_text("Fatto.\n\nDa: Sam Agent\nInviato: lunedì 23 novembre 2026 09:30\n") ==
          "Fatto.");
    // Outlook's bold labels after a plain-text conversion
    CHECK(new_text("Fixed.\n\n*From:* Sam Agent\n*Sent:* Monday\n") == "Fixed.");
}

TEST_CASE("a From: line without a date after it is the sender's text", "[mail_text]") {
    CHECK(new_text("From: the third floor\nThe printer there is jammed.") ==
          "From: the third floor\nThe printer there is jammed.");
}

TEST_CASE("forwarded messages are cut at the separator", "[mail_text]") {
    CHECK(new_text("Can you look at this?\n\n---------- Forwarded message ---------\nFrom: Bob "
                   "<bob@example.org>\nDate: Mon, Nov 23, 2026\n\nIt broke.\n") ==
          "Can you look at this?");
    CHECK(new_text("FYI\n\nBegin forwarded message:\n\nFrom: Bob\n") == "FYI");
    CHECK(new_text("Siehe unten.\n\n---------- Weitergeleitete Nachricht ---------\nVon: Bob\n") ==
          "Siehe unten.");
}

TEST_CASE("a trailing quote without attribution goes", "[mail_text]") {
    CHECK(new_text("Sure.\n\n> Can you restart it?\n> Thanks\n") == "Sure.");
    CHECK(new_text("Sure.\n>\n> Can you restart it?\n\n>> older\n") == "Sure.");
    CHECK(new_text("Sure.\nSam wrote:\n> Can you?\n") == "Sure.");
}

TEST_CASE("inline answers keep the quotes they answer", "[mail_text]") {
    const char* mail = "On Mon, Nov 23, 2026 at 9:30 AM Sam <sam@example.com> wrote:\n"
                       "> Which browser?\n"
                       "Firefox.\n"
                       "\n"
                       "> Which version?\n"
                       "128.\n"
                       "\n"
                       "> Regards,\n"
                       "> Sam\n";
    CHECK(new_text(mail) == "On Mon, Nov 23, 2026 at 9:30 AM Sam <sam@example.com> wrote:\n"
                            "> Which browser?\n"
                            "Firefox.\n"
                            "\n"
                            "> Which version?\n"
                            "128.");
    CHECK(new_text("> Is it fixed?\nYes.\n-- \nAna\n") == "> Is it fixed?\nYes.");
}

TEST_CASE("signatures", "[mail_text]") {
    CHECK(new_text("Thanks.\n\n-- \nAna Lima\nAcme Corp\n") == "Thanks.");
    CHECK(new_text("Thanks.\n--\nAna Lima\n") == "Thanks.");
    CHECK(new_text("Thanks.\n-- \nAna\n\nOn Mon, 23 Nov 2026, Sam wrote:\n> Hi\n") == "Thanks.");
    CHECK(new_text("Thanks.\n-- \nAna\n> quoted after the signature\n") == "Thanks.");
    // a bare "--" far from the end is a dash in prose
    std::string long_tail = "Steps:\n--\n";
    for (int i = 0; i < 12; ++i)
        long_tail += "step " + std::to_string(i) + "\n";
    CHECK(new_text(long_tail) == long_tail.substr(0, long_tail.size() - 1));
    // only the exact line counts
    CHECK(new_text("a\n--- \nb") == "a\n--- \nb");
    CHECK(new_text("a\n-- b\nc") == "a\n-- b\nc");
}

TEST_CASE("mobile footers on the last line", "[mail_text]") {
    CHECK(new_text("On my way.\n\nSent from my iPhone") == "On my way.");
    CHECK(new_text("Bin unterwegs.\n\nVon meinem iPhone gesendet\n") == "Bin unterwegs.");
    CHECK(new_text("J'arrive.\n\nEnvoyé de mon iPhone\n") == "J'arrive.");
    CHECK(new_text("OK\n\nSent from my iPhone\n\n> On 23 Nov 2026, at 09:30, Sam "
                   "<sam@example.com> wrote:\n>\n> Are you coming?\n") == "OK");
    CHECK(new_text("OK\n\nGet Outlook for Android\n\nFrom: Sam\nSent: Monday\n") == "OK");
    // not the last line: it is part of what they wrote
    CHECK(new_text("Sent from my iPhone is where the bug shows.\nAlso on iPad.") ==
          "Sent from my iPhone is where the bug shows.\nAlso on iPad.");
}

TEST_CASE("an all-quote message is not cut to nothing", "[mail_text]") {
    CHECK(new_text("> just the old text\n> again\n") == "> just the old text\n> again");
    CHECK(new_text("On Mon, Nov 23, 2026, Sam <sam@example.com> wrote:\n> old\n") ==
          "On Mon, Nov 23, 2026, Sam <sam@example.com> wrote:\n> old");
    CHECK(new_text("---------- Forwarded message ---------\nFrom: Bob\nDate: Mon\n\nIt broke.\n"
                   "-- \nBob\n") ==
          "---------- Forwarded message ---------\nFrom: Bob\nDate: Mon\n\nIt broke.");
    CHECK(new_text("-- \nAna\n") == "-- \nAna");
    CHECK(new_text("Sent from my iPhone\n") == "Sent from my iPhone");
}

TEST_CASE("the first marker wins", "[mail_text]") {
    CHECK(new_text("New.\n\nOn Tue, 24 Nov 2026, Sam <sam@example.com> wrote:\nOlder.\n\n"
                   "-----Original Message-----\nOldest\n") == "New.");
    CHECK(new_text("New.\n\n-----Original Message-----\nFrom: Sam\nSent: Mon\n\nOlder.\n\n"
                   "On Mon, 23 Nov 2026, Bob wrote:\n> Oldest\n") == "New.");
}

TEST_CASE("subjects lose reply and forward prefixes", "[mail_text][subject]") {
    CHECK(clean_subject("Cannot log in") == "Cannot log in");
    CHECK(clean_subject("Re: Cannot log in") == "Cannot log in");
    CHECK(clean_subject("RE: Fwd: Re: Cannot log in") == "Cannot log in");
    CHECK(clean_subject("re:Cannot log in") == "Cannot log in");
    CHECK(clean_subject("FW: FWD: Fw: x") == "x");
    CHECK(clean_subject("AW: WG: Drucker") == "Drucker");
    CHECK(clean_subject("SV: VS: Skrivare") == "Skrivare");
    CHECK(clean_subject("Antw: Printer") == "Printer");
    CHECK(clean_subject("Réf : RÉF: TR : Imprimante") == "Imprimante");
    CHECK(clean_subject("TR\u00a0: Imprimante") == "Imprimante");
    CHECK(clean_subject("Rif: Stampante") == "Stampante");
    CHECK(clean_subject("RV: Enc: Impresora") == "Impresora");
    CHECK(clean_subject("Re[2]: Re(3): x") == "x");
    CHECK(clean_subject("Re\uff1a x") == "x");
    // only a leading run, and only whole prefixes
    CHECK(clean_subject("Printer Re: again") == "Printer Re: again");
    CHECK(clean_subject("Reset: password") == "Reset: password");
    CHECK(clean_subject("Re password") == "Re password");
    CHECK(clean_subject("Re: ") == "");
}

TEST_CASE("subjects lose hd tags and extra whitespace", "[mail_text][subject]") {
    CHECK(clean_subject("Re: [hd:k3m9x2p] Cannot log in") == "Cannot log in");
    CHECK(clean_subject("[hd:k3m9x2p] Re: Cannot log in") == "Cannot log in");
    CHECK(clean_subject("Cannot log in [HD:K3M9X2P]") == "Cannot log in");
    CHECK(clean_subject("  Cannot \t log\u00a0 in  ") == "Cannot log in");
    CHECK(clean_subject("a[hd:k3m9x2p]b") == "a b");
    CHECK(clean_subject("[hd:k3m9x2p][hd:0000000]") == "");
    // not an hd ID: kept
    CHECK(clean_subject("[hd:k3m9x2] x") == "[hd:k3m9x2] x");
    CHECK(clean_subject("[hd:k3m9x2i] x") == "[hd:k3m9x2i] x");
    CHECK(clean_subject("[list] Re: x") == "[list] Re: x");
}

TEST_CASE("the ticket ID in a subject tag", "[mail_text][subject]") {
    CHECK(subject_ticket("Re: [hd:k3m9x2p] Cannot log in") ==
          std::optional<std::string>("k3m9x2p"));
    CHECK(subject_ticket("[HD:K3M9X2P]") == std::optional<std::string>("k3m9x2p"));
    CHECK(subject_ticket("x [hd:0000000] y [hd:zzzzzzz]") == std::optional<std::string>("0000000"));
    CHECK(subject_ticket("[hd:bad] [hd:k3m9x2p]") == std::optional<std::string>("k3m9x2p"));
    CHECK_FALSE(subject_ticket("Cannot log in"));
    CHECK_FALSE(subject_ticket("[hd:k3m9x2]"));
    CHECK_FALSE(subject_ticket("[hd:k3m9x2pp]"));
    CHECK_FALSE(subject_ticket("[hd:k3m9x2o]"));
    CHECK_FALSE(subject_ticket("[hd:k3m9x2u]"));
    CHECK_FALSE(subject_ticket("[hd: k3m9x2p]"));
    CHECK_FALSE(subject_ticket("hd:k3m9x2p"));
}
