"""A slide not in English is flagged, not classified by English rules (classify/language.py)."""

from __future__ import annotations

import pytest

from deckaudit.classify.language import MIN_WORDS, detect_language

GERMAN = ("Unsere Lösungen für den Mittelstand\nWir digitalisieren Ihre Prozesse von der Angebotserstellung "
          "bis zur Rechnung. Über 300 Kunden vertrauen auf unsere Plattform.")
SWEDISH = ("Om oss\nVi hjälper svenska företag att digitalisera sina inköp sedan 2012. Över 500 kommuner "
           "använder tjänsten varje dag.")


def test_a_german_slide_is_flagged_german():
    lang, conf = detect_language(GERMAN)
    assert lang == "de" and conf > 0.8


def test_a_swedish_slide_is_flagged_swedish():
    lang, conf = detect_language(SWEDISH)
    assert lang == "sv" and conf > 0.8


@pytest.mark.parametrize("text,lang", [
    ("Qui sommes-nous ?\nUne équipe de 80 experts au service des PME depuis 2010, pour vos achats", "fr"),
    ("Quiénes somos\nUn equipo de 60 profesionales que ayuda a las empresas a crecer desde 2011", "es"),
    ("Over ons\nWij helpen Nederlandse bedrijven al sinds 2008 met slimme software voor uw inkoop", "nl"),
    ("Наша компания помогает клиентам по всей России автоматизировать закупки и учет", "ru"),
    ("我们的平台帮助企业实现采购数字化，提高效率并降低成本，服务超过三百家客户", "zh"),
])
def test_other_languages_and_scripts(text, lang):
    assert detect_language(text)[0] == lang


@pytest.mark.parametrize("text", [
    # product names, acronyms, numbers and code: few function words of any language
    "Azure AI Stack\nNVIDIA H100 GPUs, InfiniBand, ND H100 v5 VMs, Azure Kubernetes Service (AKS), ONNX Runtime",
    "SAP S/4HANA, SAP CRM, SAP APO, SAP TAO, OOABAP, Fiori, BTP, CPI, BW/4HANA, SuccessFactors, Ariba",
    "kubectl apply -f deploy.yaml\nhelm install spinnaker stable/spinnaker --set halyard.spinnakerVersion=1.14",
    "Q1 2024 ARR $4.2M | NRR 128% | CAC payback 11 mo | Logos 212 | EBITDA -8% | Burn $310K",
    "Logo on Vehicle Y Y Y Y\nLogo on Jersey Y Y Y N\nSocial Media Y Y N N\nBooth Space Y N N N",
    "Contact\nteam@zerocracy.com | zerocracy.com | Telegram · LinkedIn · GitHub · YouTube · Instagram",
    "Our offices in München, Zürich, Köln and Malmö serve clients across the DACH region and the Nordics",
    "Konnect Admin API — POST a request-transformer plugin to /core-entities/plugins with the Kong Gateway",
    "Thank You | Danke | Merci | 谢谢 | ありがとう | Gracias | Kiitos | Obrigado | Grazie | Tack",
    "Treating water all over the world. Tratando agua en todo el mundo. We serve 40 countries with our team",
    "A P P S • W E B S I T E S • A I T O O L S • Dubai UAE IFZA Licensed",
])
def test_english_slides_full_of_names_acronyms_numbers_or_code_are_not_flagged(text):
    assert detect_language(text)[0] in ("en", "")


def test_plain_english_is_english_with_confidence():
    lang, conf = detect_language("We help your team close the books in two days instead of ten, with fewer errors")
    assert lang == "en" and conf > 0.9


def test_too_little_text_tells_nothing():
    assert detect_language("Vielen Dank") == ("", 0.0)
    assert detect_language("") == ("", 0.0)
    assert detect_language(" ".join(["Wort"] * (MIN_WORDS - 1))) == ("", 0.0)


def test_never_raises_and_is_deterministic():
    odd = ["\x00" * 50, "é" * 300, "@@@ /// ...", "\U0001F600 " * 20, "ß " * 40, "ı" * 30]
    for t in odd:
        assert detect_language(t) == detect_language(t)


def test_a_foreign_address_on_an_english_slide_is_not_a_language():
    assert detect_language("Visit us\nPaseo de la Castellana 88, 28046 Madrid · +34 91 555 01 20\n"
                           "Carrer de la Indústria 12, 08040 Barcelona")[0] in ("en", "")
    assert detect_language("Vous trouverez nos bureaux au 12 rue de la Paix, à Paris, et nous sommes ouverts "
                           "tous les jours")[0] == "fr"


def test_no_english_training_slide_is_flagged():
    import json
    from pathlib import Path

    files = sorted((Path(__file__).parent.parent / "data" / "training").glob("*.jsonl"))
    assert files
    flagged = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            lang, _ = detect_language(f"{rec.get('title', '')}\n{rec['text']}")
            if lang not in ("en", ""):
                flagged.append((f.name, lang, rec["text"][:60]))
    assert flagged == []
