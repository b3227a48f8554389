"""Generate the sample decks in sample_decks/: the classic vendor pitch and a customer-first rewrite of the
same sale, each as PPTX (python-pptx) and PDF (reportlab; no LibreOffice needed).

    python scripts/make_samples.py              # writes sample_decks/*.pptx and *.pdf
    python scripts/make_samples.py --out DIR    # the same files into DIR (tests compare them with the committed ones)

Output is deterministic (fixed metadata and dates), so re-running does not churn git.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sample_decks"
FIXED = dt.datetime(2024, 5, 6, 9, 0, 0)


@dataclass
class S:
    title: str
    bullets: list[str] = field(default_factory=list)
    notes: str = ""
    pictures: list[tuple[str, str]] = field(default_factory=list)  # (label drawn on it, alt text)
    layout: str = "content"  # "content" | "title" | "pictures"
    hidden: bool = False
    section: str = ""  # starts a PowerPoint section with this name


VENDOR = [
    S("Northwind Systems: Company Overview",
      ["Northwind Systems is a leading provider of planning software for manufacturers",
       "Founded in 1998 · headquartered in Oslo · 1,200 employees", "Our mission: world-class planning for every plant"],
      notes="Open with our story and our scale.", section="About Northwind"),
    S("Our History", ["1998 Founded in Oslo", "2004 First SaaS release", "2012 Acquired Plantwise", "2019 IPO on Oslo Børs",
                      "2023 Record revenue of NOK 2.1bn"], notes="Mention the IPO and the record year."),
    S("Our Offices Around the World", ["Oslo (HQ) · Munich · Chicago · Singapore · São Paulo", "24 offices in 14 countries"],
      pictures=[("MAP", "world map of Northwind offices")]),
    S("Northwind in Numbers", ["1,200 employees", "3,400 customers", "98% renewal rate", "NOK 2.1bn revenue"]),
    S("Trusted by", [], pictures=[(f"LOGO {i}", "logo") for i in range(1, 13)], layout="pictures"),
    S("A Leader in the Gartner Magic Quadrant", ["Named a Leader for the fifth year in a row"],
      pictures=[("QUADRANT", "Gartner Magic Quadrant for Supply Chain Planning")],
      notes="Stress: fifth year running, highest for ability to execute."),
    S("Northwind Plan", ["Our flagship planning suite", "Demand planning, supply planning, S&OP",
                         "Our AI engine delivers best-in-class forecasts"], section="Our products"),
    S("Northwind Schedule", ["Our finite-capacity scheduler", "Drag-and-drop Gantt, 200+ constraints",
                             "Our platform integrates with SAP, Oracle and Infor"]),
    S("Northwind Quality", ["Our quality management module", "SPC, audits, CAPA, supplier quality"]),
    S("Northwind Insight", ["Our analytics layer", "120 dashboards out of the box", "Our embedded BI engine"],
      pictures=[("SCREEN", "screenshot of the Insight dashboard")]),
    S("Our Architecture", ["Cloud-native microservices on Azure", "Our open API and 60 connectors", "ISO 27001 and SOC 2 certified"]),
    S("Awards & Recognition", ["Best Supply Chain Software 2023", "Top Employer Norway 2022", "Red Herring Top 100"],
      pictures=[("AWARD", "award badge"), ("AWARD", "award badge"), ("AWARD", "award badge")], section="Why Northwind"),
    S("Our Partners", ["Microsoft · SAP · Accenture · Deloitte"], pictures=[(f"PARTNER {i}", "partner logo") for i in range(1, 5)]),
    S("Why Northwind?", ["Unparalleled expertise", "Seamless integration", "World-class support", "The most innovative roadmap"]),
    S("Pricing & Packages", ["Essentials: Northwind Plan · from €45,000 a year", "Professional: Plan + Schedule · from €90,000 a year",
                             "Enterprise: the full Northwind suite · on request", "Our implementation package: fixed price, 12 weeks"],
      notes="Up to 15% off if signed this quarter."),
    S("Thank you — questions?", ["sales@northwind.example · +47 22 00 00 00"], layout="title"),
]

CUSTOMER_FIRST = [
    S("Contoso Manufacturing × Northwind", ["Planning workshop · 6 May 2024"], layout="title", section="Your world"),
    S("Agenda", ["Your priorities", "What we heard", "Options", "Next steps"]),
    S("Pressures on mid-size manufacturers", ["Energy costs up 38% since 2021", "Skilled planners retiring faster than they can be replaced",
                                             "Customers expect delivery dates within hours"]),
    S("Your challenges today", ["Your planners rebuild the plan in spreadsheets every Monday",
                                "Late orders cost you 4% of revenue in penalties", "Scrap at Plant 2 is 2x target"]),
    S("What the status quo costs you", ["€2.4M a year in expedited freight", "1,900 planner hours on manual re-planning",
                                        "Missed promise dates on 1 in 8 orders"]),
    S("Your goals for 2025", ["On-time delivery from 87% to 96%", "Plan changes in minutes, not days", "Cut scrap at Plant 2 by half"]),
    S("What we heard from you", ["\"We only find out about a shortage when the line stops\"",
                                 "\"Every plant plans differently\"", "\"Sales promises dates we can't keep\""],
      notes="Quote their words back; check we got it right."),
    S("Questions for your team", ["Which plant should prove value first?", "Who owns the promise date today?",
                                  "What would make planners trust an automatic plan?"]),
    S("What changes for your planners", ["Your planners start the week with a feasible plan",
                                         "You see a shortage 3 weeks before the line stops",
                                         "Your sales team quotes dates they can keep"], section="What changes"),
    S("How Northwind helped Fabrikam", ["Our scheduler went live at 3 Fabrikam plants in 10 weeks",
                                        "Northwind cut late orders at Fabrikam by 60% in 9 months"],
      pictures=[("CASE", "case study photo")], notes="One proof slide only; offer the Fabrikam reference call."),
    S("Awards & Recognition", ["Best Supply Chain Software 2023"], hidden=True),
    S("Your options", ["A. Keep spreadsheets, add two planners", "B. Pilot at Plant 2 for 10 weeks", "C. Roll out to all plants in 2025"],
      section="Your decision"),
    S("Thank you", ["Next step: pilot scope call on 14 May", "anna.berg@northwind.example"], layout="title"),
]


def _png(label: str, w: int = 240, h: int = 140) -> bytes:
    from PIL import Image, ImageDraw

    colors = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (148, 103, 189), (140, 86, 75), (23, 190, 207)]
    img = Image.new("RGB", (w, h), colors[sum(map(ord, label)) % len(colors)])
    ImageDraw.Draw(img).text((12, h // 2 - 6), label, fill=(255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def _picture_grid(n: int, left: float, top: float, width: float, height: float):
    cols = 4 if n > 4 else n
    rows = (n + cols - 1) // cols
    cw, ch = width / cols, height / rows
    for i in range(n):
        r, c = divmod(i, cols)
        yield left + c * cw + cw * 0.08, top + r * ch + ch * 0.08, cw * 0.84, ch * 0.84


def make_pptx(slides: list[S], path: Path, title: str) -> None:
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    W, H = prs.slide_width, prs.slide_height
    for spec in slides:
        layout = prs.slide_layouts[0 if spec.layout == "title" else (5 if spec.layout == "pictures" else 1)]
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = spec.title
        if spec.layout == "title":
            slide.placeholders[1].text = "\n".join(spec.bullets)
        elif spec.layout == "content":
            body = slide.placeholders[1]
            body.left, body.top, body.width = Inches(0.7), Inches(1.8), Inches(7.6 if spec.pictures else 11.8)
            body.height = Inches(5)
            tf = body.text_frame
            tf.text = spec.bullets[0] if spec.bullets else ""
            for b in spec.bullets[1:]:
                tf.add_paragraph().text = b
            for p in tf.paragraphs:
                for r in p.runs:
                    r.font.size = Pt(22)
        if spec.pictures:
            area = (Inches(0.9), Inches(1.7), W - Inches(1.8), H - Inches(2.3)) if spec.layout == "pictures" else (
                Inches(8.6), Inches(1.8), Inches(4.2), Inches(4.6))
            for (label, alt), (x, y, w, h) in zip(spec.pictures, _picture_grid(len(spec.pictures), *area)):
                pic = slide.shapes.add_picture(io.BytesIO(_png(label)), Emu(int(x)), Emu(int(y)), Emu(int(w)), Emu(int(h)))
                pic._element.nvPicPr.cNvPr.set("descr", alt)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
        if spec.hidden:
            slide._element.set("show", "0")
    _add_sections(prs, slides)
    cp = prs.core_properties
    cp.title, cp.author, cp.last_modified_by = title, "deckaudit samples", "deckaudit samples"
    cp.created = cp.modified = FIXED
    cp.revision = 1
    buf = io.BytesIO()
    prs.save(buf)
    path.write_bytes(_deterministic_zip(buf.getvalue()))


P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # the extension PowerPoint 2010+ stores sections in


def _add_sections(prs, slides: list[S]) -> None:
    """PowerPoint sections (python-pptx has no API for them): <p14:sectionLst> in the presentation's extLst."""
    from lxml import etree

    groups: list[tuple[str, list[str]]] = []
    for spec, sld_id in zip(slides, prs.slides._sldIdLst):
        if spec.section or not groups:
            groups.append((spec.section or "Default Section", []))
        groups[-1][1].append(sld_id.get("id"))
    if len(groups) == 1 and groups[0][0] == "Default Section":
        return
    pres = prs.part._element
    ext_lst = pres.find("{http://schemas.openxmlformats.org/presentationml/2006/main}extLst")
    if ext_lst is None:
        ext_lst = etree.SubElement(pres, "{http://schemas.openxmlformats.org/presentationml/2006/main}extLst")
    ext = etree.SubElement(ext_lst, "{http://schemas.openxmlformats.org/presentationml/2006/main}ext", uri=SECTIONS_EXT)
    section_lst = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for n, (name, ids) in enumerate(groups, 1):
        guid = f"{{5EC7{n:04X}-0000-4000-8000-00000000D00C}}"  # fixed ids: regenerating must not churn git
        section = etree.SubElement(section_lst, f"{{{P14}}}section", name=name, id=guid)
        id_lst = etree.SubElement(section, f"{{{P14}}}sldIdLst")
        for sid in ids:
            etree.SubElement(id_lst, f"{{{P14}}}sldId", id=sid)


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so regenerating the samples gives identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def make_pdf(slides: list[S], path: Path, title: str) -> None:
    """The same slides as PDF pages; hidden slides are left out, as PowerPoint's export does."""
    from reportlab.lib.utils import ImageReader, simpleSplit
    from reportlab.pdfgen import canvas

    w, h = 960, 540
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(w, h), invariant=1)
    c.setTitle(title)
    c.setAuthor("deckaudit samples")
    for spec in slides:
        if spec.hidden:
            continue
        c.setFillColorRGB(0.1, 0.1, 0.1)
        if spec.layout == "title":
            c.setFont("Helvetica-Bold", 40)
            c.drawString(60, h * 0.55, spec.title)
            c.setFont("Helvetica", 20)
            for i, b in enumerate(spec.bullets):
                c.drawString(60, h * 0.55 - 50 - 28 * i, b)
        else:
            c.setFont("Helvetica-Bold", 32)
            c.drawString(50, h - 70, spec.title)
            c.setFont("Helvetica", 20)
            width = (560 if spec.pictures else w - 120) - 20  # text keeps clear of the pictures, as in the PPTX
            y = h - 140
            for b in spec.bullets:
                for n, line in enumerate(simpleSplit(b, "Helvetica", 20, width)):
                    c.drawString(70 if n == 0 else 88, y, ("• " if n == 0 else "") + line)
                    y -= 26
                y -= 8
        if spec.pictures:
            area = (60, 100, w - 120, h - 200) if spec.layout == "pictures" else (620, 110, 300, 330)
            for (label, _alt), (x, y, pw, ph) in zip(spec.pictures, _picture_grid(len(spec.pictures), *area)):
                c.drawImage(ImageReader(io.BytesIO(_png(label))), x, h - y - ph if spec.layout == "pictures" else y, pw, ph)
        c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())


DECKS = (("vendor-pitch", VENDOR, "Northwind Systems — company presentation"),
         ("customer-first", CUSTOMER_FIRST, "Contoso Manufacturing — planning workshop"))


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Generate the sample decks (PPTX and PDF).")
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write into (default: sample_decks/)")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    for name, slides, title in DECKS:
        make_pptx(slides, out / f"{name}.pptx", title)
        make_pdf(slides, out / f"{name}.pdf", title)
        print(f"wrote {out / name}.pptx and .pdf ({len(slides)} slides)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
