"""Bulk discovery: decks found by content, .deckauditignore, symlink loops, unreadable folders.

``build_library`` is the small library the other bulk tests copy: an about-us PPTX and PDF, a
customer-first PPTX, the customer-first PDF without an extension, a text file named .pptx, ignored files,
and a file that is not a deck. The decks are generated (tests/deckfactory.py), nothing is read from
sample_decks/ or ../shared."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from deckaudit.library import discover as discover_mod
from deckaudit.library.discover import discover
from tests import deckfactory as df

DECKS_IN_LIBRARY = 5  # 4 real decks + broken.pptx (a failure, not skipped)

US_SLIDES = (
    ("About Northwind", ["We are the market leader in logistics software", "Our platform serves 500 companies"]),
    ("Our awards", ["We won three industry awards this year", "Our team of 200 engineers builds our products"]),
    ("Our history", ["Founded in 1999, we now have 12 offices", "Our founders built our first product in a garage"]),
)
CUSTOMER_SLIDES = (
    ("Your warehouse today", ["You lose 6% of your orders to late picking", "Your team re-keys every order by hand"]),
    ("What changes for you", ["Your pickers walk 30% less each shift", "You ship the same day your customers order"]),
    ("Your next step", ["Your operations lead picks one site", "You see the results in your own numbers in 30 days"]),
)


def us_pdf(path: Path, slides=US_SLIDES) -> Path:
    return df.pdf(path, [df.text_page(title, *lines) for title, lines in slides])


def build_library(lib: Path) -> Path:
    (lib / "sales" / "emea").mkdir(parents=True)
    (lib / "archive").mkdir()
    us = df.basic_pptx(lib / "sales" / "vendor-pitch.pptx", slides=US_SLIDES)
    df.basic_pptx(lib / "sales" / "customer-first.pptx", slides=CUSTOMER_SLIDES)
    us_pdf(lib / "sales" / "emea" / "vendor-pitch.pdf")
    us_pdf(lib / "sales" / "deck-without-extension", CUSTOMER_SLIDES)
    shutil.copy(us, lib / "archive" / "old.pptx")
    shutil.copy(us, lib / "sales" / "draft.tmp.pptx")
    (lib / ".deckauditignore").write_text("archive/\n*.tmp.pptx\n")
    (lib / "sales" / "broken.pptx").write_text("not a deck")
    (lib / "sales" / "notes.txt").write_text("hello")
    return lib


@pytest.fixture(scope="session")
def library_template(tmp_path_factory) -> Path:
    return build_library(tmp_path_factory.mktemp("bulk-template") / "lib")


@pytest.fixture
def library(library_template, tmp_path) -> Path:
    """A fresh copy per test (tests change files in it)."""
    return Path(shutil.copytree(library_template, tmp_path / "lib", symlinks=True))


def names(found) -> list[str]:
    return sorted(Path(f.path).name for f in found)


def test_discovery_by_content_with_ignores(library):
    found = discover([library])
    assert names(found) == ["broken.pptx", "customer-first.pptx", "deck-without-extension",
                            "vendor-pitch.pdf", "vendor-pitch.pptx"]
    assert not any(f.problem for f in found)  # broken.pptx is the reader's to judge: it is stored as a failure
    assert {f.root for f in found} == {str(library)}


def test_an_ignore_file_in_a_subfolder_applies_below_it_only(library):
    (library / "sales" / "emea" / ".deckauditignore").write_text("*.pdf\n")
    shutil.copy(library / "sales" / "emea" / "vendor-pitch.pdf", library / "sales" / "top.pdf")
    found = names(discover([library]))
    assert "vendor-pitch.pdf" not in found and "top.pdf" in found


def test_a_subfolder_can_re_include_what_a_parent_ignores(library):
    (library / ".deckauditignore").write_text("archive/\n*.tmp.pptx\n*.pdf\n")
    (library / "sales" / "emea" / ".deckauditignore").write_text("!vendor-pitch.pdf\n")
    shutil.copy(library / "sales" / "emea" / "vendor-pitch.pdf", library / "sales" / "other.pdf")
    found = names(discover([library]))
    assert "vendor-pitch.pdf" in found and "other.pdf" not in found


def test_discovery_skips_office_files_that_are_not_decks(library):
    with zipfile.ZipFile(library / "sales" / "report.docx", "w") as z:
        z.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    assert "report.docx" not in names(discover([library]))


def test_symlink_loop_is_walked_once(library):
    os.symlink(library, library / "sales" / "loop")
    assert len(discover([library])) == DECKS_IN_LIBRARY


def test_overlapping_paths_give_each_deck_once(library):
    assert len(discover([library, library / "sales", library / "sales" / "vendor-pitch.pptx"])) == DECKS_IN_LIBRARY


def test_unreadable_folder_is_reported_and_the_walk_goes_on(library, monkeypatch):
    real = os.scandir

    def scandir(path):  # we run as root, where chmod 000 does not stop a read
        if str(path).endswith("emea"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(discover_mod.os, "scandir", scandir)
    found = discover([library])
    problems = [f for f in found if f.problem]
    assert [Path(p.path).name for p in problems] == ["emea"] and problems[0].problem.startswith("unreadable: ")
    assert len(found) == DECKS_IN_LIBRARY  # the 4 other decks + the unreadable folder


def test_a_missing_path_is_a_failure_not_an_exception(tmp_path):
    (found,) = discover([tmp_path / "nope"])
    assert found.problem.startswith("not-found: ")
