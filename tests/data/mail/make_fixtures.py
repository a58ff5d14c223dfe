#!/usr/bin/env python3
"""Write the mail fixtures in this directory, or check them.

    python3 make_fixtures.py          # (re)write every X.eml and X.expect.json
    python3 make_fixtures.py --check  # parse every X.eml with Python's email
                                      # package and compare with X.expect.json

Everything here is deterministic: running the script twice gives the same
bytes, so the committed files can be checked with `git diff --exit-code`
after a run.  All names, addresses and texts are invented; only example.org,
example.com and example.net domains are used.

The expected `new_text` of every fixture is written out by hand below.  The
check compares it with (a) the decoded body, of which it must be the start,
and (b) a small reference quote trimmer (`trim`) that implements the rules in
README.md.  The trimmer is a statement of the rules, not a model for hd.
"""

import base64
import hashlib
import html.parser
import json
import quopri
import re
import sys
import unicodedata
from email import message_from_bytes, policy
from pathlib import Path

HERE = Path(__file__).resolve().parent
CROCKFORD = set("0123456789abcdefghjkmnpqrstvwxyz")
AGENT = "Sam Agent <support@desk.example.com>"

# --------------------------------------------------------------------------
# Encoders


def qp(text, charset="utf-8"):
    """Quoted-printable body, LF line ends, soft breaks at 76 columns."""
    if not text.endswith("\n"):
        text += "\n"
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def b64(data):
    """Base64 body in 76-column lines."""
    return base64.encodebytes(data).decode("ascii")


_Q_SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


def _q_char(ch, charset):
    out = ""
    for byte in ch.encode(charset):
        if byte == 0x20:
            out += "_"
        elif byte in _Q_SAFE:
            out += chr(byte)
        else:
            out += "=%02X" % byte
    return out


def qwords(text, charset="UTF-8", first_room=75):
    """RFC 2047 Q encoded-words, each at most 75 characters, folded with
    CRLF-less LF + space.  Only characters allowed in a phrase are left
    bare, so the result is fit for display names as well as subjects.
    Words are split between characters, never inside one."""
    head, tail = "=?%s?Q?" % charset, "?="
    words, cur = [], ""
    room = first_room
    for ch in text:
        enc = _q_char(ch, charset)
        if len(head) + len(cur) + len(enc) + len(tail) > room:
            words.append(head + cur + tail)
            cur, room = "", 75
        cur += enc
    words.append(head + cur + tail)
    return "\n ".join(words)


def bwords(text, charset="UTF-8"):
    """RFC 2047 B encoded-words, at most 75 characters each."""
    head, tail = "=?%s?B?" % charset, "?="
    words, cur = [], ""
    for ch in text:
        trial = cur + ch
        if len(head) + len(base64.b64encode(trial.encode(charset))) + len(tail) > 75:
            words.append(cur)
            trial = ch
        cur = trial
    words.append(cur)
    return "\n ".join(head + base64.b64encode(w.encode(charset)).decode() + tail
                      for w in words)


def flowed(text, width=72):
    """Encode text as format=flowed (RFC 3676, DelSp=no) the way Thunderbird
    does: long lines are broken after a space (the space stays at the end of
    the line: a soft break), lines that begin with a space, '>' or 'From '
    are space-stuffed, and the signature separator '-- ' is left alone."""
    out = []
    for line in text.split("\n"):
        assert line == "-- " or not line.endswith(" "), repr(line)
        if line == "-- ":
            out.append(line)
            continue
        pieces = re.split(r"(?<= )", line)
        phys, cur = [], ""
        for piece in pieces:
            if cur and len((cur + piece).rstrip(" ")) > width:
                phys.append(cur)
                cur = ""
            cur += piece
        phys.append(cur)
        for p in phys:
            if p.startswith((" ", ">", "From ")):
                p = " " + p
            out.append(p)
    return "\n".join(out)


def crlf(text, charset="utf-8"):
    """Text in canonical form (CRLF line ends), as clients encode it in base64."""
    return text.replace("\n", "\r\n").encode(charset)


def pseudo_bytes(seed, n):
    """n arbitrary but reproducible bytes."""
    out, block = b"", seed.encode()
    while len(out) < n:
        block = hashlib.sha256(block).digest()
        out += block
    return out[:n]


# --------------------------------------------------------------------------
# Fixtures.  Each returns (raw text or bytes, expectation); the decorator
# says whether the file is written with CRLF line ends.

FIXTURES = []


def fixture(name, crlf_file=False):
    def wrap(fn):
        FIXTURES.append((name, crlf_file, fn))
        return fn
    return wrap


def expect(from_name, from_email, subject_title, message_id, in_reply_to=(),
           references=(), new_text=None, auto=None, attachments=(), error=None):
    return {
        "from_name": from_name,
        "from_email": from_email,
        "subject_title": subject_title,
        "message_id": message_id,
        "in_reply_to": list(in_reply_to),
        "references": list(references),
        "new_text": new_text,
        "auto": auto,
        "attachments": list(attachments),
        "error": error,
    }


@fixture("new-request-qp-utf8")
def new_request():
    body = """\
Bonjour,

depuis ce matin, impossible de me connecter au réseau « Example-Staff » dans le bâtiment C (2e étage, salle 214). Le portable affiche « Authentification échouée » puis se déconnecte au bout de quelques secondes ; mon téléphone a exactement le même problème.

Ce que j’ai déjà essayé :
- oublier le réseau puis me reconnecter
- redémarrer le portable
- vérifier mon mot de passe sur l’intranet (il fonctionne)

Le journal Windows indique : code=0x80070005, reason=16.

Merci d’avance,
Renée Dubois-Müller
Service comptabilité, poste 4127
"""
    subject = "Problème d’accès au Wi-Fi du bâtiment C"
    # Split into two encoded-words in the middle of "bâtiment": the space
    # between adjacent encoded-words must vanish when decoding.
    cut = subject.index("âtiment")
    subj = qwords(subject[:cut]) + "\n " + qwords(subject[cut:])
    raw = f"""\
Return-Path: <renee.dubois@example.org>
Delivered-To: support@desk.example.com
Received: from smtp.example.org (smtp.example.org [203.0.113.25])
\tby mx.desk.example.com (Postfix) with ESMTPS id 4Q7Zk31xYzz9sVb
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 08:14:52 +0100 (CET)
Message-ID: <3b1f6f0c2a9e4d7f8e5a1c2b3d4e5f60.camel@example.org>
Subject: {subj}
From: {qwords("Renée Dubois-Müller")} <renee.dubois@example.org>
To: support@desk.example.com
Date: Mon, 23 Nov 2026 08:14:47 +0100
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable
User-Agent: Evolution 3.52.4
MIME-Version: 1.0

{qp(body)}"""
    return raw, expect(
        "Renée Dubois-Müller", "renee.dubois@example.org", subject,
        "3b1f6f0c2a9e4d7f8e5a1c2b3d4e5f60.camel@example.org",
        new_text=body.rstrip("\n"))


GMAIL_EN_ID = "CAHx7mQp3vT9dK2w+Zr8b1NcYf4sLq0uE6jG5aWnR_oB2hXkT1A@mail.example.com"


@fixture("gmail-reply-en")
def gmail_reply_en():
    new = """\
Hi Sam,

thanks – the new fuser unit did the trick. The printer on floor 3 has printed about 200 pages since this morning without a single jam.

One thing I noticed: the tray 2 label still says “Letter” although it’s loaded with A4. Could someone fix that setting when they’re next on site?
On Friday I work from home, so any other day works.

Lena"""
    plain = new + """

On Mon, 23 Nov 2026 at 10:00, Sam Agent <support@desk.example.com> wrote:

> Hi Lena,
>
> a technician replaced the fuser unit this morning. Please let us know
> whether the jams are gone.
>
> Sam
> --
> Example Desk support
>
"""
    html = (
        '<div dir="ltr"><div>Hi Sam,</div><div><br></div><div>thanks – the new fuser unit '
        'did the trick. The printer on floor 3 has printed about 200 pages since this morning '
        'without a single jam.</div><div><br></div><div>One thing I noticed: the tray 2 label '
        'still says “Letter” although it’s loaded with A4. Could someone fix that setting when '
        'they’re next on site?</div><div>On Friday I work from home, so any other day works.'
        '</div><div><br></div><div>Lena</div></div><br><div class="gmail_quote">'
        '<div dir="ltr" class="gmail_attr">On Mon, 23 Nov 2026 at 10:00, Sam Agent &lt;<a '
        'href="mailto:support@desk.example.com">support@desk.example.com</a>&gt; wrote:<br>'
        '</div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px '
        'solid rgb(204,204,204);padding-left:1ex">Hi Lena,<br><br>a technician replaced the '
        'fuser unit this morning. Please let us know whether the jams are gone.<br><br>Sam<br>'
        '--<br>Example Desk support<br></blockquote></div>\n')
    b = "000000000000b7e4a50624f1c3a2"
    raw = f"""\
Return-Path: <lena.fischer@example.com>
Received: by mail-yw1-f170.example.com with SMTP id 00721157ae682-6f1a2b3c4d5so1234567b3.2
        for <support@desk.example.com>; Mon, 23 Nov 2026 02:42:19 -0800 (PST)
MIME-Version: 1.0
References: <hd.k3m9x2p.1@desk.example.com>
In-Reply-To: <hd.k3m9x2p.1@desk.example.com>
From: Lena Fischer <lena.fischer@example.com>
Date: Mon, 23 Nov 2026 11:42:07 +0100
Message-ID: <{GMAIL_EN_ID}>
Subject: Re: [hd:k3m9x2p] Printer on floor 3 jams on every job
To: Sam Agent <support@desk.example.com>
Content-Type: multipart/alternative; boundary="{b}"

--{b}
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(plain)}
--{b}
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(html)}
--{b}--
"""
    return raw, expect(
        "Lena Fischer", "lena.fischer@example.com", "Printer on floor 3 jams on every job",
        GMAIL_EN_ID, ["hd.k3m9x2p.1@desk.example.com"], ["hd.k3m9x2p.1@desk.example.com"],
        new_text=new)


@fixture("outlook-reply-de-crlf", crlf_file=True)
def outlook_reply_de():
    new = """\
Hallo Sam,

danke für die schnelle Rückmeldung. Leider hat der Neustart nichts geändert: Der Drucker zieht das Papier ein, gibt es aber weiterhin leer wieder aus. Laut Display ist die Tonerkassette noch zu 60 % voll.

Die Gerätenummer steht auf dem Aufkleber an der Seite: HP-3OG-02. Ich bin heute bis 16 Uhr im Büro, falls jemand vorbeischauen möchte.

Viele Grüße
Jürgen Weiß
Buchhaltung, Raum 3.14"""
    plain = new + """

________________________________
Von: Sam Agent <support@desk.example.com>
Gesendet: Montag, 23. November 2026 10:00
An: Jürgen Weiß <j.weiss@example.org>
Betreff: AW: Drucker im 3. OG druckt nur noch leere Seiten

Hallo Jürgen,

bitte schalte den Drucker einmal komplett aus und nach 30 Sekunden wieder ein. Sag Bescheid, ob die Seiten danach bedruckt werden.

Sam
"""
    mid = "AM9PR07MB71234C5D6E7F8A9B0C1D2E3F4A5B6C7D8E9FA@AM9PR07MB7123.eurprd07.prod.example.org"
    raw = f"""\
Received: from AM9PR07MB7123.eurprd07.prod.example.org (2001:db8::17) by
 mx.desk.example.com (Postfix) with ESMTPS id 4Q7Zq65Rt1z9sVd for
 <support@desk.example.com>; Mon, 23 Nov 2026 11:41:36 +0100 (CET)
From: {qwords("Jürgen Weiß", "iso-8859-1")} <j.weiss@example.org>
To: Sam Agent <support@desk.example.com>
Subject: AW: Drucker im 3. OG druckt nur noch leere Seiten
Thread-Topic: Drucker im 3. OG druckt nur noch leere Seiten
Thread-Index: AQHbPk3xY2v8ZrL0Rk2b9nJ4aQ5uAbLcQ2wE
Date: Mon, 23 Nov 2026 10:41:33 +0000
Message-ID: <{mid}>
References: <hd.h4q8n2c.1@desk.example.com> <hd.h4q8n2c.2@desk.example.com>
In-Reply-To: <hd.h4q8n2c.2@desk.example.com>
Accept-Language: de-DE, en-US
Content-Language: de-DE
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
X-Mailer: Microsoft Outlook 16.0
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable
MIME-Version: 1.0

{qp(plain, "iso-8859-1")}"""
    return raw, expect(
        "Jürgen Weiß", "j.weiss@example.org", "Drucker im 3. OG druckt nur noch leere Seiten",
        mid, ["hd.h4q8n2c.2@desk.example.com"],
        ["hd.h4q8n2c.1@desk.example.com", "hd.h4q8n2c.2@desk.example.com"], new_text=new)


@fixture("applemail-reply-fr-base64")
def applemail_reply_fr():
    new = """\
Bonjour Sam,

Merci pour votre retour rapide. J’ai bien redémarré l’imprimante comme indiqué, mais elle affiche toujours « Erreur 49.4C02 » après deux ou trois pages.

Est-ce qu’un technicien pourrait passer demain matin ? Je suis au bureau à partir de 8 h 30.

Bien cordialement,
Claire Moreau"""
    plain = new + """

> Le 23 nov. 2026 à 10:00, Sam Agent <support@desk.example.com> a écrit :
> 
> Bonjour Claire,
> 
> Pourriez-vous éteindre l’imprimante couleur, attendre une minute puis la rallumer ? Dites-nous si l’erreur persiste.
> 
> Sam
> 

"""
    mid = "7E1C2B9A-4D3F-4A6B-8C2E-1F0A9B8C7D6E@example.net"
    raw = f"""\
Return-Path: <claire.moreau@example.net>
Received: from smtpclient (unknown [198.51.100.44])
\tby smtp.example.net with ESMTPSA id 9xK2bP4mQvZ1aA
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 10:47:35 +0100
From: Claire Moreau <claire.moreau@example.net>
Content-Type: text/plain;
\tcharset=utf-8
Content-Transfer-Encoding: base64
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3826.200.121\\))
Subject: Re: [hd:p6r4t8y] Imprimante couleur hors service
Message-Id: <{mid}>
Date: Mon, 23 Nov 2026 10:47:31 +0100
In-Reply-To: <hd.p6r4t8y.1@desk.example.com>
References: <hd.p6r4t8y.1@desk.example.com>
To: Sam Agent <support@desk.example.com>
X-Mailer: Apple Mail (2.3826.200.121)

{b64(crlf(plain))}"""
    return raw, expect(
        "Claire Moreau", "claire.moreau@example.net", "Imprimante couleur hors service", mid,
        ["hd.p6r4t8y.1@desk.example.com"], ["hd.p6r4t8y.1@desk.example.com"], new_text=new)


@fixture("thunderbird-reply-es-flowed")
def thunderbird_reply_es():
    new = """\
Hola Sam,

gracias por la respuesta. He seguido los pasos que me indicaste, pero la impresora sigue mostrando el aviso de atasco aunque la bandeja está completamente vacía.

He reiniciado el servicio con este comando, por si sirve de algo:

  sudo systemctl restart cups

Saludos,
Marta"""
    sig = """\
-- 
Marta Jiménez Ruiz
Coordinación de TI · Example Net
Tel. +34 910 000 000"""
    quote = """\
El 23/11/26 a las 10:00, Sam Agent escribió:
> Hola Marta,
>
> ¿podrías reiniciar el servicio de impresión y decirnos si el aviso 
> desaparece?
>
> Sam
"""
    body = flowed(new + "\n\n" + sig) + "\n\n" + quote
    mid = "5e0b9c3a-7d1f-4c2e-9a8b-6f4d3e2c1b0a@example.net"
    raw = f"""\
Return-Path: <marta.jimenez@example.net>
Received: from [192.0.2.77] (unknown [192.0.2.77])
\tby smtp.example.net (Postfix) with ESMTPSA id 4Q7Zr1kLm2z9sVe
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 10:31:20 +0100 (CET)
Message-ID: <{mid}>
Date: Mon, 23 Nov 2026 10:31:18 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: {qwords("Re: [hd:e7j3q5z] Impresora: aviso de atasco sin papel", first_room=66)}
To: Sam Agent <support@desk.example.com>
References: <hd.e7j3q5z.1@desk.example.com>
Content-Language: es-ES
From: {qwords("Marta Jiménez Ruiz")} <marta.jimenez@example.net>
In-Reply-To: <hd.e7j3q5z.1@desk.example.com>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

{body}"""
    return raw, expect(
        "Marta Jiménez Ruiz", "marta.jimenez@example.net", "Impresora: aviso de atasco sin papel",
        mid, ["hd.e7j3q5z.1@desk.example.com"], ["hd.e7j3q5z.1@desk.example.com"], new_text=new)


@fixture("html-only-windows1252-crlf", crlf_file=True)
def html_only():
    page = """\
<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<HTML><HEAD>
<META content="text/html; charset=windows-1252" http-equiv=Content-Type>
<TITLE>Invoice portal</TITLE>
<STYLE type=text/css>
P { MARGIN-TOP: 0px; MARGIN-BOTTOM: 0px }
.note { COLOR: #555555 }
</STYLE>
<SCRIPT type=text/javascript>document.title = "hidden script text";</SCRIPT>
</HEAD>
<BODY style="FONT-FAMILY: Calibri; FONT-SIZE: 11pt">
<P>Hello support team,</P>
<P>our invoice portal shows “Error 502” since about 9:00 – customers can’t pay
the open invoices (roughly 1.250&nbsp;€ today).<BR>
It started right after last night’s maintenance window.</P>
<UL>
<LI>Browser: Firefox 128 and Edge</LI>
<LI>Accounts: ACME-4471 &amp; ACME-4472</LI>
</UL>
<P>Status page: <A href="https://status.example.net/incidents/812">incident 812</A></P>
<P>Kind regards,<BR>Priya Raman<BR>Accounts receivable</P>
</BODY></HTML>
"""
    new = """\
Hello support team,

our invoice portal shows “Error 502” since about 9:00 – customers can’t pay the open invoices (roughly 1.250 € today).
It started right after last night’s maintenance window.

- Browser: Firefox 128 and Edge
- Accounts: ACME-4471 & ACME-4472

Status page: incident 812 <https://status.example.net/incidents/812>

Kind regards,
Priya Raman
Accounts receivable"""
    mid = "9F2C4E7A1B3D4F5A8C6E0D2B4A6C8E0F@PRIYAPC"
    raw = f"""\
Return-Path: <priya.raman@example.com>
Received: from PRIYAPC ([203.0.113.90]) by smtp.example.com with ESMTPA;
\tMon, 23 Nov 2026 09:31:07 +0000
Message-ID: <{mid}>
From: "Priya Raman" <priya.raman@example.com>
To: <support@desk.example.com>
Subject: {qwords("Invoice portal down – error 502", "windows-1252")}
Date: Mon, 23 Nov 2026 09:31:05 -0000
MIME-Version: 1.0
Content-Type: text/html;
\tcharset="windows-1252"
Content-Transfer-Encoding: quoted-printable
X-Priority: 3
X-MSMail-Priority: Normal
Importance: Normal
X-Mailer: Microsoft Windows Live Mail 16.4.3528.331
X-MimeOLE: Produced By Microsoft MimeOLE V16.4.3528.331

{qp(page, "windows-1252")}"""
    return raw, expect(
        "Priya Raman", "priya.raman@example.com", "Invoice portal down – error 502", mid,
        new_text=new)


PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Length 320 /Filter /FlateDecode >>\nstream\n"
       + pseudo_bytes("lieferschein-0042", 320)
       + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
CSV = ("\ufeffKostenstelle;Bezeichnung;Betrag EUR\r\n"
       "4100;Druckerpapier;312,40\r\n"
       "4100;Toner schwarz;1.089,00\r\n"
       "4230;Wartung Kopierer;450,00\r\n"
       "4230;Ersatzteile Fixiereinheit;218,75\r\n").encode("utf-8")


@fixture("attachments-pdf-csv")
def attachments():
    new = """\
Hallo,

anbei der eingescannte Lieferschein und die Kostenaufstellung für März, wie besprochen. Die CSV-Datei verwendet Semikolons als Trennzeichen.

Viele Grüße
Jonas"""
    b = "------------Xq3vB7nT2kLm9pR4sW8yZ1cD"
    csv_name = "Kosten März 2026.csv"
    mid = "2d7c9e41-8b3a-4f6e-a1c5-9e0d2b4f6a8c@example.org"
    raw = f"""\
Return-Path: <jonas.becker@example.org>
Received: from [192.0.2.140] (unknown [192.0.2.140])
\tby smtp.example.org (Postfix) with ESMTPSA id 4Q7Zs8HnP3z9sVf
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 12:03:44 +0100 (CET)
Content-Type: multipart/mixed; boundary="{b}"
Message-ID: <{mid}>
Date: Mon, 23 Nov 2026 12:03:41 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: de-DE
To: support@desk.example.com
From: Jonas Becker <jonas.becker@example.org>
Subject: {qwords("Lieferschein und Kostenaufstellung März")}

This is a multi-part message in MIME format.
--{b}
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

{flowed(new)}

--{b}
Content-Type: application/pdf; name="lieferschein-0042.pdf"
Content-Disposition: attachment; filename="lieferschein-0042.pdf"
Content-Transfer-Encoding: base64

{b64(PDF)}
--{b}
Content-Type: text/csv; charset=UTF-8; name="{qwords(csv_name)}"
Content-Disposition: attachment;
 filename*=UTF-8''Kosten%20M%C3%A4rz%202026.csv
Content-Transfer-Encoding: base64

{b64(CSV)}
--{b}--
"""
    return raw, expect(
        "Jonas Becker", "jonas.becker@example.org", "Lieferschein und Kostenaufstellung März",
        mid, new_text=new, attachments=[
            {"name": "lieferschein-0042.pdf", "type": "application/pdf", "size": len(PDF)},
            {"name": csv_name, "type": "text/csv", "size": len(CSV)},
        ])


@fixture("autoreply-auto-submitted")
def autoreply_auto_submitted():
    body = """\
Thank you for your message. I am out of the office until Monday 30 November 2026 and have limited access to email.

For urgent matters please contact the service desk on +31 20 000 0000.

Bram de Vries"""
    mid = "dovecot-sieve-1795424404-310552-0@imap.example.net"
    raw = f"""\
Return-Path: <>
Received: from imap.example.net by mx.example.net with LMTP id kQ3vL2xYcGdnBQAA
\tfor <bram.devries@example.net>; Mon, 23 Nov 2026 10:00:04 +0100
Message-ID: <{mid}>
Date: Mon, 23 Nov 2026 10:00:04 +0100
X-Sieve: Pigeonhole Sieve 0.5.21
From: Bram de Vries <bram.devries@example.net>
To: <support@desk.example.com>
Subject: Out of office
In-Reply-To: <hd.m2c6v9q.1@desk.example.com>
References: <hd.m2c6v9q.1@desk.example.com>
Auto-Submitted: auto-replied (vacation)
Precedence: bulk
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

{body}
"""
    return raw, expect(
        "Bram de Vries", "bram.devries@example.net", "Out of office", mid,
        ["hd.m2c6v9q.1@desk.example.com"], ["hd.m2c6v9q.1@desk.example.com"],
        new_text=body, auto="auto-submitted")


@fixture("bulk-newsletter")
def bulk():
    plain = """\
Example Net product update – November 2026

* Dark mode for the customer portal
* CSV exports are now up to five times faster
* Scheduled maintenance on 5 December, 22:00–23:00 CET

Read the full post: https://news.example.net/p/november-2026

You receive this email because you subscribed at example.net.
Unsubscribe: https://news.example.net/u/8d2f1e4a9b7c"""
    html = """\
<!doctype html><html><body style="margin:0;padding:0">
<table role="presentation" width="100%"><tr><td>
<h1 style="font-size:20px">Example Net product update – November 2026</h1>
<ul><li>Dark mode for the customer portal</li><li>CSV exports are now up to five times faster</li>
<li>Scheduled maintenance on 5 December, 22:00–23:00 CET</li></ul>
<p><a href="https://news.example.net/p/november-2026">Read the full post</a></p>
<p style="font-size:11px;color:#888">You receive this email because you subscribed at example.net.
<a href="https://news.example.net/u/8d2f1e4a9b7c">Unsubscribe</a></p>
<img src="https://news.example.net/o/8d2f1e4a9b7c.gif" width="1" height="1" alt="">
</td></tr></table></body></html>
"""
    b = "=_b1d2e3f4a5c6d7e8f9a0"
    mid = "20261123073000.8d2f1e4a9b7c@news.example.net"
    raw = f"""\
Return-Path: <bounce-8d2f1e4a9b7c@news.example.net>
Received: from out-17.news.example.net (out-17.news.example.net [198.51.100.17])
\tby mx.desk.example.com (Postfix) with ESMTPS id 4Q7ZB0dQw4z9sVg
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 08:30:02 +0100 (CET)
From: Example Net Updates <newsletter@news.example.net>
To: support@desk.example.com
Subject: Your November product update
Date: Mon, 23 Nov 2026 07:30:00 +0000
Message-ID: <{mid}>
Precedence: bulk
List-Id: Example Net product updates <updates.news.example.net>
List-Unsubscribe: <mailto:unsubscribe+8d2f1e4a9b7c@news.example.net?subject=unsubscribe>,
 <https://news.example.net/u/8d2f1e4a9b7c>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
Feedback-ID: nov26:updates:examplenet
X-Mailer: MailPilot 4.2
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="{b}"

--{b}
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp(plain)}
--{b}
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp(html)}
--{b}--
"""
    return raw, expect(
        "Example Net Updates", "newsletter@news.example.net", "Your November product update",
        mid, new_text=plain, auto="bulk")


@fixture("autoreply-x-autoreply")
def x_autoreply():
    body = """\
Hello,

this is an automatic confirmation: your request has been received and
given the number #48213. Please keep the number in the subject line when
you reply, so that we can match your message.

Example Com Sales team"""
    mid = "ticket-48213-ack.1795424790@helpdesk.example.com"
    raw = f"""\
Return-Path: <sales@example.com>
Received: from helpdesk.example.com (helpdesk.example.com [203.0.113.61])
\tby mx.desk.example.com (Postfix) with ESMTPS id 4Q7ZC3gTx5z9sVh
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 10:06:31 +0100 (CET)
From: Example Com Sales <sales@example.com>
To: support@desk.example.com
Subject: [Ticket #48213] We received your request
Date: Mon, 23 Nov 2026 10:06:30 +0100
Message-ID: <{mid}>
In-Reply-To: <hd.k3m9x2p.2@desk.example.com>
X-Autoreply: yes
X-Mailer: TicketPilot 3.1
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

{body}
"""
    return raw, expect(
        "Example Com Sales", "sales@example.com", "[Ticket #48213] We received your request",
        mid, ["hd.k3m9x2p.2@desk.example.com"], new_text=body, auto="autoreply")


@fixture("bounce-dsn")
def bounce():
    notification = """\
This is the mail system at host mx1.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<old.user@example.net>: host mail.example.net[198.51.100.7] said: 550 5.1.1
    <old.user@example.net>: Recipient address rejected: User unknown (in reply
    to RCPT TO command)"""
    b = "3F1A2C0042.1795424712/mx1.example.net"
    mid = "20261123090512.3F1A2C0042@mx1.example.net"
    raw = f"""\
Return-Path: <>
Received: by mx1.example.net (Postfix)
\tid 3F1A2C0042; Mon, 23 Nov 2026 10:05:12 +0100 (CET)
Date: Mon, 23 Nov 2026 10:05:12 +0100 (CET)
From: MAILER-DAEMON@mx1.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: support@desk.example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
Content-Transfer-Encoding: 8bit
Message-Id: <{mid}>

This is a MIME-encapsulated message.

--{b}
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

{notification}

--{b}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.example.net
X-Postfix-Queue-ID: 3F1A2C0042
X-Postfix-Sender: rfc822; support@desk.example.com
Arrival-Date: Mon, 23 Nov 2026 10:05:11 +0100 (CET)

Final-Recipient: rfc822; old.user@example.net
Original-Recipient: rfc822;old.user@example.net
Action: failed
Status: 5.1.1
Remote-MTA: dns; mail.example.net
Diagnostic-Code: smtp; 550 5.1.1 <old.user@example.net>: Recipient address
    rejected: User unknown

--{b}
Content-Description: Undelivered Message
Content-Type: message/rfc822
Content-Transfer-Encoding: 8bit

Return-Path: <support@desk.example.com>
Received: from desk.example.com (desk.example.com [192.0.2.10])
\tby mx1.example.net (Postfix) with ESMTPS id 3F1A2C0042
\tfor <old.user@example.net>; Mon, 23 Nov 2026 10:05:11 +0100 (CET)
From: Sam Agent <support@desk.example.com>
To: Old User <old.user@example.net>
Subject: [hd:k3m9x2p] Printer on floor 3 jams on every job
Date: Mon, 23 Nov 2026 10:05:09 +0100
Message-ID: <hd.k3m9x2p.4@desk.example.com>
In-Reply-To: <{GMAIL_EN_ID}>
References: <hd.k3m9x2p.1@desk.example.com>
 <{GMAIL_EN_ID}>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hi,

you were copied on this ticket as the previous owner of the floor 3
printer. The fuser unit has been replaced.

Sam

--{b}--
"""
    return raw, expect(
        "Mail Delivery System", "MAILER-DAEMON@mx1.example.net",
        "Undelivered Mail Returned to Sender", mid, new_text=notification, auto="bounce")


JPEG = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x01\x00H\x00H\x00\x00"
        + pseudo_bytes("badge-reader", 1400))


@fixture("truncated-multipart")
def truncated():
    b = "------------9Xk2LmQ0pR7sT4vW1yZ3aB5c"
    lines = b64(JPEG).splitlines()
    cut = "\n".join(lines[:10]) + "\n" + lines[10][:37]   # 37: not a multiple of 4
    mid = "a61f0d3e-5c2b-4e97-8d1a-7b3c9f2e4d60@example.com"
    raw = f"""\
Return-Path: <noah.schmidt@example.com>
Received: from [192.0.2.31] (unknown [192.0.2.31])
\tby smtp.example.com (Postfix) with ESMTPSA id 4Q7ZD9vWy6z9sVi
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 13:17:09 +0100 (CET)
Content-Type: multipart/mixed; boundary="{b}"
Message-ID: <{mid}>
Date: Mon, 23 Nov 2026 13:17:05 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: en-GB
To: support@desk.example.com
From: Noah Schmidt <noah.schmidt@example.com>
Subject: Badge reader at the east entrance

This is a multi-part message in MIME format.
--{b}
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit

Hi,

the badge reader at the east entrance only blinks red since this morning.
A photo of the display is attached.

Noah

--{b}
Content-Type: image/jpeg; name="badge-reader.jpg"
Content-Disposition: attachment; filename="badge-reader.jpg"
Content-Transfer-Encoding: base64

{cut}"""
    return raw, expect(
        "Noah Schmidt", "noah.schmidt@example.com", "Badge reader at the east entrance", mid,
        error="truncated")


@fixture("no-from")
def no_from():
    mid = "1795421558.0042@mfp-3og.print.example.com"
    raw = f"""\
Return-Path: <scanner-3og@print.example.com>
Received: from mfp-3og.print.example.com (mfp-3og.print.example.com [192.0.2.53])
\tby mx.desk.example.com (Postfix) with SMTP id 4Q7ZF2aXz7z9sVj
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 09:12:40 +0100 (CET)
To: support@desk.example.com
Subject: Toner low: MFP-3OG-02
Date: Mon, 23 Nov 2026 09:12:38 +0100
Message-ID: <{mid}>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit
X-Mailer: ScanMail 2.1

Device MFP-3OG-02 reports: black toner below 5 %.
Location: 3rd floor, copy room
Serial number: CNB9X01234
"""
    return raw, expect(None, None, "Toner low: MFP-3OG-02", mid, error="no-from")


@fixture("unknown-charset")
def unknown_charset():
    # Mixed bytes: Latin-1 (0xD6, 0xAB, 0xBB, 0xE9) and one valid UTF-8
    # sequence (U+00FC U+00DF in "Grüße").  The part claims x-unknown-9.
    body = (b"Hello,\n\n"
            b"the VPN client crashes as soon as I open the settings. The log says:\n"
            b"Fehler beim \xd6ffnen der Datei \xabvpn.conf\xbb (Zugriff verweigert).\n"
            b"I tried it from the caf\xe9 and from home.\n\n"
            b"Gr\xc3\xbc\xc3\x9fe,\n"
            b"Kasimir Nowak\n")
    new = body.decode("utf-8", "replace").rstrip("\n")
    mid = "20261123091500.GA4127@mail.example.net"
    head = f"""\
Return-Path: <k.nowak@example.net>
Received: from mail.example.net (mail.example.net [198.51.100.80])
\tby mx.desk.example.com (Postfix) with ESMTPS id 4Q7ZG5bYa8z9sVk
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 09:15:03 +0100 (CET)
From: Kasimir Nowak <k.nowak@example.net>
To: support@desk.example.com
Subject: VPN client crashes
Date: Mon, 23 Nov 2026 09:15:00 +0100
Message-ID: <{mid}>
X-Mailer: MailWriter 2.0
MIME-Version: 1.0
Content-Type: text/plain; charset="x-unknown-9"
Content-Transfer-Encoding: 8bit

"""
    return head.encode("ascii") + body, expect(
        "Kasimir Nowak", "k.nowak@example.net", "VPN client crashes", mid, new_text=new)


@fixture("reply-to-webform")
def reply_to():
    body = """\
Name: Tomás Ortega
Email: tomas.ortega@example.net
Customer number: 20-55817
Topic: Account / login

Message:
I requested a password reset three times today, but the email never arrives. I checked the spam folder too. Could you reset it manually?

------------------------------------------------------------
This message was sent with the contact form at https://www.example.com/contact"""
    mid = "a3f9e1c7b5d24680f1e2d3c4b5a69788@www.example.com"
    raw = f"""\
Return-Path: <webform@www.example.com>
Received: from www.example.com (www.example.com [203.0.113.5])
\tby mx.desk.example.com (Postfix) with ESMTPS id 4Q7ZH8cZb9z9sVm
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 14:02:18 +0100 (CET)
Date: Mon, 23 Nov 2026 13:02:17 +0000
To: support@desk.example.com
From: Example Com Website <webform@www.example.com>
Reply-To: {qwords("Tomás Ortega").replace("?Q?", "?q?").replace("=?UTF-8", "=?utf-8")} <tomas.ortega@example.net>
Subject: Contact form: Cannot reset my password
Message-ID: <{mid}>
X-Mailer: PHPMailer 6.9.1
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

{body}
"""
    return raw, expect(
        "Tomás Ortega", "tomas.ortega@example.net", "Contact form: Cannot reset my password",
        mid, new_text=body)


@fixture("gmail-forward-en")
def gmail_forward():
    new = """\
Hi support,

can you check whether this is genuine? I never received an invoice 2026-1187, and the link points to a domain I don't recognise.

Thanks,
Ravi"""
    plain = new + """

---------- Forwarded message ---------
From: Accounts Team <billing@vendor.example.net>
Date: Mon, 23 Nov 2026 at 08:03
Subject: SV: Invoice 2026-1187 overdue
To: <ravi.menon@example.org>


Hello,

your invoice 2026-1187 is overdue. Please pay within 24 hours via https://pay.example.net/i/2026-1187 to avoid the suspension of your account.

Accounts Team
"""
    html = (
        '<div dir="ltr">Hi support,<div><br></div><div>can you check whether this is genuine? '
        'I never received an invoice 2026-1187, and the link points to a domain I don\'t '
        'recognise.</div><div><br></div><div>Thanks,</div><div>Ravi<br><br><div class="gmail_quote">'
        '<div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: '
        '<strong class="gmail_sendername" dir="auto">Accounts Team</strong> <span dir="auto">'
        '&lt;<a href="mailto:billing@vendor.example.net">billing@vendor.example.net</a>&gt;</span>'
        '<br>Date: Mon, 23 Nov 2026 at 08:03<br>Subject: SV: Invoice 2026-1187 overdue<br>To: '
        '&lt;<a href="mailto:ravi.menon@example.org">ravi.menon@example.org</a>&gt;<br></div>'
        '<br><br>Hello,<br><br>your invoice 2026-1187 is overdue. Please pay within 24 hours via '
        '<a href="https://pay.example.net/i/2026-1187">https://pay.example.net/i/2026-1187</a> '
        'to avoid the suspension of your account.<br><br>Accounts Team<br></div></div></div>\n')
    b = "000000000000e91c3b0624f1d7f5"
    mid = "CAKv2nW8pL4tX0qR9bZ3mE6yHcJ1sF7uA5dG2kN_oT8wQfB4rYg@mail.example.org"
    raw = f"""\
Return-Path: <ravi.menon@example.org>
Received: by mail-ej1-f52.example.org with SMTP id a640c23a62f3a-a9e1b2c3d4eso987654366b.1
        for <support@desk.example.com>; Mon, 23 Nov 2026 00:21:40 -0800 (PST)
MIME-Version: 1.0
References: <5d1c7e3a9b2f4e60@vendor.example.net>
In-Reply-To: <5d1c7e3a9b2f4e60@vendor.example.net>
From: Ravi Menon <ravi.menon@example.org>
Date: Mon, 23 Nov 2026 09:21:33 +0100
Message-ID: <{mid}>
Subject: Fwd: SV: Invoice 2026-1187 overdue
To: support@desk.example.com
Content-Type: multipart/alternative; boundary="{b}"

--{b}
Content-Type: text/plain; charset="UTF-8"

{plain}
--{b}
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(html)}
--{b}--
"""
    return raw, expect(
        "Ravi Menon", "ravi.menon@example.org", "Invoice 2026-1187 overdue", mid,
        ["5d1c7e3a9b2f4e60@vendor.example.net"], ["5d1c7e3a9b2f4e60@vendor.example.net"],
        new_text=new)


@fixture("outlook-reply-en-crlf", crlf_file=True)
def outlook_reply_en():
    new = """\
Hi Sam,

Confirmed - no jams since the fuser swap, and the tray 2 label is fixed too. You can close the ticket.

Regards,
Dave

Dave Okafor | Facilities | Example Com
+44 20 7946 0000"""
    plain = new + """

-----Original Message-----
From: Sam Agent <support@desk.example.com> 
Sent: Monday, November 23, 2026 1:15 PM
To: Okafor, Dave <dave.okafor@example.com>
Subject: RE: [hd:k3m9x2p] Printer on floor 3 jams on every job

Hi Dave,

Lena reports that the printer works again. Can you confirm on your side?

Sam
"""
    html = """\
<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=us-ascii"><meta name=Generator content="Microsoft Word 15 (filtered medium)"><style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
--></style></head><body lang=EN-GB link="#0563C1" vlink="#954F72"><div class=WordSection1><p class=MsoNormal>Hi Sam,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Confirmed - no jams since the fuser swap, and the tray 2 label is fixed too. You can close the ticket.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Regards,<o:p></o:p></p><p class=MsoNormal>Dave<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Dave Okafor | Facilities | Example Com<o:p></o:p></p><p class=MsoNormal>+44 20 7946 0000<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>From:</b> Sam Agent &lt;support@desk.example.com&gt; <br><b>Sent:</b> Monday, November 23, 2026 1:15 PM<br><b>To:</b> Okafor, Dave &lt;dave.okafor@example.com&gt;<br><b>Subject:</b> RE: [hd:k3m9x2p] Printer on floor 3 jams on every job<o:p></o:p></p></div></div><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Hi Dave,<o:p></o:p></p><p class=MsoNormal>Lena reports that the printer works again. Can you confirm on your side?<o:p></o:p></p><p class=MsoNormal>Sam<o:p></o:p></p></div></body></html>
"""
    b = "----=_NextPart_000_0001_01DB5D3A.8F2E7060"
    mid = "000001db5d3a$8f2c4e10$ad84ea30$@example.com"
    refs = ["hd.k3m9x2p.1@desk.example.com", GMAIL_EN_ID, "hd.k3m9x2p.3@desk.example.com"]
    raw = f"""\
Return-Path: <dave.okafor@example.com>
Received: from DAVEOKAFOR01 (host-203-0-113-12.example.com [203.0.113.12])
\tby smtp.example.com (Postfix) with ESMTPSA id 4Q7ZJ1dAc0z9sVn
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 15:20:49 +0100 (CET)
From: "Okafor, Dave" <dave.okafor@example.com>
To: 'Sam Agent' <support@desk.example.com>
References: <{refs[0]}>
\t<{refs[1]}>
\t<{refs[2]}>
In-Reply-To: <{refs[2]}>
Subject: RE: RE: [hd:k3m9x2p] Printer on floor 3 jams on every job
Date: Mon, 23 Nov 2026 14:20:45 -0000
Message-ID: <{mid}>
MIME-Version: 1.0
Content-Type: multipart/alternative;
\tboundary="{b}"
X-Mailer: Microsoft Outlook 16.0
Thread-Index: AQHbPk3xY2v8ZrL0Rk2b9nJ4aQ5uAa3bCdEf
Content-Language: en-gb

This is a multipart message in MIME format.

--{b}
Content-Type: text/plain;
\tcharset="us-ascii"
Content-Transfer-Encoding: 7bit

{plain}
--{b}
Content-Type: text/html;
\tcharset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{qp(html, "ascii")}
--{b}--

"""
    return raw, expect(
        "Okafor, Dave", "dave.okafor@example.com", "Printer on floor 3 jams on every job", mid,
        [refs[2]], refs, new_text=new)


@fixture("hostile-escapes-bidi")
def hostile():
    esc, bel, rlo, pdf = "\x1b", "\x07", "\u202e", "\u202c"
    name = f"Eve {esc}[1mAdmin{esc}[0m"
    subject = (f"Urgent: {esc}[31mpassword expired{esc}[0m "
               f"{esc}]0;hd - all tickets closed{bel}invoice_{rlo}fdp.exe{pdf}")
    new = (f"Hello,\n\n"
           f"please open the attached {esc}[1;31mURGENT{esc}[0m report.\n"
           f"{esc}]0;Inbox (0){bel}{esc}]8;;https://evil.example.net/{bel}click here"
           f"{esc}]8;;{bel} to confirm.\n"
           f"The file is called invoice_{rlo}fdp.exe{pdf} and it is safe.\n"
           f"{esc}[2J{esc}[H\n"
           f"Eve")
    mid = "7c0e1f2a3b4d@mail.example.net"
    raw = f"""\
Return-Path: <eve@example.net>
Received: from mail.example.net (mail.example.net [198.51.100.66])
\tby mx.desk.example.com (Postfix) with ESMTPS id 4Q7ZK4eBd1z9sVp
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 16:44:10 +0100 (CET)
From: {qwords(name)} <eve@example.net>
To: support@desk.example.com
Subject: {bwords(subject)}
Date: Mon, 23 Nov 2026 16:44:08 +0100
Message-ID: <{mid}>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable
User-Agent: Mutt/2.2.13 (2024-03-09)

{qp(new)}"""
    return raw, expect(name, "eve@example.net", subject, mid, new_text=new)


@fixture("thunderbird-reply-de")
def thunderbird_reply_de():
    new = """\
Hallo Sam,

danke, der Zugang funktioniert jetzt. Könntest du mir noch Schreibrechte für den Bereich „Einkauf“ geben? Mein Teamleiter hat das schon freigegeben (siehe seine weitergeleitete Mail von gestern).

Viele Grüße
Anja"""
    quote = """\
Am 23.11.26 um 10:00 schrieb Sam Agent:
> Hallo Anja,
>
> dein Konto wurde für das Projekt-Wiki freigeschaltet. Melde dich bitte
> einmal ab und wieder an.
>
> Sam
"""
    mid = "8c1e5f3a-2b4d-4e6f-9a1c-3d5e7f9b1a2c@example.org"
    raw = f"""\
Return-Path: <anja.koehler@example.org>
Received: from [192.0.2.88] (unknown [192.0.2.88])
\tby smtp.example.org (Postfix) with ESMTPSA id 4Q7ZL7fCe2z9sVq
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 11:05:55 +0100 (CET)
Message-ID: <{mid}>
Date: Mon, 23 Nov 2026 11:05:52 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Re: WG: Zugang zum Projekt-Wiki [hd:n5v7c2e]
To: Sam Agent <support@desk.example.com>
References: <hd.n5v7c2e.1@desk.example.com>
Content-Language: de-DE
From: {qwords("Anja Köhler")} <anja.koehler@example.org>
In-Reply-To: <hd.n5v7c2e.1@desk.example.com>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

{flowed(new)}

{quote}"""
    return raw, expect(
        "Anja Köhler", "anja.koehler@example.org", "Zugang zum Projekt-Wiki", mid,
        ["hd.n5v7c2e.1@desk.example.com"], ["hd.n5v7c2e.1@desk.example.com"], new_text=new)


@fixture("gmail-reply-pt-wrapped")
def gmail_reply_pt():
    new = """\
Oi Sam,

obrigado pela ajuda. Segurei o botão de energia por 30 segundos, como você sugeriu, e o notebook voltou a ligar. Mas agora a bateria não carrega acima de 80%.

Isso é normal depois da atualização?

Abraço,
João"""
    # Gmail wraps the attribution line of its text/plain part at about 78
    # columns, so "escreveu:" ends up alone on the next line.
    plain = new + """

Em seg., 23 de nov. de 2026 às 10:00, Sam Agent <support@desk.example.com>
escreveu:

> Oi João,
>
> tente segurar o botão de energia por 30 segundos com o carregador
> desconectado e depois ligue de novo.
>
> Sam
>
"""
    html = (
        '<div dir="ltr"><div>Oi Sam,</div><div><br></div><div>obrigado pela ajuda. Segurei o '
        'botão de energia por 30 segundos, como você sugeriu, e o notebook voltou a ligar. Mas '
        'agora a bateria não carrega acima de 80%.</div><div><br></div><div>Isso é normal depois '
        'da atualização?</div><div><br></div><div>Abraço,</div><div>João</div></div><br>'
        '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Em seg., 23 de nov. de 2026 '
        'às 10:00, Sam Agent &lt;<a href="mailto:support@desk.example.com">'
        'support@desk.example.com</a>&gt; escreveu:<br></div><blockquote class="gmail_quote" '
        'style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
        'Oi João,<br><br>tente segurar o botão de energia por 30 segundos com o carregador '
        'desconectado e depois ligue de novo.<br><br>Sam<br></blockquote></div>\n')
    b = "0000000000003f8a2d0624f1e0c4"
    mid = "CAP9wRk2mT5vY8nB1qX4zL7cD0sH3jF6gA9eK2uW_pN5tM8rQzE@mail.example.com"
    raw = f"""\
Return-Path: <joao.pereira@example.com>
Received: by mail-qk1-f181.example.com with SMTP id af79cd13be357-7b1c2d3e4f5so246813585a.3
        for <support@desk.example.com>; Mon, 23 Nov 2026 05:52:11 -0800 (PST)
MIME-Version: 1.0
References: <hd.t9w3k7m.1@desk.example.com>
In-Reply-To: <hd.t9w3k7m.1@desk.example.com>
From: {bwords("João Pereira")} <joao.pereira@example.com>
Date: Mon, 23 Nov 2026 10:51:58 -0300
Message-ID: <{mid}>
Subject: {qwords("Re: [hd:t9w3k7m] Notebook não liga após atualização", first_room=66)}
To: Sam Agent <support@desk.example.com>
Content-Type: multipart/alternative; boundary="{b}"

--{b}
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(plain)}
--{b}
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(html)}
--{b}--
"""
    return raw, expect(
        "João Pereira", "joao.pereira@example.com", "Notebook não liga após atualização", mid,
        ["hd.t9w3k7m.1@desk.example.com"], ["hd.t9w3k7m.1@desk.example.com"], new_text=new)


@fixture("thunderbird-reply-nl")
def thunderbird_reply_nl():
    # The line that begins "Op mijn telefoon" is new text: an attribution
    # must end in "schreef ...:".
    new = """\
Hoi Sam,

het nieuwe wachtwoord werkt, dank je.
Op mijn telefoon moet ik het nog wel even aanpassen.

Groet,
Daan"""
    quote = """\
Op 23-11-2026 om 10:00 schreef Sam Agent:
> Hoi Daan,
>
> je wachtwoord is gereset. Je krijgt zo een sms met een tijdelijke code.
>
> Sam
"""
    mid = "b41c7a2e-9d3f-4e58-a6b0-2c8e1f5d7a93@example.net"
    raw = f"""\
Return-Path: <daan.visser@example.net>
Received: from [192.0.2.120] (unknown [192.0.2.120])
\tby smtp.example.net (Postfix) with ESMTPSA id 4Q7ZM0gDf3z9sVr
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 10:19:07 +0100 (CET)
Message-ID: <{mid}>
Date: Mon, 23 Nov 2026 10:19:04 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Re: Antw: [hd:b8d2f6h] Wachtwoord verlopen
To: Sam Agent <support@desk.example.com>
References: <hd.b8d2f6h.1@desk.example.com> <hd.b8d2f6h.2@desk.example.com>
Content-Language: nl
From: Daan Visser <daan.visser@example.net>
In-Reply-To: <hd.b8d2f6h.2@desk.example.com>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit

{flowed(new)}

{quote}"""
    return raw, expect(
        "Daan Visser", "daan.visser@example.net", "Wachtwoord verlopen", mid,
        ["hd.b8d2f6h.2@desk.example.com"],
        ["hd.b8d2f6h.1@desk.example.com", "hd.b8d2f6h.2@desk.example.com"], new_text=new)


@fixture("outlook-reply-fr")
def outlook_reply_fr():
    # "Le problème persiste : ..." begins with "Le " and holds " : " but is
    # not an attribution; only a line ending in "a écrit :" is.
    new = """\
Bonjour,

Le problème persiste : le client VPN affiche « Accès refusé (code 809) » dès la connexion. J'ai réinstallé le certificat ce matin, sans changement.

Cordialement,
Amélie Laurent
Direction financière"""
    plain = new + """

________________________________
De : Sam Agent <support@desk.example.com>
Envoyé : lundi 23 novembre 2026 10:00
À : Amélie Laurent <amelie.laurent@example.net>
Objet : Réf: [hd:w8f3b6d] Accès VPN refusé

Bonjour Amélie,

Pouvez-vous réinstaller le certificat VPN depuis le portail et réessayer ?

Sam
"""
    html = """\
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>
</head>
<body dir="ltr">
<div style="font-family: Aptos, sans-serif; font-size: 12pt;">Bonjour,</div>
<div style="font-family: Aptos, sans-serif; font-size: 12pt;"><br></div>
<div style="font-family: Aptos, sans-serif; font-size: 12pt;">Le problème persiste : le client VPN affiche « Accès refusé (code 809) » dès la connexion. J'ai réinstallé le certificat ce matin, sans changement.</div>
<div style="font-family: Aptos, sans-serif; font-size: 12pt;"><br></div>
<div style="font-family: Aptos, sans-serif; font-size: 12pt;">Cordialement,<br>Amélie Laurent<br>Direction financière</div>
<div id="appendonsend"></div>
<hr style="display:inline-block;width:98%" tabindex="-1">
<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>De :</b> Sam Agent &lt;support@desk.example.com&gt;<br>
<b>Envoyé :</b> lundi 23 novembre 2026 10:00<br>
<b>À :</b> Amélie Laurent &lt;amelie.laurent@example.net&gt;<br>
<b>Objet :</b> Réf: [hd:w8f3b6d] Accès VPN refusé</font>
<div>&nbsp;</div></div>
<div>Bonjour Amélie,<br><br>Pouvez-vous réinstaller le certificat VPN depuis le portail et réessayer ?<br><br>Sam</div>
</body></html>
"""
    b = "_000_PR3P192MB0714E0C5A9F2B61D3C4E5F6A7B8C9D0EAPR3P192MB0714EURP_"
    mid = "PR3P192MB0714E0C5A9F2B61D3C4E5F6A7B8C9D0EA@PR3P192MB0714.EURP192.PROD.EXAMPLE.NET"
    subject = "RE: Réf: [hd:w8f3b6d] Accès VPN refusé"
    raw = f"""\
Received: from PR3P192MB0714.EURP192.PROD.EXAMPLE.NET (2001:db8::714) by
 mx.desk.example.com (Postfix) with ESMTPS id 4Q7ZN3hEg4z9sVs for
 <support@desk.example.com>; Mon, 23 Nov 2026 11:12:13 +0100 (CET)
From: {bwords("Amélie Laurent", "utf-8")} <amelie.laurent@example.net>
To: Sam Agent <support@desk.example.com>
Subject: {bwords(subject, "utf-8")}
Thread-Topic: {bwords("[hd:w8f3b6d] Accès VPN refusé", "utf-8")}
Thread-Index: AQHbPlW2c3LxYk8dR0mN4qT7vZ1aBc2dE3fG
Date: Mon, 23 Nov 2026 10:12:09 +0000
Message-ID: <{mid}>
References: <hd.w8f3b6d.2@desk.example.com>
In-Reply-To: <hd.w8f3b6d.2@desk.example.com>
Accept-Language: fr-FR, en-US
Content-Language: fr-FR
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
Content-Type: multipart/alternative;
\tboundary="{b}"
MIME-Version: 1.0

--{b}
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

{b64(crlf(plain))}
--{b}
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: base64

{b64(crlf(html))}
--{b}--
"""
    return raw, expect(
        "Amélie Laurent", "amelie.laurent@example.net", "Accès VPN refusé", mid,
        ["hd.w8f3b6d.2@desk.example.com"], ["hd.w8f3b6d.2@desk.example.com"], new_text=new)


@fixture("roundcube-reply-fr")
def roundcube_reply_fr():
    # "Le vidéoprojecteur ... merci !" begins with "Le " but is new text.
    new = """\
Bonjour Sam,

Le vidéoprojecteur fonctionne de nouveau, merci !
Le technicien a remplacé le câble HDMI de la table.

Bonne journée,
Lucie"""
    quote = """\
Le 2026-11-23 10:00, Sam Agent a écrit :
> Bonjour Lucie,
> 
> un technicien passera dans la matinée.
> 
> Sam
"""
    mid = "f3a9c1e7b2d4a6c8e0f1a3b5c7d9e1f2@example.org"
    subject = "Re: [hd:r2s5d8g] Salle de réunion : vidéoprojecteur"
    raw = f"""\
Return-Path: <lucie.bernard@example.org>
Received: from webmail.example.org (webmail.example.org [203.0.113.140])
\tby mx.desk.example.com (Postfix) with ESMTPSA id 4Q7ZP6jFh5z9sVt
\tfor <support@desk.example.com>; Mon, 23 Nov 2026 11:20:16 +0100 (CET)
MIME-Version: 1.0
Date: Mon, 23 Nov 2026 11:20:14 +0100
From: Lucie Bernard <lucie.bernard@example.org>
To: Sam Agent <support@desk.example.com>
Subject: {qwords(subject, first_room=66)}
In-Reply-To: <hd.r2s5d8g.2@desk.example.com>
References: <hd.r2s5d8g.1@desk.example.com>
 <hd.r2s5d8g.2@desk.example.com>
Message-ID: <{mid}>
X-Sender: lucie.bernard@example.org
User-Agent: Roundcube Webmail/1.6.9
Content-Type: text/plain; charset=UTF-8;
 format=flowed
Content-Transfer-Encoding: 8bit

{flowed(new)}

{quote}"""
    return raw, expect(
        "Lucie Bernard", "lucie.bernard@example.org", "Salle de réunion : vidéoprojecteur", mid,
        ["hd.r2s5d8g.2@desk.example.com"],
        ["hd.r2s5d8g.1@desk.example.com", "hd.r2s5d8g.2@desk.example.com"], new_text=new)


# --------------------------------------------------------------------------
# Output


def to_json(obj):
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    # Keep the sidecars readable: escape every invisible or format
    # character (bidi controls, NBSP, U+FFFD stays visible and is kept).
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch != "\n" and (cat in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp")
                           or (cat == "Zs" and ch != " ")):
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return "".join(out) + "\n"


def build():
    for name, crlf_file, fn in FIXTURES:
        raw, exp = fn()
        data = raw if isinstance(raw, bytes) else raw.encode("utf-8")
        assert b"\r" not in data
        if crlf_file:
            data = data.replace(b"\n", b"\r\n")
        yield name, crlf_file, data, exp


def write():
    for name, _crlf, data, exp in build():
        (HERE / f"{name}.eml").write_bytes(data)
        (HERE / f"{name}.expect.json").write_text(to_json(exp), encoding="utf-8")
        print(f"wrote {name}.eml")


# --------------------------------------------------------------------------
# Check: the rules of README.md, written as plainly as possible.

PREFIX = re.compile(r"^(?:(?:re|fwd|fw|aw|wg|sv|antw|réf):\s*|\[hd:[0-9a-z]{7}\]\s*)+",
                    re.IGNORECASE)
TAG = re.compile(r"\s*\[hd:[0-9a-z]{7}\]\s*")


def subject_title(subject):
    s = PREFIX.sub("", subject.strip())
    s = TAG.sub(" ", s)
    return re.sub(r"\s+", " ", s).strip()


ATTRIBUTION = [
    re.compile(r"^On .+ wrote:$"),
    re.compile(r"^Am .+ schrieb .+:$"),
    re.compile(r"^Le .+ a écrit ?:$"),
    re.compile(r"^El .+ escribió:$"),
    re.compile(r"^Em .+ escreveu:$"),
    re.compile(r"^Op .+ schreef .+:$"),
]
HEADER_BLOCK = [
    ("From:", "Sent:"), ("Von:", "Gesendet:"), ("De :", "Envoyé :"),
]


def is_cut(lines, i):
    line = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if line == "-- " or line.startswith(">"):
        return True
    if re.fullmatch(r"-{5}\s*Original Message\s*-{5}", line.strip()):
        return True
    if re.fullmatch(r"-{5,} Forwarded message -{5,}", line.strip()):
        return True
    if re.fullmatch(r"_{10,}", line.strip()) and any(nxt.startswith(h) for h, _ in HEADER_BLOCK):
        return True
    for first, second in HEADER_BLOCK:
        if line.startswith(first) and any(l.startswith(second) for l in lines[i + 1:i + 3]):
            return True
    for pat in ATTRIBUTION:
        if pat.match(line) or (nxt and pat.match(line + " " + nxt)):
            return True
    return False


def trim(text):
    lines = text.split("\n")
    for i in range(len(lines)):
        if is_cut(lines, i):
            lines = lines[:i]
            break
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def unflow(text, delsp=False):
    out, cur, depth = [], None, None
    for line in text.split("\n"):
        d = len(line) - len(line.lstrip(">"))
        body = line[d:]
        if body.startswith(" "):
            body = body[1:]
        soft = body.endswith(" ") and body != "-- "
        if cur is not None and d == depth:
            cur += body
        else:
            if cur is not None:
                out.append(">" * depth + (" " if depth else "") + cur)
            cur, depth = body, d
        if soft:
            if delsp:
                cur = cur[:-1]
            continue
        out.append(">" * depth + (" " if depth else "") + cur)
        cur = None
    if cur is not None:
        out.append(">" * depth + (" " if depth else "") + cur)
    return "\n".join(out)


class HtmlText(html.parser.HTMLParser):
    """<p>, <ul>/<ol>, <h1>-<h6>, <table>, <blockquote> start and end a
    paragraph (one blank line); <div>, <tr> start and end a line; <br> ends
    a line (so <br><br> makes a blank line); <li> is a line "- ...";
    <a href> is its text then " <href>" unless the text is the address or
    the link is mailto:; head, title, style and script are dropped;
    whitespace collapses as in HTML; NBSP is a plain space; lines are
    trimmed, at most one blank line in a row."""

    PARA = {"p", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"}
    LINE = {"div", "tr", "li"}
    SKIP = {"head", "style", "script", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.buf, self.skip, self.href, self.atext = "", 0, None, ""

    def ensure(self, n):
        if not self.buf:
            return
        self.buf = self.buf.rstrip(" ")
        have = len(self.buf) - len(self.buf.rstrip("\n"))
        self.buf += "\n" * max(0, n - have)

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.PARA:
            self.ensure(2)
        elif tag in self.LINE:
            self.ensure(1)
            if tag == "li":
                self.buf += "- "
        elif tag == "br":
            self.buf = self.buf.rstrip(" ") + "\n"
        elif tag == "a":
            self.href, self.atext = dict(attrs).get("href"), ""

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip -= 1
        elif tag in self.PARA:
            self.ensure(2)
        elif tag in self.LINE:
            self.ensure(1)
        elif tag == "a" and self.href is not None:
            if self.href != self.atext.strip() and not self.href.startswith("mailto:"):
                self.buf += f" <{self.href}>"
            self.href = None

    def handle_data(self, data):
        if self.skip:
            return
        data = re.sub(r"[ \t\r\n]+", " ", data.replace("\xa0", " "))
        if not self.buf or self.buf.endswith(("\n", " ")):
            data = data.lstrip(" ")
        self.buf += data
        if self.href is not None:
            self.atext += data

    def text(self):
        lines = [l.strip(" ") for l in self.buf.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def html_text(src):
    p = HtmlText()
    p.feed(src)
    p.close()
    return p.text()


def addr(msg):
    h = msg["Reply-To"] or msg["From"]
    if h is None:
        return None, None
    a = h.addresses[0]
    name = a.display_name
    if not name:  # legacy "addr (Full Name)": the comment is the name
        which = "reply-to" if msg["Reply-To"] else "from"
        raw = [v for k, v in msg.raw_items() if k.lower() == which]
        m = re.search(r"\(([^()]*)\)\s*$", raw[0])
        name = m.group(1) if m else ""
    return name, a.addr_spec


def ids(value):
    return re.findall(r"<([^<>\s]+)>", value or "")


def auto(msg):
    ctype = msg.get_content_type()
    frm = (msg.get("From") or "").lower()
    if (ctype == "multipart/report" and msg.get_param("report-type") == "delivery-status") \
            or (msg.get("Return-Path", "").strip() == "<>" and
                re.search(r"\b(mailer-daemon|postmaster)@", frm)):
        return "bounce"
    a = (msg.get("Auto-Submitted") or "").split("(")[0].strip().lower()
    if a and a != "no":
        return "auto-submitted"
    if msg.get("X-Autoreply") or msg.get("X-Autorespond") or \
            (msg.get("Precedence") or "").strip().lower() == "auto_reply":
        return "autoreply"
    if (msg.get("Precedence") or "").strip().lower() in ("bulk", "list", "junk") \
            or msg.get("List-Unsubscribe") or msg.get("List-Id"):
        return "bulk"
    return None


def attachments(msg):
    found = []

    def walk(part):
        if part.get_content_maintype() == "message":
            return  # a report part, not an attachment
        if part.is_multipart():
            for sub in part.iter_parts():
                walk(sub)
            return
        if part.get_content_disposition() == "attachment" or part.get_filename():
            found.append({"name": part.get_filename(), "type": part.get_content_type(),
                          "size": len(part.get_payload(decode=True))})

    walk(msg)
    return found


def body_text(msg):
    part = msg.get_body(preferencelist=("plain", "html"))
    data = part.get_payload(decode=True)
    charset = part.get_content_charset() or "us-ascii"
    try:
        text = data.decode(charset, "replace")
    except LookupError:
        text = data.decode("utf-8", "replace")
    text = text.replace("\r\n", "\n")
    if part.get_content_subtype() == "html":
        return html_text(text), "html"
    if (part.get_param("format") or "").lower() == "flowed":
        return unflow(text, (part.get_param("delsp") or "").lower() == "yes"), "flowed"
    return text, "plain"


def check():
    failures = 0
    names = set()
    for name, crlf_file, data, exp in build():
        names.add(name)
        problems = []
        eml = HERE / f"{name}.eml"
        if eml.read_bytes() != data:
            problems.append("file differs from what make_fixtures.py writes")
        on_disk = json.loads((HERE / f"{name}.expect.json").read_text(encoding="utf-8"))
        if on_disk != exp:
            problems.append("expect.json differs from what make_fixtures.py writes")
        if crlf_file != (b"\r\n" in data) or (crlf_file and re.search(rb"[^\r]\n", data)):
            problems.append("line endings")

        # From here on only the files on disk count.
        data, exp = eml.read_bytes(), on_disk
        msg = message_from_bytes(data, policy=policy.default)
        got = {}
        got["from_name"], got["from_email"] = addr(msg)
        got["subject_title"] = subject_title(str(msg["Subject"]))
        got["message_id"] = ids(msg.get("Message-ID"))[0]
        got["in_reply_to"] = ids(msg.get("In-Reply-To"))
        got["references"] = ids(msg.get("References"))
        got["auto"] = auto(msg)

        defects = [d for p in msg.walk() for d in p.defects]
        truncated = any(type(d).__name__ in ("CloseBoundaryNotFoundDefect",
                                             "InvalidBase64LengthDefect",
                                             "InvalidBase64PaddingDefect") for d in defects)
        if msg["From"] is None:
            got["error"] = "no-from"
        elif truncated:
            got["error"] = "truncated"
        else:
            got["error"] = None

        if got["error"] is None:
            got["attachments"] = [] if got["auto"] == "bounce" else attachments(msg)
            text, kind = body_text(msg)
            got["new_text"] = trim(text)
            # The hand-written expectation must be the start of the body.
            if not text.startswith(exp["new_text"] or "\0"):
                problems.append(f"new_text is not the start of the decoded {kind} body")
        else:
            got["attachments"], got["new_text"] = [], None
        for key in exp:
            if got[key] != exp[key]:
                problems.append(f"{key}: expected {exp[key]!r}, got {got[key]!r}")
        if defects and got["error"] is None:
            problems.append(f"unexpected defects {defects}")
        status = "ok" if not problems else "FAIL"
        print(f"{status:4} {name}.eml" + ("".join(f"\n     {p}" for p in problems)))
        failures += bool(problems)
    extra = {p.name[:-4] for p in HERE.glob("*.eml")} - names
    for e in sorted(extra):
        print(f"FAIL {e}.eml is not made by make_fixtures.py")
        failures += 1
    return failures


if __name__ == "__main__":
    for tid in re.findall(r"hd[.:]([0-9a-z]{7})", Path(__file__).read_text()):
        assert set(tid) <= CROCKFORD, tid
    if sys.argv[1:] == ["--check"]:
        sys.exit(1 if check() else 0)
    elif sys.argv[1:]:
        sys.exit(__doc__)
    write()
