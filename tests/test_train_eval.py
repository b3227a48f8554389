"""`deckaudit train` and `deckaudit eval`: label formats, a trained model file that review can use, metrics."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest

from deckaudit.classify.evaluate import format_scores, score, us_share
from deckaudit.classify.labels import load_labels
from tests import deckfactory as df
from tests.conftest import ROOT

US = ["About {n}: founded 1998, offices in Oslo and Munich", "Our platform features and pricing plans for {n}",
      "{n} awards and our certifications", "Our team and our founders at {n}", "Why choose {n}: our differentiators"]
CUSTOMER = ["Your challenges: downtime costs you 6% of revenue", "Your goals for 2025: cut scrap by half",
            "What we heard from you: planning takes three days", "Questions for your team about late orders",
            "Hospitals lose 12% of nurses every year"]
NEUTRAL = ["Agenda", "Thank you! Questions?", "Appendix", "Safe harbor statement", "Contact us"]


def write_jsonl(path, decks=12):
    with open(path, "w") as fh:
        for d in range(decks):
            name = f"Vendor{d}"
            slides = [("neutral", NEUTRAL[d % 5])] + [("about-us", US[(d + i) % 5].format(n=name)) for i in range(2)] + [
                ("about-customer", CUSTOMER[(d + i) % 5]) for i in range(2)] + [("neutral", NEUTRAL[(d + 1) % 5])]
            for n, (label, text) in enumerate(slides, 1):
                fh.write(json.dumps({"deck": f"d{d}", "n": n, "of": len(slides), "label": label, "title": text.split(":")[0],
                                     "text": text}) + "\n")
    return path


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "deckaudit", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)


def test_train_then_review_with_the_model(tmp_path):
    labels = write_jsonl(tmp_path / "labels.jsonl")
    model = tmp_path / "model.json"
    r = run("train", labels, "-o", model, "--folds", "3", "--name", "team-model")
    assert r.returncode == 0, r.stderr
    doc = json.loads(model.read_text())
    assert doc["format"] == "deckaudit.model/2" and doc["name"] == "team-model"
    assert doc["training"]["slides"] == 72 and doc["training"]["cross_validation"]["macro_f1"] > 0.5
    assert len(doc["training"]["data_sha256"]) == 64
    deck = df.basic_pptx(tmp_path / "d.pptx", slides=[("Agenda", ["Intro"]), ("Your challenges", ["downtime costs you"])])
    out = run("review", deck, "--model", model, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["reports"][0]["model"]["name"] == "team-model"


def test_layout_features_are_learnt_unless_left_out(tmp_path):
    """Picture count and area, length and relative position are learnt by default (the shipped model is
    trained on real decks, which teach them); --without-layout leaves them out for a team training on
    written slides alone (train.py: WRITTEN_ARTIFACTS). The same data gives the same file byte for byte."""
    from deckaudit.classify.train import WRITTEN_ARTIFACTS

    labels = write_jsonl(tmp_path / "labels.jsonl")
    default, again, lean = tmp_path / "default.json", tmp_path / "again.json", tmp_path / "lean.json"
    assert run("train", labels, "-o", default, "--folds", "3").returncode == 0
    assert run("train", labels, "-o", again, "--folds", "3").returncode == 0
    assert default.read_bytes() == again.read_bytes()
    r = run("train", labels, "-o", lean, "--folds", "3", "--without-layout")
    assert r.returncode == 0, r.stderr
    d, w = json.loads(default.read_text()), json.loads(lean.read_text())
    assert not set(WRITTEN_ARTIFACTS) & set(w["dense"]) and w["training"]["excluded_features"] == sorted(WRITTEN_ARTIFACTS)
    assert {"length.log_words", "position.relative"} <= set(d["dense"]) and d["training"]["excluded_features"] == []
    shipped = json.loads((ROOT / "deckaudit" / "classify" / "data" / "model.json").read_text())
    assert {"layout.pictures", "layout.picture_area"} <= set(shipped["dense"])


def test_eval_json_and_table(tmp_path):
    labels = write_jsonl(tmp_path / "labels.jsonl")
    r = run("eval", labels, "--compare", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert len(doc) == 3 and any(k.startswith("pronoun baseline") for k in doc)
    model = [v for k, v in doc.items() if k.startswith("model")][0]
    for key in ("accuracy", "macro_f1", "per_class", "confusion", "us_share_mae", "per_deck"):
        assert key in model
    assert sorted(d["deck"] for d in model["per_deck"]) == sorted(f"d{d}" for d in range(12))
    table = run("eval", labels)
    assert "macro-F1" in table.stdout and "confusion" in table.stdout


def test_labels_from_csv_and_a_folder_of_decks(tmp_path):
    path = tmp_path / "l.csv"
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label", "title"])
        w.writerow(["Our offices and our history", "about-us", "About us"])
        w.writerow(["Your goals", "about-customer", "Your goals"])
    decks = load_labels(path)
    assert sum(len(d.labels) for d in decks) == 2
    folder = tmp_path / "decks"
    folder.mkdir()
    df.basic_pptx(folder / "a.pptx", slides=[("Agenda", ["x"]), ("Our platform", ["our modules"])])
    (folder / "labels.csv").write_text("deck,slide,label\na.pptx,1,neutral\na.pptx,2,about-us\n")
    [deck] = load_labels(folder)
    assert deck.labels == ["neutral", "about-us"] and deck.slides[1].title == "Our platform"


def test_bad_labels_are_one_line_errors(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "label": "about-them"}\n')
    r = run("train", bad, "-o", tmp_path / "m.json")
    assert r.returncode == 2 and "about-them" in r.stderr and "Traceback" not in r.stderr
    r = run("eval", tmp_path / "missing.jsonl")
    assert r.returncode == 2 and "not-found" in r.stderr
    one_class = tmp_path / "one.jsonl"
    one_class.write_text("".join(json.dumps({"text": f"our thing {i}", "label": "about-us"}) + "\n" for i in range(20)))
    r = run("train", one_class, "-o", tmp_path / "m.json")
    assert r.returncode == 2 and "missing" in r.stderr


def test_metrics():
    s = score([["about-us", "about-us", "neutral"], ["about-customer"]], [["about-us", "neutral", "neutral"], ["about-us"]])
    assert s.accuracy == pytest.approx(0.5)
    assert s.confusion["about-us"]["neutral"] == 1 and s.confusion["about-customer"]["about-us"] == 1
    # deck 1: gold share 1.0, predicted 1.0; deck 2: gold 0.0, predicted 1.0
    assert s.us_share_mae == pytest.approx(0.5)
    assert us_share(["neutral"]) is None


def test_per_deck_errors_name_the_decks_furthest_off():
    gold = [["about-us", "about-customer"], ["about-us", "about-us"], ["neutral"]]
    pred = [["about-us", "about-customer"], ["about-customer", "about-us"], ["neutral"]]
    s = score(gold, pred, ["fine.pptx", "off.pdf", "cover-only.pdf"])
    assert [d["deck"] for d in s.per_deck] == ["fine.pptx", "off.pdf"]  # no ratio on either side: not scored
    worst = s.worst_decks(1)[0]
    assert worst == {"deck": "off.pdf", "slides": 2, "us_share": 1.0, "predicted_us_share": 0.5, "error": 0.5,
                     "slides_wrong": 1}
    assert s.to_dict()["per_deck"][1]["error"] == 0.5
    text = format_scores(s)
    assert "off.pdf" in text and "fine.pptx" not in text  # a deck with no error is not listed


def test_decks_from_one_template_share_a_fold():
    from deckaudit.classify.features import SlideInput
    from deckaudit.classify.labels import LabeledDeck
    from deckaudit.classify.train import _grouped_folds, template_groups

    words = "governance marketing events training legal infrastructure credits community growth mentoring".split()
    template = [f"Project hosting benefit: {' '.join(words[k:] + words[:k][:1])} {topic} support programme"
                for k, topic in enumerate(["alpha", "bravo", "charlie", "delta"])]

    def deck(name, texts):
        return LabeledDeck(name, [SlideInput(title="", text=t) for t in texts], ["about-us"] * len(texts))

    a = deck("energy", template + ["Energy grids need open source collaboration across utilities worldwide today"])
    b = deck("mainframe", [t.replace("programme", "program") for t in template[:3]] + ["Mainframes run banking"])
    c = deck("other", ["Your finance team closes the books in two days instead of ten with fewer errors and less stress"])
    d = deck("fourth", template[:2] + ["Something else entirely about our company history and offices worldwide"])
    groups = template_groups([a, b, c, d])
    assert groups[0] == groups[1]  # 3 near-identical slides: one template family
    assert len({groups[0], groups[2], groups[3]}) == 3  # 2 shared slides are not enough; c shares none
    folds = _grouped_folds([0, 1, 2, 3], groups, k=3)
    assert any({0, 1} <= set(f) for f in folds) and sorted(i for f in folds for i in f) == [0, 1, 2, 3]
