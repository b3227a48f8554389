"""Legacy .ppt and Keynote .key through LibreOffice, the reader registry's contract, and bulk discovery of the
new formats. The conversion pipeline is tested with a stand-in ``soffice`` on PATH (a script that writes a
generated PPTX, sleeps, or writes nothing), so these tests need no LibreOffice; one test converts a real .ppt
when LibreOffice is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from deckaudit.errors import DeckError, FileStatus
from deckaudit.readers import ReadOptions, read_deck
from tests import deckfactory as df
from tests import odpfactory as of
from tests.conftest import ROOT

FAKE_SOFFICE = """#!{python}
import os, shutil, sys, time
args = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(" ".join(args) + "\\n")
mode = os.environ.get("FAKE_MODE", "ok")
if mode == "sleep":
    with open(os.environ["FAKE_LOG"] + ".pid", "w") as fh:
        fh.write(str(os.getpid()))
    time.sleep(600)
out = args[args.index("--outdir") + 1]
src = args[-1]
if mode == "ok":
    stem = os.path.splitext(os.path.basename(src))[0]
    shutil.copyfile(os.environ["FAKE_PPTX"], os.path.join(out, stem + ".pptx"))
else:
    sys.stderr.write("Error: source file could not be loaded\\n")
"""


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    """A stand-in soffice first on PATH; returns the log of its command lines."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "soffice"
    exe.write_text(FAKE_SOFFICE.format(python=sys.executable))
    exe.chmod(0o755)
    log = tmp_path / "soffice.log"
    log.write_text("")
    pptx = df.basic_pptx(tmp_path / "converted.pptx", slides=[("Converted title", ["our converted words"]),
                                                               ("Second slide", ["your goals"])])
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_PPTX", str(pptx))
    return log


def keynote_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Index/Document.iwa", b"\x00iwa-snappy-chunks")
        z.writestr("Metadata/Properties.plist", b"<plist/>")
        z.writestr("preview.jpg", b"\xff\xd8\xff")
    return path


def keynote09(path: Path, texts) -> Path:
    """A Keynote '09 package (a zip holding index.apxl), one text shape per slide: the XML LibreOffice's
    Keynote import (libetonyek) reads."""
    from xml.sax.saxutils import escape

    slides = "".join(
        f'<key:slide sfa:ID="BGSlide-{n}"><key:page sfa:ID="BGPage-{n}"><sf:size sfa:w="1024" sfa:h="768"/>'
        f'<sf:layers sfa:ID="L-{n}"><sf:layer sfa:ID="LL-{n}"><sf:drawables sfa:ID="D-{n}"><sf:shape sfa:ID="S-{n}">'
        f'<sf:geometry sfa:ID="G-{n}"><sf:naturalSize sfa:w="800" sfa:h="100"/><sf:size sfa:w="800" sfa:h="100"/>'
        f'<sf:position sfa:x="100" sfa:y="100"/></sf:geometry><sf:path sfa:ID="P-{n}"><sf:point-path '
        f'sf:type="rectangle"><sf:point sfa:x="800" sfa:y="100"/><sf:size sfa:w="800" sfa:h="100"/></sf:point-path>'
        f'</sf:path><sf:text sfa:ID="T-{n}"><sf:text-storage sfa:ID="TS-{n}" sf:kind="textbox"><sf:text-body>'
        f"<sf:p>{escape(text)}</sf:p></sf:text-body></sf:text-storage></sf:text></sf:shape></sf:drawables>"
        "</sf:layer></sf:layers></key:page></key:slide>" for n, text in enumerate(texts, 1))
    apxl = ('<?xml version="1.0"?><key:presentation xmlns:sfa="http://developer.apple.com/namespaces/sfa" '
            'xmlns:sf="http://developer.apple.com/namespaces/sf" xmlns:key="http://developer.apple.com/namespaces/'
            'keynote2" key:version="92008102400" sfa:ID="BGShow-0"><key:size sfa:w="1024" sfa:h="768"/>'
            f'<key:slide-list sfa:ID="BGSlideList-0">{slides}</key:slide-list></key:presentation>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("index.apxl", apxl)
    return path


def encrypted_ppt(path: Path) -> Path:
    """An OLE file with a PowerPoint Document stream whose CurrentUserAtom carries the encrypted token."""
    df.fake_legacy_ppt(path)
    atom = b"\x00\x00\xf6\x0f" + (24).to_bytes(4, "little") + b"\x14\x00\x00\x00" + b"\xdf\xc4\xd1\xf3"
    path.write_bytes(path.read_bytes() + atom + b"\0" * 64)
    return path


def _error(path, options=None) -> DeckError:
    with pytest.raises(DeckError) as err:
        read_deck(path, options)
    assert "\n" not in str(err.value)
    return err.value


# --- conversion ---------------------------------------------------------------------------------------------

def test_a_ppt_is_converted_and_read_as_pptx_keeping_its_path(fake_soffice, tmp_path):
    src = df.fake_legacy_ppt(tmp_path / "old deck.ppt")
    deck = read_deck(src)
    assert deck.path == str(src) and deck.variant == "ppt-converted" and deck.format == "pptx"
    assert [s.title for s in deck.slides] == ["Converted title", "Second slide"]
    assert deck.engine.startswith("libreoffice") and "LibreOffice" in deck.warnings[0]
    call = fake_soffice.read_text()
    assert "--headless" in call and "--convert-to pptx" in call and "-env:UserInstallation=file://" in call
    assert call.rstrip().endswith("deck.ppt")  # a plain name in a temp folder, never the user's path


def test_a_keynote_zip_is_converted(fake_soffice, tmp_path):
    deck = read_deck(keynote_zip(tmp_path / "pitch.key"))
    assert deck.variant == "key-converted" and deck.path.endswith("pitch.key")
    assert deck.slides[0].title == "Converted title"
    misnamed = read_deck(keynote_zip(tmp_path / "pitch.zip"))  # found by its Index/ members
    assert misnamed.variant == "key-converted"


def test_conversion_options_apply_to_the_converted_deck(fake_soffice, tmp_path):
    src = df.fake_legacy_ppt(tmp_path / "old.ppt")
    assert _error(src, ReadOptions(max_slides=1)).status is FileStatus.TOO_LARGE


def test_a_conversion_past_the_time_limit_is_killed(fake_soffice, tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_MODE", "sleep")
    monkeypatch.setenv("DECKAUDIT_CONVERT_TIMEOUT", "2")
    t = time.monotonic()
    err = _error(df.fake_legacy_ppt(tmp_path / "slow.ppt"))
    assert err.status is FileStatus.TIMEOUT and time.monotonic() - t < 30
    pid = int(Path(str(fake_soffice) + ".pid").read_text())
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_file_libreoffice_cannot_convert_is_corrupt(fake_soffice, tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_MODE", "fail")
    err = _error(df.fake_legacy_ppt(tmp_path / "bad.ppt"))
    assert err.status is FileStatus.CORRUPT and "could not be loaded" in err.reason


def test_an_encrypted_ppt_is_refused_before_conversion(fake_soffice, tmp_path):
    err = _error(encrypted_ppt(tmp_path / "locked.ppt"))
    assert err.status is FileStatus.ENCRYPTED and "password" in err.reason
    assert fake_soffice.read_text() == ""


def test_a_keynote_zip_bomb_is_refused_before_conversion(fake_soffice, tmp_path):
    bomb = tmp_path / "bomb.key"
    keynote_zip(bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("Data/bomb.jpg", "w", force_zip64=True) as fh:
            for _ in range(32):
                fh.write(b"\0" * (8 * 1024**2))
    err = _error(bomb)
    assert err.status is FileStatus.TOO_LARGE and "zip bomb" in err.reason
    assert fake_soffice.read_text() == ""


def test_a_zip_named_key_that_is_not_keynote(fake_soffice, tmp_path):
    p = tmp_path / "notes.key"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("readme.txt", "hello")
    assert _error(p).status is FileStatus.UNSUPPORTED


def test_without_libreoffice_one_line_names_what_to_install(tmp_path, monkeypatch):
    from deckaudit.readers import convert

    monkeypatch.setattr(convert, "soffice", lambda: None)
    for path in (df.fake_legacy_ppt(tmp_path / "old.ppt"), keynote_zip(tmp_path / "pitch.key")):
        err = _error(path)
        assert err.status is FileStatus.UNSUPPORTED and "install LibreOffice" in err.reason


def test_cli_exits_2_with_one_line_without_libreoffice(tmp_path):
    empty = tmp_path / "nobin"
    empty.mkdir()
    key = keynote_zip(tmp_path / "pitch.key")
    r = subprocess.run([sys.executable, "-m", "deckaudit", "review", str(key)], capture_output=True, text=True,
                       cwd=ROOT, timeout=60, env={**os.environ, "PATH": str(empty), "PYTHONPATH": str(ROOT)})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "unsupported" in lines[0] and "install LibreOffice" in lines[0]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_a_real_ppt_through_libreoffice(tmp_path):
    src = df.basic_pptx(tmp_path / "deck.pptx", slides=[("Our platform", ["our modules"]), ("Your goals", ["you grow"])],
                        notes={2: "ask about goals"})
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "ppt",
                    "--outdir", str(tmp_path / "out"), str(src)], check=True, capture_output=True, timeout=180)
    ppt = tmp_path / "out" / "deck.ppt"
    assert ppt.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    deck = read_deck(ppt)
    assert deck.variant == "ppt-converted" and deck.path == str(ppt)
    assert [s.title for s in deck.slides] == ["Our platform", "Your goals"]
    assert "our modules" in deck.slides[0].text and deck.slides[1].notes == "ask about goals"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_a_real_keynote_09_file_through_libreoffice(tmp_path):
    deck = read_deck(keynote09(tmp_path / "pitch.key", ["Our platform story", "Your goals this quarter"]))
    assert deck.variant == "key-converted" and deck.path.endswith("pitch.key")
    assert [s.text for s in deck.slides] == ["Our platform story", "Your goals this quarter"]


# --- the registry contract ----------------------------------------------------------------------------------

def test_every_reader_declares_the_contract():
    from deckaudit.readers import deck_extensions, registry
    from deckaudit.readers.base import Reader

    readers = registry()
    assert [r.name for r in readers] == ["pptx", "odp", "keynote", "ole", "pdf"]
    for r in readers:
        assert isinstance(r, Reader) and r.name and r.extensions and r.magic
        assert all(ext.startswith(".") and ext == ext.lower() for ext in r.extensions)
        assert r.accepts(b"\x00" * 64, "nothing.bin") is None
    assert {".pptx", ".odp", ".key", ".ppt", ".pdf"} <= deck_extensions()


def test_the_registry_accepts_each_format_with_the_right_reader(tmp_path):
    from deckaudit.readers import sniff_file

    files = {
        "pptx": df.basic_pptx(tmp_path / "a.pptx"),
        "odp": of.write_odp(tmp_path / "b.odp", [of.page(of.title("x"))]),
        "keynote": keynote_zip(tmp_path / "c.key"),
        "ole": df.fake_legacy_ppt(tmp_path / "d.ppt"),
        "pdf": df.pdf(tmp_path / "e.pdf", [df.text_page("Title", "words")]),
    }
    for name, path in files.items():
        with sniff_file(str(path)) as found:
            assert found.reader.name == name
    assert sniff_file(str(df.basic_pptx(tmp_path / "f.bin"))).reader.name == "pptx"  # by content, not name


def test_the_zip_handoff_is_no_longer_a_thread_local():
    from deckaudit.readers import ooxml_safety

    assert not hasattr(ooxml_safety, "_PEEK") and "threading" not in vars(ooxml_safety)


# --- bulk discovery -----------------------------------------------------------------------------------------

def test_discovery_finds_odp_key_and_ppt(tmp_path):
    from deckaudit.library.discover import DECK_EXTENSIONS, discover
    from deckaudit.readers import deck_extensions

    assert DECK_EXTENSIONS == set(deck_extensions())
    lib = tmp_path / "lib"
    lib.mkdir()
    of.write_odp(lib / "a.odp", [of.page(of.title("x"))])
    keynote_zip(lib / "b.key")
    df.fake_legacy_ppt(lib / "c.ppt")
    of.write_odp(lib / "odp-without-extension", [of.page(of.title("x"))])
    keynote_zip(lib / "keynote-without-extension")
    with zipfile.ZipFile(lib / "photos.zip", "w") as z:
        z.writestr("a.txt", "not a deck")
    (lib / "package.key" / "Index").mkdir(parents=True)
    (lib / "package.key" / "Index" / "Document.iwa").write_bytes(b"\0")
    found = sorted(Path(f.path).name for f in discover([lib]))
    assert found == ["a.odp", "b.key", "c.ppt", "keynote-without-extension", "odp-without-extension", "package.key"]
    package = next(f for f in discover([lib]) if f.path.endswith("package.key"))
    assert package.problem.startswith("unsupported: a Keynote package folder")


def test_a_keynote_package_folder_gets_a_reason(tmp_path):
    pkg = tmp_path / "pitch.key"
    (pkg / "Index").mkdir(parents=True)
    (pkg / "Index" / "Document.iwa").write_bytes(b"\0")
    err = _error(pkg)
    assert err.status is FileStatus.UNSUPPORTED and "Keynote package folder" in err.reason
