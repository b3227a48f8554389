"""The PPTX reader's two zip shortcuts keep zipfile's answers: read_member() returns exactly what
zipfile.read() does or declines (None) so zipfile decides, and the zip PptxReader.accepts() opened travels
to read() in its Sniff and is used only while it is still the same file."""

from __future__ import annotations

import os
import struct
import threading
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckaudit.readers import ReadOptions, ooxml_safety, pptx, read_deck, sniff_file
from deckaudit.readers.ooxml_safety import open_zip, peek_zip, read_member
from tests import deckfactory as df


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    return df.rich_pptx(tmp_path_factory.mktemp("zipfast") / "rich.pptx")


def test_read_member_matches_zipfile_on_every_member_of_a_deck(deck):
    with zipfile.ZipFile(deck) as zf:
        infos = zf.infolist()
        assert {i.compress_type for i in infos} >= {zipfile.ZIP_DEFLATED}
        for info in infos:
            assert read_member(zf, info) == zf.read(info), info.filename


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(members=st.lists(st.tuples(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]),
                                  st.binary(max_size=3000)), min_size=1, max_size=5),
       utf8=st.booleans())
def test_read_member_matches_zipfile_on_any_stored_or_deflated_member(tmp_path, members, utf8):
    path = tmp_path / "any.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for n, (method, data) in enumerate(members):
            zf.writestr(f"p/{'é' if utf8 else 'e'}{n}.xml", data, compress_type=method)
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            assert read_member(zf, info) == zf.read(info)


def _one_member_zip(path, data=b"<a>hello hello hello</a>" * 20):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("ppt/x.xml", data)
    return path


def _patch(path, offset, new: bytes):
    raw = bytearray(path.read_bytes())
    raw[offset:offset + len(new)] = new
    path.write_bytes(bytes(raw))


def test_read_member_declines_a_wrong_crc_and_zipfile_then_refuses_it(tmp_path):
    path = _one_member_zip(tmp_path / "crc.zip")
    with zipfile.ZipFile(path) as zf:
        info = zf.infolist()[0]
        info.CRC ^= 1
        assert read_member(zf, info) is None
        with pytest.raises(zipfile.BadZipFile):
            zf.read(info)


def test_read_member_declines_a_local_header_naming_another_member(tmp_path):
    path = _one_member_zip(tmp_path / "name.zip")
    raw = path.read_bytes()
    _patch(path, 30, b"ppt/y")  # the local header's name; the directory still says ppt/x.xml
    assert path.read_bytes() != raw
    with zipfile.ZipFile(path) as zf:
        assert read_member(zf, zf.infolist()[0]) is None


def test_read_member_declines_encrypted_members_and_sizes_that_lie(tmp_path):
    path = _one_member_zip(tmp_path / "flags.zip")
    with zipfile.ZipFile(path) as zf:
        info = zf.infolist()[0]
        info.flag_bits |= 0x01
        assert read_member(zf, info) is None
    with zipfile.ZipFile(path) as zf:
        info = zf.infolist()[0]
        info.file_size -= 1  # inflates to one byte more than declared
        assert read_member(zf, info) is None


def test_a_damaged_slide_part_is_named_with_a_reason(tmp_path, deck):
    """read_member declines damaged bytes and zipfile, reading them after it, names the damage."""
    bad = tmp_path / "bad.pptx"
    raw = bytearray(deck.read_bytes())
    with zipfile.ZipFile(deck) as zf:
        info = zf.getinfo("ppt/slides/slide1.xml")
    assert info.compress_type == zipfile.ZIP_DEFLATED
    body = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[body + 5] ^= 0xFF
    bad.write_bytes(bytes(raw))
    with zipfile.ZipFile(bad) as zf:
        assert read_member(zf, zf.getinfo(info.filename)) is None
    got = read_deck(bad)  # that slide is named as unreadable, with the damage; the other slides are read
    assert got.slides[0].status.value == "unreadable"
    assert any("slide 1 could not be read" in w and "slide1.xml" in w for w in got.warnings), got.warnings


def test_accepts_hands_its_open_zip_to_read_in_the_sniff(deck):
    reader = pptx.PptxReader()
    found = reader.accepts(deck.read_bytes()[:8], str(deck))
    kept = found.handle
    assert kept is not None and kept.fp is not None
    opened = []
    real = ooxml_safety.SafeZip.__init__

    def spy(self, zf, *args, **kwargs):
        opened.append(zf)
        real(self, zf, *args, **kwargs)

    ooxml_safety.SafeZip.__init__ = spy
    try:
        assert reader.read(str(deck), ReadOptions(), found).slides
    finally:
        ooxml_safety.SafeZip.__init__ = real
    assert opened == [kept]  # the directory was not parsed a second time
    assert found.handle is None and kept.fp is None  # taken over, then closed with the SafeZip


def test_a_file_replaced_between_accepts_and_read_is_opened_afresh(tmp_path, deck):
    path = tmp_path / "swap.pptx"
    path.write_bytes(deck.read_bytes())
    reader = pptx.PptxReader()
    found = reader.accepts(path.read_bytes()[:8], str(path))
    kept = found.handle
    other = df.basic_pptx(tmp_path / "other.pptx", slides=[("Completely other deck", ["your goals"])])
    os.replace(other, path)
    assert [s.title for s in reader.read(str(path), ReadOptions(), found).slides] == ["Completely other deck"]
    assert kept.fp is None


def test_a_peek_for_another_path_is_closed_not_used(tmp_path, deck):
    kept, identity = peek_zip(str(deck))
    other = df.basic_pptx(tmp_path / "o.pptx")
    with open_zip(str(other), zf=kept, identity=identity) as safe:
        assert safe.zf is not kept
    assert kept.fp is None


def test_zips_that_are_not_decks_leave_nothing_open(tmp_path, monkeypatch):
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<Types><Default ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
    peeked = []

    def spy(p):
        zf, identity = ooxml_safety.peek_zip(p)
        peeked.append(zf)
        return zf, identity

    monkeypatch.setattr(pptx, "peek_zip", spy)
    assert pptx.PptxReader().accepts(path.read_bytes()[:8], str(path)) is None
    assert sniff_file(str(path)) is None
    assert peeked and all(zf.fp is None for zf in peeked)


def test_an_unread_sniff_closes_its_zip(deck):
    with pptx.PptxReader().accepts(deck.read_bytes()[:8], str(deck)) as found:
        kept = found.handle
    assert kept.fp is None


def test_each_thread_keeps_its_own_peek(tmp_path, deck):
    """Threads auditing different decks do not take over or close each other's zip."""
    paths = []
    for n in range(6):
        p = tmp_path / f"t{n}.pptx"
        df.basic_pptx(p, slides=[(f"Deck {n}", [f"bullet {n}"])])
        paths.append(p)
    results, barrier = {}, threading.Barrier(len(paths))

    def run(p):
        barrier.wait()
        for _ in range(20):
            results[p] = read_deck(p).slides[0].title

    threads = [threading.Thread(target=run, args=(p,)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {p: f"Deck {n}" for n, p in enumerate(paths)}


def test_read_member_needs_no_private_zipfile_state(deck):
    """read_member reads through a handle of its own (public API only): zipfile's private lock and file
    object are not used, and the bytes are still exactly zipfile's."""

    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError(f"read_member used zipfile's private state ({name})")

        def __enter__(self):
            raise AssertionError("read_member took zipfile's private lock")

        def __exit__(self, *exc):
            return False

    with zipfile.ZipFile(deck) as zf:
        expected = {i.filename: zf.read(i) for i in zf.infolist()}
        fp, lock = zf.fp, zf._lock
        zf.fp, zf._lock = Untouchable(), Untouchable()
        try:
            got = {i.filename: read_member(zf, i) for i in zf.infolist()}
        finally:
            zf.fp, zf._lock = fp, lock
    assert got == expected
