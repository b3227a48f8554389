"""Generated PPTX decks for extraction traps found in public bug reports: markup-compatibility wrappers
(mc:AlternateContent), Office math, chartex charts, merged table cells, part names in another letter case.
Each starts from a python-pptx deck and edits the package, as Office would have written it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from tests import deckfactory as df

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A14 = "http://schemas.microsoft.com/office/drawing/2010/main"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
CX = "http://schemas.microsoft.com/office/drawing/2014/chartex"
CX1 = "http://schemas.microsoft.com/office/drawing/2015/9/8/chartex"
UNKNOWN = "http://example.com/future/2031/shapes"


def _sp(sid: int, text: str, y: int = 4000000) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="Box {sid}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="500000" y="{y}"/><a:ext cx="4000000" cy="400000"/></a:xfrm></p:spPr>'
            f'<p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang="en-US" sz="1400"/><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>')


def _add_to_tree(data: bytes, xml: str, ns: str = "") -> bytes:
    """Append shapes to slide 1's spTree; ns: extra xmlns declarations put on the root."""
    data = data.replace(b"</p:spTree>", xml.encode() + b"</p:spTree>", 1)
    if ns:
        data = re.sub(rb"<p:sld ", b"<p:sld " + ns.encode() + b" ", data, count=1)
    return data


def alternate_content(src: Path, dst: Path) -> Path:
    """Slide 1 gets four wrappers: a shape whose Choice needs an unknown namespace (Fallback must be read),
    one with an unknown then a known Choice (the known one), one inside a group, and an equation in a
    paragraph (a14 math in the Choice, its fallback text in the Fallback)."""
    ns = f'xmlns:mc="{MC}" xmlns:a14="{A14}" xmlns:m="{M}" xmlns:fut="{UNKNOWN}"'
    shapes = (
        f'<mc:AlternateContent><mc:Choice Requires="fut">{_sp(90, "CHOICEUNKNOWN")}</mc:Choice>'
        f'<mc:Fallback>{_sp(91, "FALLBACKREAD")}</mc:Fallback></mc:AlternateContent>'
        f'<mc:AlternateContent><mc:Choice Requires="fut">{_sp(92, "FIRSTCHOICEUNKNOWN")}</mc:Choice>'
        f'<mc:Choice Requires="a14">{_sp(93, "SECONDCHOICEREAD")}</mc:Choice>'
        f'<mc:Fallback>{_sp(94, "FALLBACKNOTREAD")}</mc:Fallback></mc:AlternateContent>'
        '<p:grpSp><p:nvGrpSpPr><p:cNvPr id="95" name="Group"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
        f'<mc:AlternateContent><mc:Choice Requires="fut">{_sp(96, "GROUPCHOICEUNKNOWN")}</mc:Choice>'
        f'<mc:Fallback>{_sp(97, "GROUPFALLBACKREAD")}</mc:Fallback></mc:AlternateContent></p:grpSp>'
        '<p:sp><p:nvSpPr><p:cNvPr id="98" name="Equation"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr/>'
        '<p:txBody><a:bodyPr/><a:p><a:r><a:t>Energy: </a:t></a:r>'
        '<mc:AlternateContent><mc:Choice Requires="a14"><a14:m><m:oMathPara><m:oMath>'
        '<m:r><m:t>E=m</m:t></m:r><m:sSup><m:e><m:r><m:t>c</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup>'
        '</m:sSup></m:oMath></m:oMathPara></a14:m></mc:Choice>'
        '<mc:Fallback><a:r><a:t>EQUATIONPICTURETEXT</a:t></a:r></mc:Fallback></mc:AlternateContent>'
        '</a:p></p:txBody></p:sp>'
    )
    return df.with_slide_xml(src, dst, lambda d: _add_to_tree(d, shapes, ns))


def chart_title_in_wrapper(src_with_chart: Path, dst: Path) -> Path:
    """The chart part's title wrapped in mc:AlternateContent (Choice needs c14; the Fallback repeats it)."""
    def edit(name, data):
        if not re.fullmatch(r"ppt/charts/chart\d+\.xml", name):
            return data
        m = re.search(rb"<c:title>.*?</c:title>", data, re.S)
        title = m.group(0)
        fallback = title.replace(b"Charttitlewords", b"FALLBACKTITLE")
        wrapped = (b'<mc:AlternateContent xmlns:mc="' + MC.encode() + b'" xmlns:c14="http://schemas.microsoft.com/'
                   b'office/drawing/2007/8/2/chart"><mc:Choice Requires="c14">' + title + b"</mc:Choice><mc:Fallback>"
                   + fallback + b"</mc:Fallback></mc:AlternateContent>")
        return data.replace(title, wrapped, 1)

    return df.rewrite_zip(src_with_chart, dst, edit)


CHARTEX_PART = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cx:chartSpace xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:cx="{CX}">
 <cx:chartData>
  <cx:data id="0">
   <cx:strDim type="cat"><cx:f>Sheet1!$A$2:$A$5</cx:f>
    <cx:lvl ptCount="4"><cx:pt idx="0">Openingbalance</cx:pt><cx:pt idx="1">Newcontracts</cx:pt>
     <cx:pt idx="2">Churnedaccounts</cx:pt><cx:pt idx="3">Closingbalance</cx:pt></cx:lvl>
    <cx:lvl ptCount="4"><cx:pt idx="0">Fiscalyear</cx:pt></cx:lvl>
   </cx:strDim>
   <cx:numDim type="val"><cx:f>Sheet1!$B$2:$B$5</cx:f>
    <cx:lvl ptCount="4" formatCode="General"><cx:pt idx="0">100</cx:pt><cx:pt idx="1">40</cx:pt>
     <cx:pt idx="2">-15</cx:pt><cx:pt idx="3">125</cx:pt></cx:lvl>
   </cx:numDim>
  </cx:data>
 </cx:chartData>
 <cx:chart>
  <cx:title pos="t" align="ctr" overlay="0"><cx:tx><cx:txData><cx:v>Revenuebridge waterfall</cx:v></cx:txData></cx:tx>
   <cx:txPr><a:bodyPr/><a:p><a:r><a:t>Revenuebridge waterfall</a:t></a:r></a:p></cx:txPr></cx:title>
  <cx:plotArea><cx:plotAreaRegion>
   <cx:series layoutId="waterfall" uniqueId="{{00000000-0001-0000-0000-000000000000}}">
    <cx:tx><cx:txData><cx:f>Sheet1!$B$1</cx:f><cx:v>Bookingsseries</cx:v></cx:txData></cx:tx>
    <cx:dataId val="0"/>
   </cx:series>
  </cx:plotAreaRegion></cx:plotArea>
 </cx:chart>
</cx:chartSpace>"""


def chartex(src: Path, dst: Path) -> Path:
    """A waterfall chart as Office 2016+ writes it: a graphicFrame pointing at a cx:chartSpace part, wrapped
    in mc:AlternateContent whose Fallback is the "not available in your version" box."""
    frame = (
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice xmlns:cx1="{CX1}" Requires="cx1">'
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="80" name="Chart 1"/><p:cNvGraphicFramePr/><p:nvPr/>'
        '</p:nvGraphicFramePr><p:xfrm><a:off x="1000000" y="1500000"/><a:ext cx="6000000" cy="3500000"/></p:xfrm>'
        f'<a:graphic><a:graphicData uri="{CX}"><cx:chart xmlns:cx="{CX}" r:id="rIdCx1"/></a:graphicData></a:graphic>'
        '</p:graphicFrame></mc:Choice><mc:Fallback>'
        + _sp(81, "This chart isn't available in your version of PowerPoint") +
        '</mc:Fallback></mc:AlternateContent>'
    )

    def edit(name, data):
        if name == "ppt/slides/slide1.xml":
            return _add_to_tree(data, frame)
        if name == "ppt/slides/_rels/slide1.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rIdCx1" Type="http://schemas.microsoft.com/'
                                b'office/2014/relationships/chartEx" Target="../charts/chartEx1.xml"/></Relationships>')
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/ppt/charts/chartEx1.xml" '
                                b'ContentType="application/vnd.ms-office.chartex+xml"/></Types>')
        return data

    return df.rewrite_zip(src, dst, edit, add={"ppt/charts/chartEx1.xml": CHARTEX_PART.encode()})


def merged_table(path: Path) -> Path:
    """A 3x3 table: row 0 spans all columns (gridSpan), column 0 of rows 1-2 spans two rows (rowSpan); every
    covered cell still holds text, as after merging filled cells in PowerPoint."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Merged cells"
    table = s.shapes.add_table(3, 3, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(0, 2))  # python-pptx moves the covered cells' text into the origin ...
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(0, 0).text = "Spanning header"
    table.cell(1, 0).text = "Tall cell"
    for r, c in ((0, 1), (0, 2), (2, 0)):  # ... PowerPoint files often keep it there: put some back
        table.cell(r, c).text = f"COVERED{r}{c}"
    prs.save(path)
    return path


def case_shifted_parts(src: Path, dst: Path) -> Path:
    """The same deck with slide 1 stored as ppt/Slides/Slide1.XML while every relationship and the content
    types still say ppt/slides/slide1.xml, and slide 2's relationship target written in capitals."""
    def rename(name):
        if name == "ppt/slides/slide1.xml":
            return "ppt/Slides/Slide1.XML"
        if name == "ppt/slides/_rels/slide1.xml.rels":
            return "ppt/Slides/_rels/Slide1.XML.rels"
        return name

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "ppt/_rels/presentation.xml.rels":
                data = data.replace(b'Target="slides/slide2.xml"', b'Target="SLIDES/SLIDE2.XML"')
                assert b"SLIDE2.XML" in data
            zout.writestr(rename(info.filename), data)
    return dst


def case_duplicate(src: Path, dst: Path) -> Path:
    """Two members whose names differ only in letter case: one part to OPC, so the package is invalid."""
    df.rewrite_zip(src, dst)
    with zipfile.ZipFile(dst, "a") as z:
        z.writestr("ppt/slides/SLIDE1.xml", b"<p:sld/>")
    return dst
