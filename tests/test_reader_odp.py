"""The OpenDocument Presentation reader: the same Deck facts as PPTX from generated .odp files (tests/odpfactory.py),
the same safety pre-flight, and (when LibreOffice is installed) agreement with the PPTX reader on a converted deck."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest

from deckaudit.errors import DeckError, FileStatus, SlideStatus
from deckaudit.readers import ReadOptions, read_deck
from tests import deckfactory as df
from tests import odpfactory as of


@pytest.fixture(scope="module")
def odp(tmp_path_factory):
    return of.full_odp(tmp_path_factory.mktemp("odp") / "full.odp")


@pytest.fixture(scope="module")
def deck(odp):
    return read_deck(odp)


def _error(path, options=None) -> DeckError:
    with pytest.raises(DeckError) as err:
        read_deck(path, options)
    assert "\n" not in str(err.value)
    return err.value


def test_order_titles_and_deck_fields(deck):
    assert (deck.format, deck.variant, deck.engine) == ("odp", "odp", "lxml")
    assert [s.title for s in deck.slides] == ["Our platform", "Your goals", "Numbers", "Customer logos",
                                              "Secret appendix", "Revenue chart"]
    assert [s.index for s in deck.slides] == [1, 2, 3, 4, 5, 6]
    assert (deck.title, deck.author) == ("Quarterly pitch", "Dana Seller")
    assert deck.aspect == pytest.approx(28 / 15.75)


def test_text_with_odf_spacing_and_without_comments(deck):
    s = deck.slides[0]
    assert s.text.splitlines()[:3] == ["Our platform", "our modules", "our roadmap"]
    assert "Our platform  saves\ttime\nsecond line" in s.text
    assert "COMMENTNOTREAD" not in s.text


def test_notes_apart_and_optional(odp, deck):
    assert deck.slides[0].notes == "Say hello first" and "Say hello" not in deck.slides[0].text
    assert read_deck(odp, ReadOptions(notes=False)).slides[0].notes == ""


def test_groups_to_any_depth(deck):
    assert "Grouped shape words" in deck.slides[1].text and "Nested group words" in deck.slides[1].text


def test_table_merged_cells_once_and_covered_cells_skipped(deck):
    text = deck.slides[2].text
    assert "COVERED" not in text
    lines = text.splitlines()
    assert "Spanning header" in lines and "Tall cell | r1c1 | r1c2" in lines and "r2c1 | r2c2" in lines
    assert any(b.kind == "table" for b in deck.slides[2].boxes)


def test_pictures_area_and_alt_text(deck):
    s = deck.slides[3]
    assert s.pictures == 1 and s.alt_texts == ["customer logo wall"]
    assert s.picture_area == pytest.approx(0.5, abs=0.01)  # 14 of 28 cm wide, full height
    assert deck.slides[0].pictures == 0


def test_hidden_slide_from_its_drawing_page_style(deck):
    hidden = deck.slides[4]
    assert hidden.hidden and hidden.status is SlideStatus.HIDDEN
    assert not deck.slides[0].hidden and deck.slides[0].status is SlideStatus.OK


def test_layout_name_and_master_text_as_boilerplate(deck):
    assert deck.slides[0].layout == "Title and Content"
    assert deck.slides[0].boilerplate == "ACME template tagline"
    assert "ACME" not in deck.slides[0].text


def test_chart_object_title_series_and_categories_not_its_preview_picture(deck):
    s = deck.slides[5]
    for word in ("Revenuechart title", "Bookingsseries", "Renewalsseries", "Northregion", "Southregion"):
        assert word in s.text
    assert s.pictures == 0


def test_boxes_are_fractions_of_the_page(deck):
    title_box = next(b for b in deck.slides[0].boxes if b.text == "Our platform")
    assert (title_box.x, title_box.w) == (pytest.approx(1 / 28), pytest.approx(26 / 28))


def test_template_variant_and_a_misnamed_odp_is_sniffed(tmp_path):
    otp = of.write_odp(tmp_path / "t.otp", [of.page(of.title("Template"), of.outline("x words"))],
                       mime=b"application/vnd.oasis.opendocument.presentation-template")
    assert read_deck(otp).variant == "otp"
    odd = of.write_odp(tmp_path / "export.bin", [of.page(of.title("Misnamed"), of.outline("x words"))])
    assert read_deck(odd).slides[0].title == "Misnamed"


def test_mimetype_not_first_is_still_read_when_named_odp(tmp_path):
    p = of.write_odp(tmp_path / "late.odp", [of.page(of.title("Late mimetype"), of.outline("words"))],
                     mimetype_first=False)
    assert read_deck(p).slides[0].title == "Late mimetype"


# --- refused, each with a typed one-line reason -------------------------------------------------------------

def test_odp_with_a_dtd_is_unsafe(tmp_path):
    evil = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">&e;'
            b"</office:document-content>")
    p = of.write_odp(tmp_path / "dtd.odp", [])
    p = df.rewrite_zip(p, tmp_path / "dtd2.odp", lambda n, d: evil if n == "content.xml" else d)
    err = _error(p)
    assert err.status is FileStatus.UNSAFE and "root:" not in str(err)


def test_too_many_entries_and_slides(tmp_path):
    from deckaudit.readers.ooxml_safety import Limits

    p = of.write_odp(tmp_path / "many.odp", [of.page(of.title(f"S{i}"), of.outline("w")) for i in range(30)])
    assert _error(p, ReadOptions(max_slides=10)).status is FileStatus.TOO_LARGE
    assert _error(p, ReadOptions(limits=Limits(max_entries=3))).status is FileStatus.TOO_LARGE


def test_password_protected_odp(tmp_path):
    p = of.write_odp(tmp_path / "locked.odp", [of.page(of.title("x"))], encrypted=True)
    err = _error(p)
    assert err.status is FileStatus.ENCRYPTED and "password" in err.reason


def test_an_odf_text_document_named_odp_is_not_a_presentation(tmp_path):
    p = of.write_odp(tmp_path / "letter.odp", [], mime=b"application/vnd.oasis.opendocument.text")
    err = _error(p)
    assert err.status is FileStatus.UNSUPPORTED and "text" in err.reason


def test_empty_and_truncated_odp(tmp_path):
    assert _error(of.write_odp(tmp_path / "none.odp", [])).status is FileStatus.EMPTY
    blank = of.write_odp(tmp_path / "blank.odp", [of.page(), of.page()])
    assert _error(blank).status is FileStatus.EMPTY
    full = of.full_odp(tmp_path / "f.odp")
    cut = tmp_path / "cut.odp"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    assert _error(cut).status is FileStatus.CORRUPT


def test_odp_pictures_are_never_read(tmp_path, monkeypatch):
    from deckaudit.readers import ooxml_safety

    read_names = []
    real = ooxml_safety.SafeZip.read

    def spy(self, name):
        read_names.append(name)
        return real(self, name)

    monkeypatch.setattr(ooxml_safety.SafeZip, "read", spy)
    read_deck(of.full_odp(tmp_path / "f.odp"))
    assert read_names and not any(n.startswith(("Pictures/", "ObjectReplacements/")) for n in read_names)


# --- against LibreOffice's own .odp ------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_odp_gives_the_same_slides_as_the_pptx(tmp_path):
    src = df.basic_pptx(tmp_path / "deck.pptx",
                        slides=[("Our platform", ["our modules", "our roadmap"]), ("Your goals", ["you grow"])],
                        notes={1: "first notes"}, pictures={2: ["company logo"]})
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "odp", "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=180)
    odp = out / "deck.odp"
    with zipfile.ZipFile(odp) as z:
        assert z.read("mimetype") == of.MIME
    ours, theirs = read_deck(odp), read_deck(src)
    assert [s.title for s in ours.slides] == [s.title for s in theirs.slides]
    assert [set(s.text.split()) for s in ours.slides] == [set(s.text.split()) for s in theirs.slides]
    assert ours.slides[0].notes == "first notes"
    assert ours.slides[1].pictures == 1 and ours.slides[1].alt_texts
    assert ours.slides[1].picture_area == pytest.approx(theirs.slides[1].picture_area, abs=0.02)


# --- fuzzing: whatever the bytes, a Deck or a typed one-line error ---------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.test_hostile import _mutate  # noqa: E402
from tests.test_hostile_pptx import _ATTRIBUTE, JUNK_VALUES  # noqa: E402

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _deck_or_typed_error(path):
    try:
        deck = read_deck(path)
    except DeckError as exc:
        assert exc.status in FileStatus and "\n" not in str(exc)
    else:
        assert all(0.0 <= s.picture_area <= 1.0 and s.pictures >= 0 for s in deck.slides)


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=12),
       cut=st.one_of(st.none(), st.integers(0, 10**6)))
def test_fuzz_odp_bytes(odp, tmp_path, flips, cut):
    p = tmp_path / "fuzz.odp"
    p.write_bytes(_mutate(odp.read_bytes(), flips, cut))
    _deck_or_typed_error(p)


@FUZZ
@given(part=st.sampled_from(["content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml", "mimetype",
                             "Object 1/content.xml"]),
       payload=st.binary(max_size=300))
def test_fuzz_odp_parts(odp, tmp_path, part, payload):
    _deck_or_typed_error(df.rewrite_zip(odp, tmp_path / "part.odp", lambda n, d: payload if n == part else d))


@FUZZ
@given(part=st.sampled_from(["content.xml", "styles.xml", "Object 1/content.xml"]),
       edits=st.lists(st.tuples(st.integers(0, 10**4), JUNK_VALUES), min_size=1, max_size=6))
def test_junk_odf_attribute_values_give_a_deck_or_a_typed_error(odp, tmp_path, part, edits):
    def edit(name, data):
        if name != part:
            return data
        for position, junk in edits:
            spots = list(_ATTRIBUTE.finditer(data))
            m = spots[position % len(spots)]
            data = data[:m.start(2)] + junk.encode() + data[m.end(2):]
        return data

    _deck_or_typed_error(df.rewrite_zip(odp, tmp_path / "attrs.odp", edit))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_odp_of_groups_tables_charts_and_pictures_matches_the_pptx(tmp_path):
    src = df.rich_pptx(tmp_path / "rich.pptx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "odp", "--outdir", str(tmp_path / "out"), str(src)], check=True, capture_output=True, timeout=180)
    ours, theirs = read_deck(tmp_path / "out" / "rich.odp"), read_deck(src)
    facts = lambda d: [(s.title, s.text, s.pictures, round(s.picture_area, 2), s.alt_texts) for s in d.slides]  # noqa: E731
    assert facts(ours) == facts(theirs)
