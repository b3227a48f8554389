"""`deckaudit text FILE|-` and its reader: plain text, Markdown and email (.eml) as paragraph "slides"."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys

import pytest

from deckaudit.errors import DeckError, FileStatus
from deckaudit.readers import text as reader
from tests.conftest import ROOT

HTML_EMAIL = (
    "Subject: Quick question\nFrom: rep@northwind.example\nTo: dana@acme.example\nMIME-Version: 1.0\n"
    "Content-Type: text/html; charset=utf-8\n\n"
    "<html><head><style>p {color: red}</style></head><body><p>Our world-class platform\noffers seamless integration.</p>"
    "<p>How do your planners handle a late supplier today? You lose days re-planning.</p>"
    "<div class='gmail_quote'>On Mon, Dana wrote:<blockquote>We never plan late</blockquote></div>"
    "<p>Best regards,<br>Sam</p></body></html>\n"
)

MULTIPART = (
    "Subject: Your Q3 re-planning\nFrom: rep@northwind.example\nMIME-Version: 1.0\n"
    'Content-Type: multipart/alternative; boundary="b"\n\n'
    "--b\nContent-Type: text/plain; charset=utf-8\n\n"
    "Hi Dana,\n\nYour planners re-plan the whole week every time a supplier is late, which costs\n"
    "a day of overtime each time.\n\nOn Tue, 4 Jun 2024 at 09:12, Dana Lee <dana@acme.example>\nwrote:\n"
    "> We are fine, thanks.\n\n"
    "--b\nContent-Type: text/html\n\n<p>HTML twin: we we we</p>\n--b--\n"
)


def paragraphs(data: str | bytes, name: str):
    return reader.read_text(data.encode() if isinstance(data, str) else data, name)


def test_html_email_drops_styles_quotes_and_signature():
    deck = paragraphs(HTML_EMAIL, "outreach.eml")
    assert deck.variant == "email" and deck.format == "text"
    texts = [s.text for s in deck.slides]
    assert texts[0] == "Quick question"  # the subject opens the message
    assert "Our world-class platform offers seamless integration." in texts  # HTML line breaks are spaces
    assert not any(w in t for t in texts for w in ("Sam", "never plan late", "color", "wrote"))


def test_multipart_email_prefers_plain_text_and_unwraps_lines():
    deck = paragraphs(MULTIPART, "<stdin>")  # recognised by its headers, not its name
    texts = [s.text for s in deck.slides]
    assert deck.variant == "email" and not any("HTML twin" in t or "We are fine" in t for t in texts)
    assert "every time a supplier is late, which costs a day of overtime each time." in texts[2]


def test_markdown_headings_title_paragraphs_and_markup_is_stripped():
    md = ("---\ntitle: page\n---\n# Why **Northwind**\n\nWe are the [leading](https://x.example) provider.\n\n"
          "More about us.\n\n## Your goals\n- You cut scrap by half\n- Your team ships on time\n\n```\nwe we we\n```\n")
    deck = paragraphs(md, "page.md")
    assert deck.variant == "markdown"
    assert [(s.title, s.text) for s in deck.slides] == [
        ("Why Northwind", "Why Northwind\nWe are the leading provider."),
        ("Why Northwind", "More about us."),
        ("Your goals", "Your goals\nYou cut scrap by half\nYour team ships on time"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_plain_text_encodings(encoding):
    deck = paragraphs("Café owners lose 6 hours a week.\n\nWe fix that.".encode(encoding), "note.txt")
    assert deck.variant == "text" and [s.text for s in deck.slides] == ["Café owners lose 6 hours a week.", "We fix that."]


@pytest.mark.parametrize("data,status", [
    (b"", FileStatus.EMPTY),
    (b"\n \n\t", FileStatus.EMPTY),
    (b"\0\1\2" * 100, FileStatus.UNSUPPORTED),
    (b"Subject: x\nFrom: a@b.c\nContent-Type: image/png\n\n\x89PNG", FileStatus.EMPTY),
    (b"x" * (reader.MAX_BYTES + 1), FileStatus.TOO_LARGE),
])
def test_bad_text_is_a_typed_error(data, status):
    with pytest.raises(DeckError) as err:
        reader.read_text(data, "bad.eml" if data.startswith(b"Subject") else "bad.txt")
    assert err.value.status is status and "\n" not in err.value.reason


def test_email_with_unknown_charset_still_reads():
    raw = b"From: a@b.c\nTo: d@e.f\nSubject: Hi\nContent-Type: text/plain; charset=x-made-up\n\nYou save a day a week.\n"
    assert [s.text for s in paragraphs(raw, "x.eml").slides] == ["Hi", "You save a day a week."]


def test_reader_shape():
    assert reader.accepts(b"hello", "a.txt") and reader.accepts(codecs.BOM_UTF16_LE + b"h\0", "a.txt")
    assert not reader.accepts(b"PK\3\4\0\0", "a.txt")


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "deckaudit", *map(str, args)], capture_output=True, text=True, input=stdin,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


def test_text_command_json_on_email(tmp_path):
    p = tmp_path / "outreach.eml"
    p.write_text(HTML_EMAIL)
    r = run("text", p, "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)["reports"][0]
    assert doc["deck"]["variant"] == "email"
    assert {"self-praise", "feature-statement"} <= {f["kind"] for f in doc["findings"]}
    assert doc["summary"]["metrics"]["we"] >= 1 and doc["summary"]["metrics"]["you"] >= 2
    assert "paragraph" in doc["summary"]["verdict"]


def test_text_command_stdin_table_and_markdown_output(tmp_path):
    r = run("text", "-", "--quiet", stdin="Our platform is the best. We are great.")
    assert r.returncode == 0 and "1 of 1 paragraph is about us" in r.stdout
    r = run("text", "-", "--format", "md", stdin="How do customers experience our brand?\n\nYou lose 6% of orders.")
    assert r.returncode == 0 and "silent-add-on" in r.stdout


def test_text_command_bad_input_is_one_line(tmp_path):
    r = run("text", tmp_path / "missing.txt")
    assert r.returncode == 2 and "not-found" in r.stderr and "Traceback" not in r.stderr
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\0\1\2" * 100)
    r = run("text", binary)
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0 and "unsupported" in r.stderr
    r = run("text", "-", stdin="")
    assert r.returncode == 2 and "<stdin>: empty" in r.stderr


def test_audit_text_reads_no_more_than_the_limit(tmp_path):
    from deckaudit.api import audit_text

    big = tmp_path / "big.txt"
    big.write_bytes(b"We are great.\n\n" * (reader.MAX_BYTES // 15 + 2))
    with pytest.raises(DeckError) as err:
        audit_text(big)
    assert err.value.status is FileStatus.TOO_LARGE and err.value.path == str(big)
    with pytest.raises(DeckError) as err:
        audit_text(tmp_path)
    assert err.value.status is FileStatus.NOT_A_FILE


EMAIL_PARTS = [b"From: a@b.c\n", b"Subject: =?utf-8?b?w6k=?=\n", b"MIME-Version: 1.0\n", b"Content-Transfer-Encoding: base64\n",
               b'Content-Type: multipart/mixed; boundary="x"\n', b"Content-Type: text/html; charset=utf-7\n", b"\n", b"--x\n",
               b"<p>We <blockquote>", b"=?\xff\xfe", b"\x00", b"You save", b"\r\n\r\n", b"--x--\n"]


def test_any_email_shaped_bytes_give_a_deck_or_a_typed_error():
    from hypothesis import HealthCheck, given, settings, strategies as st

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.one_of(st.sampled_from(EMAIL_PARTS), st.binary(max_size=40)), max_size=25), st.booleans())
    def prop(parts, as_eml):
        try:
            deck = reader.read_text(b"".join(parts), "m.eml" if as_eml else "m.txt")
        except DeckError as exc:
            assert exc.reason and "\n" not in exc.reason
        else:
            assert deck.slides and all(s.text.strip() for s in deck.slides)

    prop()


def test_the_sender_domain_names_the_seller():
    assert paragraphs(HTML_EMAIL, "outreach.eml").company == "northwind"
    assert reader.sender_organisation("Sam <sam@sales.northwind.co.uk>") == "northwind"
    assert reader.sender_organisation("someone@gmail.com") == "" and reader.sender_organisation("not an address") == ""
    from deckaudit.api import audit_deck

    report = audit_deck(paragraphs("From: sam@northwind.example\nSubject: Hi\n\nNorthwind helps plants plan.\n", "x.eml"))
    assert "northwind" in report.settings["seller_names"] and report.metrics["we"] == 1


def test_paragraphs_have_no_place_in_a_deck(tmp_path):
    """The first paragraph of an email is no cover, the last no closing slide: no position evidence."""
    from deckaudit.api import audit_text

    src = tmp_path / "pitch.txt"
    src.write_text("Your finance team spends ten days closing the books every month, and errors slip through.\n\n"
                   "We are a leading provider of finance automation, founded in 2004 with 300 staff.\n\n"
                   "Thanks, and talk soon.\n")
    report = audit_text(src)
    verdicts = [s.verdict for s in report.slides]
    for v in verdicts:
        assert not any(e.feature.startswith("position") for e in v.evidence), v.evidence
    assert verdicts[0].tag.value == "about-customer"
    assert verdicts[1].tag.value == "about-us"
