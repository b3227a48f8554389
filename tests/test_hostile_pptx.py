"""PPTX traps that get past byte-level checks: DTDs in UTF-16 parts, junk in well-formed XML, relationships
that point where they should not, and zips that are Office files but not decks."""

from __future__ import annotations

import math
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckaudit.errors import DeckError, FileStatus
from deckaudit.readers import read_deck
from deckaudit.readers.ooxml_safety import as_utf8, parse_xml
from tests import deckfactory as df


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return df.basic_pptx(tmp_path_factory.mktemp("hostile_pptx") / "base.pptx",
                         slides=[("Our platform", ["our modules"]), ("Your goals", ["you grow"])],
                         pictures={1: ["company logo"]})


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    return df.rich_pptx(tmp_path_factory.mktemp("hostile_rich") / "rich.pptx")


def utf16_part(xml: bytes, doctype: str = "", replace: tuple[str, str] = ("", "")) -> bytes:
    """The same part re-encoded as UTF-16 (BOM + declaration), optionally with a DTD and an edit."""
    body = xml.decode("utf-8").split("?>", 1)[1] if xml.startswith(b"<?xml") else xml.decode("utf-8")
    if replace[0]:
        body = body.replace(*replace)
    return ('<?xml version="1.0" encoding="UTF-16" standalone="yes"?>' + doctype + body).encode("utf-16")


def error_of(path) -> DeckError:
    with pytest.raises(DeckError) as info:
        read_deck(path)
    return info.value


def test_a_utf16_part_without_dtd_is_read(base, tmp_path):
    deck = read_deck(df.with_slide_xml(base, tmp_path / "u16.pptx", utf16_part))
    assert deck.slides[0].title == "Our platform"
    assert "our modules" in deck.slides[0].text


def test_a_utf16_external_entity_is_refused_and_leaks_nothing(base, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRETCONTENT-9c1f")
    doctype = f'<!DOCTYPE p:sld [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    path = df.with_slide_xml(base, tmp_path / "xxe16.pptx",
                             lambda x: utf16_part(x, doctype, ("our modules", "our modules &xxe;")))
    exc = error_of(path)
    assert exc.status is FileStatus.UNSAFE
    assert "SECRETCONTENT" not in str(exc)


def test_utf16_billion_laughs_is_refused(base, tmp_path):
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path = df.with_slide_xml(base, tmp_path / "laughs16.pptx",
                             lambda x: utf16_part(x, f"<!DOCTYPE p:sld [{entities}]>", ("our modules", "&l9;")))
    assert error_of(path).status is FileStatus.UNSAFE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded_for_the_dtd_check(encoding):
    data = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>'.encode(encoding)
    assert b"<!DOCTYPE" in as_utf8(data)
    with pytest.raises(DeckError) as info:
        parse_xml(data, "part.xml")
    assert info.value.status is FileStatus.UNSAFE


def test_utf8_parts_pass_through_unchanged():
    data = b'<?xml version="1.0" encoding="UTF-8"?><r>x</r>'
    assert as_utf8(data) is data


JUNK_GEOMETRY = [
    ("ppt/presentation.xml", rb'<p:sldSz cx="\d+"', b'<p:sldSz cx="wide"'),
    ("ppt/presentation.xml", rb'<p:sldSz cx="\d+"', b'<p:sldSz cx="0"'),
    ("ppt/slides/slide1.xml", rb'<a:off x="\d+"', b'<a:off x=""'),
    ("ppt/slides/slide1.xml", rb'<a:ext cx="\d+"', b'<a:ext cx="nan"'),
    ("ppt/slides/slide1.xml", rb'<a:ext cx="\d+"', b'<a:ext cx="1e999"'),
]


@pytest.mark.parametrize("part,pattern,junk", JUNK_GEOMETRY)
def test_junk_geometry_leaves_the_text_readable(base, tmp_path, part, pattern, junk):
    def edit(name, data):
        if name != part:
            return data
        changed = re.sub(pattern, junk, data, count=1)
        assert changed != data, "the fixture no longer has the attribute this test breaks"
        return changed

    deck = read_deck(df.rewrite_zip(base, tmp_path / "junk.pptx", edit))
    assert deck.slides[0].title == "Our platform"
    assert math.isfinite(deck.aspect) and deck.aspect > 0
    assert all(0.0 <= s.picture_area <= 1.0 for s in deck.slides)


def test_junk_group_transform_and_font_size(rich, tmp_path):
    def edit(name, data):
        if name != "ppt/slides/slide1.xml":
            return data
        changed = re.sub(rb'<a:chExt cx="\d+"', b'<a:chExt cx="/"', data, count=1)
        changed = re.sub(rb'<a:chOff x="\d+"', b'<a:chOff x="rId9"', changed, count=1)
        junk_size = '<a:r><a:rPr sz="\u00b2"/><a:t>BOXFIRST'.encode()  # '²'.isdigit() is True
        changed = changed.replace(b"<a:r><a:t>BOXFIRST", junk_size, 1)
        assert changed.count(b'"/"') and changed.count(b'"rId9"') and changed.count('"\u00b2"'.encode())
        return changed

    deck = read_deck(df.rewrite_zip(rich, tmp_path / "junkgroup.pptx", edit))
    assert "deepest words" in deck.slides[0].text


def test_a_slide_relationship_into_media_is_an_unreadable_slide_not_our_bug(base, tmp_path):
    def edit(name, data):
        if name == "ppt/_rels/presentation.xml.rels":
            return data.replace(b'Target="slides/slide1.xml"', b'Target="media/image1.png"')
        return data

    assert "ppt/media/image1.png" in zipfile.ZipFile(base).namelist()
    deck = read_deck(df.rewrite_zip(base, tmp_path / "relmedia.pptx", edit))
    # slide 1 is a picture, not slide XML: that slide is named and not read; the rest of the deck is
    assert deck.slides[0].status.value == "unreadable"
    assert any("slide 1 could not be read" in w and "media" in w for w in deck.warnings)
    assert all(s.status.value != "unreadable" for s in deck.slides[1:])


WORD_TYPES = b"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="pptx" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""
WORD_RELS = b"""<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/></Relationships>"""
WORD_DOC = b"""<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>hello</w:t></w:r></w:p></w:body></w:document>"""


def test_a_word_file_that_embeds_a_deck_is_not_a_deck(base, tmp_path):
    path = tmp_path / "report.pptx"  # named like a deck on purpose
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", WORD_TYPES)
        zf.writestr("_rels/.rels", WORD_RELS)
        zf.writestr("word/document.xml", WORD_DOC)
        zf.writestr("word/embeddings/deck.pptx", base.read_bytes())
    exc = error_of(path)
    assert exc.status is FileStatus.UNSUPPORTED and "not a PowerPoint deck" in exc.reason


_ATTRIBUTE = re.compile(rb'(\s[\w:]+=")([^"]*)(")')
JUNK_VALUES = st.sampled_from(["", "x", "-1", "nan", "inf", "1e999", "99999999999999999999", "\u00b2", "/", "../..",
                               "rId999", "0", "true"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(part=st.sampled_from(["ppt/presentation.xml", "ppt/slides/slide1.xml", "ppt/slides/_rels/slide1.xml.rels",
                             "ppt/slideLayouts/slideLayout2.xml"]),
       edits=st.lists(st.tuples(st.integers(0, 10**4), JUNK_VALUES), min_size=1, max_size=6))
def test_junk_attribute_values_give_a_deck_or_a_typed_error(base, tmp_path, part, edits):
    """Well-formed XML with nonsense values: what byte flipping rarely reaches (it breaks the XML first)."""
    def edit(name, data):
        if name != part:
            return data
        for position, junk in edits:
            spots = list(_ATTRIBUTE.finditer(data))
            m = spots[position % len(spots)]
            data = data[:m.start(2)] + junk.encode() + data[m.end(2):]
        return data

    path = df.rewrite_zip(base, tmp_path / "attrs.pptx", edit)
    try:
        deck = read_deck(path)
    except DeckError as exc:
        assert "\n" not in str(exc)
    else:
        assert all(0.0 <= s.picture_area <= 1.0 for s in deck.slides)
