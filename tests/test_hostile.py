"""Hostile files: bounded memory and time, no local file leaks, typed one-line errors, and fuzzing.

The bounds are asserted on a `deckaudit review` subprocess, as a user would run it. Timing bounds are
hang guards (generous), not performance targets: those live in benchmarks/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckaudit.errors import DeckError, FileStatus
from deckaudit.readers import ReadOptions, read_deck
from tests import deckfactory as df
from tests.conftest import ROOT

HANG_GUARD = 60  # seconds; every file must be answered well within this


def review(path, *extra) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run `deckaudit review` in a child process; return it, its wall time and its peak RSS in MiB.

    The peak is the child's own VmHWM: getrusage's ru_maxrss survives fork+exec, so in a child of a big
    pytest process it reports the parent's size, not the review's."""
    code = (
        "import runpy, sys\n"
        "sys.argv = ['deckaudit'] + sys.argv[1:]\n"
        "try:\n"
        "    runpy.run_module('deckaudit', run_name='__main__')\n"
        "finally:\n"
        "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
        "    sys.stderr.write('\\nPEAK_KIB=%s\\n' % hwm)\n"
    )
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code, "review", str(path), *extra], capture_output=True, text=True,
                       cwd=ROOT, timeout=HANG_GUARD, env={**os.environ, "PYTHONPATH": str(ROOT)})
    elapsed = time.perf_counter() - t
    peak = int(r.stderr.rsplit("PEAK_KIB=", 1)[1].split()[0]) // 1024
    r.stderr = r.stderr.rsplit("\nPEAK_KIB=", 1)[0]
    return r, elapsed, peak


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return df.basic_pptx(tmp_path_factory.mktemp("hostile") / "base.pptx",
                         slides=[("Our platform", ["our modules"]), ("Your goals", ["you grow"])])


@pytest.fixture(scope="module")
def bomb(base, tmp_path_factory):
    return df.zip_bomb(base, tmp_path_factory.mktemp("bomb") / "bomb.pptx")


def test_zip_bomb_is_refused_in_little_memory(bomb):
    assert bomb.stat().st_size < 5 * 1024**2  # a small file ...
    with zipfile.ZipFile(bomb) as z:
        assert z.getinfo("ppt/media/bomb.bin").file_size == 1024**3  # ... that claims 1 GiB
    r, elapsed, peak = review(bomb)
    assert r.returncode == 2 and "too-large" in r.stderr and "zip bomb" in r.stderr
    assert "Traceback" not in r.stderr
    assert peak < 150, f"peak RSS {peak} MiB"
    assert elapsed < HANG_GUARD


def test_odp_zip_bomb_is_refused_like_a_pptx_one(tmp_path):
    from tests import odpfactory

    bomb = odpfactory.zip_bomb(tmp_path / "bomb.odp")
    assert bomb.stat().st_size < 5 * 1024**2
    r, elapsed, peak = review(bomb)
    assert r.returncode == 2 and "too-large" in r.stderr and "zip bomb" in r.stderr
    assert "Traceback" not in r.stderr
    assert peak < 150, f"peak RSS {peak} MiB"
    assert elapsed < HANG_GUARD


def test_large_media_is_never_read(base, tmp_path):
    deck = df.big_media(base, tmp_path / "video.pptx")
    r, _, peak = review(deck, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert peak < 150, f"peak RSS {peak} MiB: the 200 MiB video was read"


def test_external_entity_leaks_nothing(base, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CONTENT-1234")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE p:sld [<!ENTITY xxe SYSTEM "file://{secret}">]>').encode()

    def inject(data: bytes) -> bytes:
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        return xxe + body.replace(b"Our platform", b"Our &xxe; platform")

    deck = df.with_slide_xml(base, tmp_path / "xxe.pptx", inject)
    for fmt in ("json", "table", "csv", "md"):
        r, _, _ = review(deck, "--format", fmt)
        assert "TOPSECRET" not in r.stdout + r.stderr
        assert r.returncode == 2 and "unsafe" in r.stderr


def test_billion_laughs_is_refused(base, tmp_path):
    lol = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    ) + b"]>"

    def inject(data: bytes) -> bytes:
        body = data.split(b"?>", 1)[1]
        return lol + body.replace(b"Our platform", b"&lol9;")

    deck = df.with_slide_xml(base, tmp_path / "lol.pptx", inject)
    r, elapsed, peak = review(deck)
    assert r.returncode == 2 and "unsafe" in r.stderr
    assert peak < 150 and elapsed < HANG_GUARD


def test_deeply_nested_groups(base, tmp_path):
    deck = read_deck(df.nested_groups(base, tmp_path / "deep.pptx", depth=60))
    assert "DEEPTEXT" in deck.slides[0].text


def test_five_thousand_slides(base, tmp_path):
    big = df.many_slides(base, tmp_path / "big.pptx", 5000)
    t = time.perf_counter()
    deck = read_deck(big)
    assert len(deck) == 5000 and deck.slides[-1].title == "Our platform"
    assert time.perf_counter() - t < HANG_GUARD
    with pytest.raises(DeckError) as err:
        read_deck(big, ReadOptions(max_slides=1000))
    assert err.value.status is FileStatus.TOO_LARGE


def test_external_relationships_are_not_followed(base, tmp_path):
    rel = (b'<Relationship Id="rIdExt" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           b'notesSlide" Target="http://127.0.0.1:9/notes.xml" TargetMode="External"/>')
    deck = df.rewrite_zip(base, tmp_path / "ext.pptx", lambda n, d: d.replace(b"</Relationships>", rel + b"</Relationships>")
                          if n == "ppt/slides/_rels/slide2.xml.rels" else d)
    assert read_deck(deck).slides[1].notes == ""


def test_unsupported_zip_version_found_by_atheris(base, tmp_path):
    """atheris: a 'version needed to extract' of 24.4 made zipfile raise NotImplementedError."""
    data = bytearray(base.read_bytes())
    cd = data.index(b"PK\x01\x02")  # the first central directory header
    data[cd + 6 : cd + 8] = (244).to_bytes(2, "little")
    p = tmp_path / "version.pptx"
    p.write_bytes(bytes(data))
    with pytest.raises(DeckError) as err:
        read_deck(p)
    assert err.value.status is FileStatus.CORRUPT


# --- fuzzing: whatever the bytes, a Deck or a DeckError, nothing else -----------------------------------

def _mutate(data: bytes, flips: list[tuple[int, int]], cut: int | None) -> bytes:
    buf = bytearray(data)
    for pos, val in flips:
        buf[pos % len(buf)] = val
    if cut is not None:
        buf = buf[: max(1, cut % len(buf))]
    return bytes(buf)


def _read_or_typed_error(path):
    try:
        read_deck(path)
    except DeckError as exc:
        assert exc.status in FileStatus and "\n" not in str(exc)


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=12),
       cut=st.one_of(st.none(), st.integers(0, 10**6)))
def test_fuzz_pptx_bytes(base, tmp_path, flips, cut):
    p = tmp_path / "fuzz.pptx"
    p.write_bytes(_mutate(base.read_bytes(), flips, cut))
    _read_or_typed_error(p)


@FUZZ
@given(part=st.sampled_from(["ppt/presentation.xml", "ppt/slides/slide1.xml", "[Content_Types].xml",
                             "ppt/_rels/presentation.xml.rels", "ppt/slides/_rels/slide1.xml.rels"]),
       payload=st.binary(max_size=300))
def test_fuzz_pptx_parts(base, tmp_path, part, payload):
    p = df.rewrite_zip(base, tmp_path / "part.pptx", lambda n, d: payload if n == part else d)
    _read_or_typed_error(p)


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory):
    return df.pdf(tmp_path_factory.mktemp("fpdf") / "s.pdf", [df.text_page("Your goals", "grow"), df.image_page(0.3)])


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=12),
       cut=st.one_of(st.none(), st.integers(0, 10**6)))
def test_fuzz_pdf_bytes(small_pdf, tmp_path, flips, cut):
    p = tmp_path / "fuzz.pdf"
    p.write_bytes(_mutate(small_pdf.read_bytes(), flips, cut))
    _read_or_typed_error(p)
