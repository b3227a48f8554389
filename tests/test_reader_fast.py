"""The readers' fast paths (issue 17) give exactly what the plain code they replace gives.

- PPTX: a shape's parts fetched in one XPath union (pptx._parts) are the elements one el.find() per path
  returns (pptx._parts_plain), also when children are missing, repeated or out of schema order; an xfrm's
  off/ext from one pass over its children are what find() returns; and a whole deck read with the fast
  path equals the deck read with the plain one.
- PDF: the plain character-class pre-check never hides a holed word from _HOLE_IN_WORD; the search for
  layers in the file's bytes is done only for PDFs with marked content, and a layered PDF is still read as
  before.
"""

from __future__ import annotations

import dataclasses
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from deckaudit.readers import ReadOptions, pdf, pptx, read_deck
from tests import deckfactory as df
from tests import pdf_fixtures as pf
from tests import pdf_traps as pt
from tests import trapfactory as tf

NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in pptx.NS.items() if k in ("p", "a", "r"))


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """Generated decks covering groups, tables, charts, pictures, SmartArt, notes as text boxes, layout
    taglines, mc:AlternateContent, merged tables and a deep group nesting."""
    d = tmp_path_factory.mktemp("fast")
    rich = df.rich_pptx(d / "rich.pptx")
    basic = df.basic_pptx(d / "basic.pptx", slides=(("Title one", ["alpha", "beta"]), ("Second", ["gamma"])),
                          notes={0: "speaker words"}, pictures={1: ["a logo"]})
    return [
        rich,
        basic,
        df.with_smartart(rich, d / "smartart.pptx"),
        df.notes_as_textbox(basic, d / "notes_box.pptx"),
        df.with_layout_tagline(basic, d / "tagline.pptx"),
        df.hidden_reordered_sectioned(basic, d / "hidden.pptx"),
        df.nested_groups(basic, d / "nested.pptx", 6),
        tf.alternate_content(basic, d / "alternate.pptx"),
        tf.merged_table(d / "merged.pptx"),
    ]


def _paths(found: dict) -> dict:
    return {tag: node.getroottree().getpath(node) for tag, node in found.items()}


def test_shape_parts_equal_the_plain_finds_on_every_shape_of_generated_decks(decks):
    import zipfile

    checked = 0
    for path in decks:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if not (name.startswith("ppt/") and name.endswith(".xml")):
                    continue
                root = etree.fromstring(zf.read(name))
                for kind, tag in (("sp", "sp"), ("notes", "sp"), ("pic", "pic")):
                    for el in root.iter(f"{pptx.P}{tag}"):
                        assert _paths(pptx._parts(el, kind)) == _paths(pptx._parts_plain(el, kind)), (path, name)
                        checked += 1
    assert checked > 100


# Children a shape may have, in any order and number (schema-invalid orders included: hostile or broken files).
_CHILD = st.sampled_from([
    "<p:nvSpPr><p:cNvPr id='1' name='a'/><p:nvPr/></p:nvSpPr>",
    "<p:nvSpPr><p:cNvPr id='2' name='b'/><p:nvPr><p:ph type='title'/></p:nvPr></p:nvSpPr>",
    "<p:nvSpPr><p:nvPr><p:ph idx='3'/><p:ph idx='4'/></p:nvPr><p:cNvPr id='5' name='c'/></p:nvSpPr>",
    "<p:nvPicPr><p:cNvPr id='6' name='pic' descr='x'/></p:nvPicPr>",
    "<p:spPr/>",
    "<p:spPr><a:xfrm><a:off x='1' y='2'/><a:ext cx='3' cy='4'/></a:xfrm></p:spPr>",
    "<p:spPr><a:blipFill/><a:xfrm><a:ext cx='5' cy='6'/></a:xfrm></p:spPr>",
    "<p:xfrm><a:off x='7' y='8'/><a:ext cx='9' cy='9'/></p:xfrm>",
    "<p:txBody><a:p><a:r><a:t>one</a:t></a:r></a:p></p:txBody>",
    "<p:txBody/>",
    "<a:xfrm/>",
    "<p:ph type='body'/>",
])


@settings(max_examples=300, deadline=None)
@given(children=st.lists(_CHILD, max_size=7), kind=st.sampled_from(["sp", "pic", "notes"]))
def test_shape_parts_equal_the_plain_finds_on_any_arrangement_of_children(children, kind):
    el = etree.fromstring(f"<p:sp {NSDECL}>{''.join(children)}</p:sp>")
    assert _paths(pptx._parts(el, kind)) == _paths(pptx._parts_plain(el, kind))


_XFRM_CHILD = st.sampled_from(["<a:off x='1' y='2'/>", "<a:ext cx='3' cy='4'/>", "<a:off x='5' y='6'/>",
                               "<a:ext cx='7' cy='8'/>", "<a:chOff x='0' y='0'/>", "<a:chExt cx='1' cy='1'/>"])


@settings(max_examples=200, deadline=None)
@given(children=st.lists(_XFRM_CHILD, max_size=6))
def test_off_and_ext_in_one_pass_equal_the_finds(children):
    x = etree.fromstring(f"<a:xfrm {NSDECL}>{''.join(children)}</a:xfrm>")
    got = pptx._off_ext(x)
    assert got[0] is x.find(f"{pptx.A}off") and got[1] is x.find(f"{pptx.A}ext")


def test_a_deck_read_with_the_fast_path_equals_the_deck_read_with_the_plain_one(decks, monkeypatch):
    options = (ReadOptions(ocr="never"), ReadOptions(ocr="never", boxes=False))
    fast = [dataclasses.asdict(read_deck(p, o)) for p in decks for o in options]
    monkeypatch.setattr(pptx, "_parts", pptx._parts_plain)
    plain = [dataclasses.asdict(read_deck(p, o)) for p in decks for o in options]
    assert fast == plain


_PAGE_TEXT = st.text(st.sampled_from(list("ab é1 _-\n\r\t") + ["\x1f", "\x02", "\ufffd", "\ue001", "\x7f", "\x85",
                                                                  "\ufffe", "Ω"]), max_size=30)


@settings(max_examples=500, deadline=None)
@given(text=_PAGE_TEXT)
def test_the_hole_pre_check_never_hides_a_holed_word(text):
    plain = pdf._HOLE_IN_WORD.search(text) is not None
    fast = bool(pdf._HAS_HOLE.search(text) and pdf._HOLE_IN_WORD.search(text))
    assert fast == plain


def test_a_pdf_without_marked_content_never_searches_its_bytes_for_layers(tmp_path, monkeypatch):
    calls = []
    real = pdf._may_have_layers
    monkeypatch.setattr(pdf, "_may_have_layers", lambda path: calls.append(path) or real(path))
    plain = pf.write_pdf(tmp_path / "plain.pdf", [pf.text_page("Agenda", "Intro", "Plan")])
    read_deck(plain, ReadOptions(ocr="never"))
    assert calls == []
    layered = pt.hidden_content_pdf(tmp_path / "layered.pdf")
    deck = read_deck(layered, ReadOptions(ocr="never"))
    assert calls == [str(layered)]  # once per document, not per object or page
    assert "Draft note for reviewers" in deck.slides[0].hidden_text  # the layer that is off is still kept apart


# --- bulk asks Tesseract's version without importing pytesseract (numpy, PIL) --------------------------------

@pytest.mark.skipif(os.name == "nt", reason="the stand-in tesseract is a shell script")
@pytest.mark.parametrize("said", ["tesseract 5.3.0\n leptonica-1.82.0\n", "tesseract v4.1.1-rc2-25-g9707\n",
                                  "tesseract 4.0.0-beta.1\n", "tesseract 5.0.0-alpha-20201231\n",
                                  "tesseract 3.05.02\n", "tesseract 3.02.01\n"])
def test_tesseract_version_is_read_as_pytesseract_reads_it(tmp_path, monkeypatch, said):
    import pytesseract

    from deckaudit.readers import ocr

    program = tmp_path / "tesseract"
    program.write_text(f"#!/bin/sh\nprintf '{said}'\n")
    program.chmod(0o755)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(program))
    try:
        theirs = str(pytesseract.get_tesseract_version(cached=False)).split()[0]
    except SystemExit:  # pytesseract exits the process below its minimum version: no OCR for us
        theirs = None
    assert ocr._version_of(str(program)) == theirs


def test_tesseract_version_does_not_import_pytesseract(monkeypatch):
    import subprocess
    import sys

    from deckaudit.readers import ocr

    code = ("import sys; from deckaudit.readers.ocr import tesseract_version; tesseract_version(); "
            "print(sorted(m for m in ('pytesseract', 'numpy', 'PIL') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    if ocr.shutil.which("tesseract"):  # and on a box with Tesseract, the same answer as pytesseract's
        import pytesseract

        monkeypatch.setattr(ocr, "_AVAILABLE", {})
        assert ocr.tesseract_version() == str(pytesseract.get_tesseract_version(cached=False)).split()[0]


def _deck_with_layouts_sharing_a_master(path):
    """Three slides on three layouts of one master, whose own text box (not a placeholder) is boilerplate."""
    from pptx import Presentation

    prs = Presentation()
    for n, layout in enumerate((0, 1, 5)):
        slide = prs.slides.add_slide(prs.slide_layouts[layout])
        slide.shapes.title.text = f"Slide {n} about customers"
    plain = path.with_name("plain-" + path.name)
    prs.save(plain)
    master = "ppt/slideMasters/slideMaster1.xml"
    return df.rewrite_zip(plain, path, edit=lambda name, data: tf._add_to_tree(data, tf._sp(90, "MASTERWORDS"))
                          if name == master else data)


def test_a_master_is_read_once_a_deck_and_gives_what_reading_it_per_layout_gives(tmp_path, monkeypatch):
    from deckaudit.readers import ooxml_safety

    path = _deck_with_layouts_sharing_a_master(tmp_path / "layouts.pptx")
    parsed = []
    real_xml = ooxml_safety.SafeZip.xml
    monkeypatch.setattr(ooxml_safety.SafeZip, "xml", lambda self, name: parsed.append(name) or real_xml(self, name))
    deck = read_deck(path, ReadOptions(ocr="never"))
    masters = [name for name in parsed if "slideMasters/" in name and name.endswith(".xml")]
    assert len(masters) == len(set(masters)) == 1
    assert len({s.layout for s in deck.slides}) == 3
    assert all("MASTERWORDS" in s.boilerplate for s in deck.slides)

    def uncached(self, part):  # the plain path: the master read again for every layout
        root = self.zf.xml(part)
        return self._fixed_text(root), self._placeholders(root)

    monkeypatch.setattr(pptx._Reader, "master", uncached)
    assert dataclasses.asdict(read_deck(path, ReadOptions(ocr="never"))) == dataclasses.asdict(deck)
