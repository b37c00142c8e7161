#!/usr/bin/env python3
"""Writes kommunal-it-kalender-2026-06-10.eml, the example mail issue: multipart/alternative with
a quoted-printable text part (no bold markers) and a base64 HTML part (<b>). The issue date is
only in the text and the Date: header. Run it after changing the issue; it writes into issues/ beside it."""
import base64
import os
import quopri

CALENDAR = [
    ("16./17.6., 9.00-17.00, Berlin: ", "Public-IT-Security (PITS)", ""),
    ("18.6., 10.00-15.00, Münster: ", "Anwendertag Finanzwesen", ", citeq, KDN"),
    ("23.6., 13.00-14.00, online: ", "Webinar: OZG-Nachnutzung in der Praxis",
     ", ekom21 (verschoben vom 9.6.)"),
    ("24.6., 9.00-16.00, Siegburg: ", "KDN-Forum Digitale Verwaltung", ", KDN"),
    ("30.6.-2.7., Leipzig: ", "Zukunftskongress Staat & Verwaltung", ""),
    ("7.7., 13.00-14.30, online: ", "Open Source im Rathaus", ", regio iT"),
    ("8./15.7., 10.00-11.00, online: ", "Sprechstunde KI-Verordnung", ", VITAKO"),
    ("22./23.9., Bielefeld: ", "KommDIGITALE 2026", ", DATABUND"),
    ("6.-8.10., Nürnberg: ", "it-sa Expo&Congress", ""),
    ("on demand: ", "Sicher und digital: Zertifikate & Siegel für Verwaltungen",
     ", Bundesdruckerei"),
]
INTRO = ("diese Ausgabe des Beispiel-Rundbriefs kommt als E-Mail mit Text- und HTML-Teil, so wie "
         "ihn viele Redaktionen verschicken.")
NEWS_TITLE = "Musterstadt digitalisiert das Fundbüro"
NEWS = ("Musterstadt nimmt Fundsachen seit dem 1. Juni online auf. Eine Einführung für die "
        "Ortsteile läuft vom 15. bis 19. Juni.")
FOOTER = "Impressum: Beispielredaktion, Musterstraße 1, 12345 Musterstadt"


def html_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_text():
    lines = ["10. Juni 2026", "", "Guten Tag,", "", INTRO, "", NEWS_TITLE, "", NEWS, "",
             "IT-Kalender", ""]
    for head, title, tail in CALENDAR:
        lines += [head + title + tail, ""]
    lines += ["Stellenmarkt", "", "Offene Stellen finden Sie auf den Seiten unserer Mitglieder.",
              "", FOOTER, ""]
    return "\n".join(lines)


def html_text():
    rows = ['<html><head><meta charset="utf-8"><title>Kommunal-IT Rundbrief Juni 2026</title>'
            '</head><body>', '<div class="kopf">10. Juni 2026</div>', "<p>Guten Tag,</p>",
            f"<p>{INTRO}</p>", f"<h3>{NEWS_TITLE}</h3>", f"<p>{NEWS}</p>", "<h2>IT-Kalender</h2>"]
    for head, title, tail in CALENDAR:
        rows.append(f"<p>{html_escape(head)}<b>{html_escape(title)}</b>{html_escape(tail)}</p>")
    rows += ["<h2>Stellenmarkt</h2>",
             "<p>Offene Stellen finden Sie auf den Seiten unserer Mitglieder.</p>",
             f"<p>{FOOTER}</p>", "</body></html>", ""]
    return "\n".join(rows)


def main():
    boundary = "==itkal-example-boundary-0610=="
    plain = quopri.encodestring(plain_text().encode("utf-8")).decode("ascii")
    html = base64.encodebytes(html_text().encode("utf-8")).decode("ascii")
    mail = f"""From: Kommunal-IT Rundbrief <rundbrief@kommunal-it.example>
To: leser@example.org
Subject: Kommunal-IT Rundbrief =?utf-8?b?4oCT?= Juni 2026
Date: Wed, 10 Jun 2026 09:30:00 +0200
Message-ID: <rundbrief-2026-06@kommunal-it.example>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="{boundary}"

This is a multi-part message in MIME format.

--{boundary}
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

{plain}
--{boundary}
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: base64

{html}
--{boundary}--
"""
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "issues",
                          "kommunal-it-kalender-2026-06-10.eml")
    with open(target, "w", encoding="ascii", newline="\r\n") as out:
        out.write(mail)


if __name__ == "__main__":
    main()
