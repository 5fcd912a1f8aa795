"""Word (.docx) and OpenDocument (.odt) transcripts: read as their text, one line per paragraph,
in any text shape; what is not the text (deleted changes, field codes, text boxes, notes,
comments) left out; anything else that is a ZIP or an old Office file refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_main import run
from document_writers import docx, docx_styled, docx_xml, odt, odt_xml, word_run, word_xml, zip_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audiokit.errors import FormatError, InputError
from audiokit.transcripts import doc_xml, documents, load
from audiokit.transcripts.documents import OLE_MAGIC, read_document

ROOT = Path(__file__).resolve().parents[1]
SHAPES = Path(__file__).parent / "fixtures" / "transcripts" / "shapes"
WORD_TEXT = ["Ann Lee, Host: Welcome to the show.", "", "Bob Roy: Thanks for having me.",
             "Ann Lee: Let's begin."]


@pytest.fixture(autouse=True, params=["whole", "stream"])
def parse_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test twice: the main part parsed whole (as a transcript's is) and as a stream (as a
    part over STREAM_ABOVE is); both must read the same."""
    if request.param == "stream":
        monkeypatch.setattr(documents, "STREAM_ABOVE", 0)
    return str(request.param)


def lines_of(data: bytes) -> list[str]:
    return read_document(data, "t.docx").text.split("\n")


def para(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def r(text: str) -> str:
    return word_run(text)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def turns(path: Path) -> list[tuple[str, str, object]]:
    return [(t.speaker, t.text, t.hint) for t in load(path).episode.turns]


# --- shapes: a document reads exactly like the text it holds ---------------------------------


def test_plain_turns_from_word(tmp_path: Path) -> None:
    t = load(write(tmp_path, "talk.docx", docx(WORD_TEXT)))
    assert t.format == "plain"
    assert t.shape == "plain speaker turns (from a Word document)"
    assert [(s.name, s.role) for s in t.episode.speakers] == [("Ann Lee", "Host"), ("Bob Roy", None)]
    assert [turn.text for turn in t.episode.turns] == ["Welcome to the show.", "Thanks for having me.",
                                                      "Let's begin."]


@pytest.mark.parametrize("fixture", sorted(p.name for p in SHAPES.glob("*") if p.suffix in (".txt", ".srt", ".vtt")))
@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_every_text_shape_reads_the_same_from_a_document(tmp_path: Path, fixture: str, kind: str) -> None:
    source = SHAPES / fixture
    lines = source.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    data = docx(lines) if kind == "docx" else odt(lines)
    from_text, from_doc = load(source), load(write(tmp_path, f"x.{kind}", data))
    assert from_doc.format == from_text.format
    where = "a Word document" if kind == "docx" else "an OpenDocument text"
    assert from_doc.shape == f"{from_text.shape} (from {where})"
    assert [(t.speaker, t.text, t.hint) for t in from_doc.episode.turns] == \
        [(t.speaker, t.text, t.hint) for t in from_text.episode.turns]
    assert from_doc.episode.speakers == from_text.episode.speakers
    assert from_doc.episode.metadata.title == from_text.episode.metadata.title


def test_rev_export_as_word_paragraphs(tmp_path: Path) -> None:
    # How Rev lays out its Word export: the label paragraph, the text paragraph, an empty one.
    body = "".join([para(r("Speaker 1 (00:00):")), para(r("Hello and welcome.")), "<w:p/>",
                    para(r("Speaker 2 (00:04):")), para(r("Glad to be here.")), "<w:p/>"])
    t = load(write(tmp_path, "rev.docx", docx_xml(body)))
    assert t.shape == "Rev text export (from a Word document)"
    assert [(s, x) for s, x, _ in turns(tmp_path / "rev.docx")] == [
        ("Speaker 1", "Hello and welcome."), ("Speaker 2", "Glad to be here.")]
    assert t.episode.turns[1].hint is not None and t.episode.turns[1].hint.start == 4.0


def test_otter_export_as_word_paragraphs(tmp_path: Path) -> None:
    body = "".join([para(r("Dana Whitfield  0:00")), para(r("Welcome back.")), "<w:p/>",
                    para(r("Luis Ortega  0:06")), para(r("Thanks, Dana."))])
    t = load(write(tmp_path, "otter.docx", docx_xml(body)))
    assert t.shape == "Otter text export (from a Word document)"
    assert [(x.speaker, x.text) for x in t.episode.turns] == [("Dana Whitfield", "Welcome back."),
                                                            ("Luis Ortega", "Thanks, Dana.")]


def test_sample_episode_as_word_reads_like_its_text(tmp_path: Path) -> None:
    text = load(ROOT / "samples" / "episode.txt")
    lines = (ROOT / "samples" / "episode.txt").read_text(encoding="utf-8").split("\n")
    doc = load(write(tmp_path, "episode.docx", docx(lines)))
    assert [w.text for w in doc.episode.words()] == [w.text for w in text.episode.words()]
    assert doc.episode.speakers == text.episode.speakers
    assert [(t.speaker, t.text) for t in doc.episode.turns] == [(t.speaker, t.text) for t in text.episode.turns]
    assert doc.episode.metadata.title == text.episode.metadata.title


def test_format_option_reads_the_document_text_as_that_format(tmp_path: Path) -> None:
    t = load(write(tmp_path, "x.docx", docx(["[00:00:01] Ann: Hi.", "[00:00:03] Bob: Yo."])), "timestamped")
    assert t.format == "timestamped" and [x.speaker for x in t.episode.turns] == ["Ann", "Bob"]


# --- Word: what is text and what is not ---------------------------------------------------------


def test_tracked_changes_read_as_accepted() -> None:
    body = para(r("We "), '<w:del w:id="1"><w:r><w:delText>never </w:delText></w:r></w:del>',
                '<w:ins w:id="2"><w:r><w:t xml:space="preserve">always </w:t></w:r></w:ins>', r("test."),
                '<w:moveFrom w:id="3"><w:r><w:t>old place</w:t></w:r></w:moveFrom>')
    merged = ('<w:p><w:pPr><w:rPr><w:del w:id="4"/></w:rPr></w:pPr>' + r("Joined ") + "</w:p>"
              + para(r("with the next.")))
    assert lines_of(docx_xml(body + merged)) == ["We always test.", "Joined with the next."]


def test_tabs_breaks_and_hyphens() -> None:
    body = para("<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>well</w:t>"
                "<w:noBreakHyphen/><w:t>known hy</w:t><w:softHyphen/><w:t>phen</w:t></w:r>")
    assert lines_of(docx_xml(body)) == ["a\tb", "c", "well-known hyphen"]


def test_tab_stops_in_paragraph_properties_are_not_tabs() -> None:
    body = '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' + r("Ann: Hi.") + "</w:p>"
    assert lines_of(docx_xml(body)) == ["Ann: Hi."]


def test_table_cells_read_in_order() -> None:
    def cell(*texts: str) -> str:
        return "<w:tc><w:tcPr/>" + "".join(para(r(t)) for t in texts) + "</w:tc>"

    table = ("<w:tbl><w:tblPr/><w:tblGrid/><w:tr>" + cell("Ann:", "Hello.") + cell("0:01") + "</w:tr>"
             "<w:tr>" + cell("Bob:") + cell("Hi.") + "</w:tr></w:tbl>")
    assert lines_of(docx_xml(para(r("Before")) + table + para(r("After")))) == [
        "Before", "Ann:", "Hello.", "0:01", "Bob:", "Hi.", "After"]


def word_table(rows: list[list[str]]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc>{para(r(c)) if c else '<w:p/>'}</w:tc>" for c in row)
                               + "</w:tr>" for row in rows) + "</w:tbl>"


def odt_table(rows: list[list[str]]) -> str:
    return "<table:table><table:table-rows>" + "".join(
        "<table:table-row>" + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in row)
        + "</table:table-row>" for row in rows) + "</table:table-rows></table:table>"


TABLE_ROWS = [["Time", "Speaker", "Text"], ["00:00:01:12", "Ann Lee", "Hello there, welcome."],
              ["[00:00:05] - [00:00:09]", "Bob Roy:", "Thanks for having me."], ["00:00:09", "", "Truly."],
              ["00:00:12", "Ann Lee", "Let us start."]]


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_transcript_laid_out_as_a_table_reads_a_turn_a_row(tmp_path: Path, kind: str) -> None:
    data = docx_xml(word_table(TABLE_ROWS)) if kind == "docx" else odt_xml(odt_table(TABLE_ROWS))
    t = load(write(tmp_path, f"table.{kind}", data))
    assert t.format == "timestamped" and not t.warnings
    assert [(x.speaker, x.text, x.hint.start if x.hint else None) for x in t.episode.turns] == [
        ("Ann Lee", "Hello there, welcome.", 1.0), ("Bob Roy", "Thanks for having me.", 5.0),
        ("Bob Roy", "Truly.", 9.0), ("Ann Lee", "Let us start.", 12.0)]  # an empty speaker cell: the same one


def test_a_two_column_table_of_speakers_and_text(tmp_path: Path) -> None:
    rows = [["Speaker", "Text"], ["Ann Lee", "Hello there."], ["Bob Roy", "Hi, Ann."]]
    t = load(write(tmp_path, "t.docx", docx_xml(word_table(rows))))
    assert [(x.speaker, x.text) for x in t.episode.turns] == [("Ann Lee", "Hello there."), ("Bob Roy", "Hi, Ann.")]


def test_other_tables_are_read_cell_by_cell() -> None:
    rows = [["Episode", "41"], ["Recorded", "4 May 2024"], ["Guest", "Bob Roy"]]
    assert lines_of(docx_xml(word_table(rows))) == ["Episode", "41", "Recorded", "4 May 2024", "Guest", "Bob Roy"]


def test_links_fields_smart_tags_and_content_controls_are_read() -> None:
    body = para(r("See "), '<w:hyperlink r:id="rId1" xmlns:r="urn:r">' + r("our site") + "</w:hyperlink>",
                '<w:fldSimple w:instr=" PAGE ">' + r(" 3") + "</w:fldSimple>",
                '<w:smartTag w:uri="u" w:element="place">' + r(" in Paris") + "</w:smartTag>",
                "<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>" + r(" today") + "</w:sdtContent></w:sdt>")
    block_sdt = "<w:sdt><w:sdtContent>" + para(r("Inside a control.")) + "</w:sdtContent></w:sdt>"
    assert lines_of(docx_xml(body + block_sdt)) == ["See our site 3 in Paris today", "Inside a control."]


def test_field_codes_are_not_read_but_their_results_are() -> None:
    body = para(r("Page "), '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("7"),
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    assert lines_of(docx_xml(body)) == ["Page 7"]


def test_notes_comments_and_text_boxes_are_not_read() -> None:
    box = ("<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:txbx><w:txbxContent>"
           + para(r("BOX TEXT")) + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
           "<w:txbxContent>" + para(r("FALLBACK TEXT")) + "</w:txbxContent></w:pict></mc:Fallback>"
           "</mc:AlternateContent></w:r>")
    body = para(r("Ann: Hi."), '<w:r><w:footnoteReference w:id="1"/></w:r>',
                '<w:commentRangeStart w:id="0"/>', r(" Again."), '<w:commentRangeEnd w:id="0"/>',
                '<w:r><w:commentReference w:id="0"/></w:r>', box)
    extra = {"word__footnotes.xml": '<w:footnotes xmlns:w="urn:w"><w:footnote><w:p><w:r><w:t>FOOTNOTE'
             "</w:t></w:r></w:p></w:footnote></w:footnotes>",
             "word__comments.xml": '<w:comments xmlns:w="urn:w"><w:comment><w:p><w:r><w:t>COMMENT'
             "</w:t></w:r></w:p></w:comment></w:comments>",
             "word__header1.xml": "<w:hdr xmlns:w='urn:w'><w:p><w:r><w:t>HEADER</w:t></w:r></w:p></w:hdr>"}
    assert lines_of(docx_xml(body, **extra)) == ["Ann: Hi. Again."]


def test_word_online_main_part_is_found_through_the_relationships() -> None:
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship'
            ' Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
            ' Target="/word/document2.xml"/></Relationships>')
    data = zip_bytes({"_rels/.rels": rels, "word/document2.xml": word_xml(para(r("Ann: Online.")))})
    assert lines_of(data) == ["Ann: Online."]


def test_strict_open_xml_is_read() -> None:
    xml = ('<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r>'
           "<w:t>Ann: Strict.</w:t></w:r></w:p></w:body></w:document>")
    assert lines_of(zip_bytes({"word/document.xml": xml})) == ["Ann: Strict."]


# --- OpenDocument ---------------------------------------------------------------------------------


def test_odt_spaces_tabs_breaks_spans_and_links() -> None:
    body = ('<text:h text:outline-level="1">Episode 4</text:h><text:p>Ann:<text:s text:c="3"/>Hi'
            '<text:tab/>there<text:line-break/>and <text:span>welcome</text:span> to'
            ' <text:a xlink:href="http://x" xmlns:xlink="http://www.w3.org/1999/xlink">the   show</text:a>.</text:p>'
            "<text:p/><text:p>  Bob:\n   Thanks. <text:soft-page-break/> Really.</text:p>")
    assert lines_of(odt_xml(body)) == ["Episode 4", "Ann:   Hi\tthere", "and welcome to the show.", "",
                                       "Bob: Thanks. Really."]


def test_odt_lists_and_tables() -> None:
    body = ("<text:list><text:list-item><text:p>Ann: one</text:p></text:list-item>"
            "<text:list-item><text:p>Bob: two</text:p></text:list-item></text:list>"
            "<table:table><table:table-column/><table:table-row><table:table-cell><text:p>Ann:</text:p>"
            "</table:table-cell><table:table-cell><text:p>cell</text:p></table:table-cell></table:table-row>"
            "</table:table>")
    assert lines_of(odt_xml(body)) == ["Ann: one", "Bob: two", "Ann:", "cell"]


def test_odt_notes_comments_changes_and_frames_are_not_read() -> None:
    body = ("<text:tracked-changes><text:changed-region text:id='c1'><text:deletion><text:p>DELETED</text:p>"
            "</text:deletion></text:changed-region></text:tracked-changes>"
            "<text:p>Ann: Hi<text:note text:note-class='footnote'><text:note-citation>1</text:note-citation>"
            "<text:note-body><text:p>FOOTNOTE</text:p></text:note-body></text:note>"
            "<office:annotation><text:p>COMMENT</text:p></office:annotation> there."
            "<text:change text:change-id='c1'/><draw:frame><draw:text-box><text:p>BOX</text:p></draw:text-box>"
            "</draw:frame></text:p>")
    assert lines_of(odt_xml(body)) == ["Ann: Hi there."]


def test_odt_space_counts_are_capped() -> None:
    line = lines_of(odt_xml('<text:p>a<text:s text:c="999999999"/>b<text:s text:c="x"/>c</text:p>'))[0]
    assert line == "a" + " " * doc_xml.MAX_SPACES + "b c"


def test_odt_without_mimetype_is_read_from_content_xml() -> None:
    data = odt_xml("<text:p>Ann: Hi.</text:p>")
    import io
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        content = z.read("content.xml")
    assert lines_of(zip_bytes({"content.xml": content})) == ["Ann: Hi."]


# --- refusals: one line naming the file ------------------------------------------------------------


@pytest.mark.parametrize(("parts", "what"), [
    ({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}, "an Excel workbook"),
    ({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}, "a PowerPoint presentation"),
    ({"notes.txt": "Ann: Hi.", "audio.mp3": b"ID3"}, "a ZIP archive of other files"),
    ({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"},
     "an OpenDocument spreadsheet"),
    ({"mimetype": "application/epub+zip"}, "a ZIP archive (application/epub+zip)"),
])
def test_other_zips_are_refused(parts: dict[str, str | bytes], what: str) -> None:
    with pytest.raises(InputError) as info:
        read_document(zip_bytes(parts), "talk.docx")
    assert str(info.value) == (f"talk.docx: {what}, not a transcript; audiokit reads Word (.docx) and"
                               " OpenDocument (.odt) documents and text, caption and JSON transcripts")


def test_old_office_files_are_refused() -> None:
    def refused(data: bytes) -> str:
        with pytest.raises(InputError) as info:
            read_document(data, "t.doc")
        return str(info.value)

    assert refused(OLE_MAGIC + b"\0" * 64 + "WordDocument".encode("utf-16-le")) == \
        "t.doc: a Word 97-2003 .doc file; save it as .docx or plain text"
    assert "password-protected" in refused(OLE_MAGIC + "EncryptedPackage".encode("utf-16-le"))
    assert "old Microsoft Office file" in refused(OLE_MAGIC + "Workbook".encode("utf-16-le"))


@pytest.mark.parametrize(("data", "what"), [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file"),
                                           (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}Ann: Hi.}", "an RTF document")])
def test_pdf_and_rtf_are_refused_saying_what_to_do(tmp_path: Path, data: bytes, what: str) -> None:
    with pytest.raises(InputError) as info:
        load(write(tmp_path, "talk.txt", data))
    assert str(info.value) == (f"{tmp_path / 'talk.txt'}: {what}, which audiokit does not read; save the"
                               " transcript as .docx, .odt or plain text")


@pytest.mark.parametrize("cut", [10, 40, 200, -30])
def test_damaged_archives_are_one_line(cut: int) -> None:
    data = docx(WORD_TEXT * 20)
    with pytest.raises(InputError) as info:
        read_document(data[:cut], "cut.docx")
    assert str(info.value).startswith("cut.docx: a damaged ZIP archive, not a readable document (")


def test_broken_xml_doctype_and_wrong_root_are_format_errors() -> None:
    broken = zip_bytes({"word/document.xml": word_xml(para(r("Ann: Hi.")) * 50_000)[:-40]})  # past a chunk
    bomb = zip_bytes({"word/document.xml": '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "aaaa">]>'
                      "<w:document/>"})
    other = zip_bytes({"word/document.xml": "<html><p>hi</p></html>"})
    utf16 = zip_bytes({"word/document.xml": '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d><d/>'.encode("utf-16")})
    for data, message in [(utf16, "Word document: word/document.xml declares a DOCTYPE; refused"), (broken, "Word document: word/document.xml is not well-formed XML (unclosed token: line 1, column"),
                          (bomb, "Word document: word/document.xml declares a DOCTYPE; refused"),
                          (other, "Word document: word/document.xml is not a document's text")]:
        with pytest.raises(FormatError) as info:
            read_document(data, "t.docx")
        assert str(info.value).startswith(f"t.docx: {message}")


def test_over_the_size_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = docx(["Ann: " + "word " * 2000])
    assert lines_of(data)  # read under the real cap
    monkeypatch.setattr(documents, "MAX_BYTES", 5000)
    with pytest.raises(InputError) as info:
        read_document(data, "bomb.docx")
    assert str(info.value) == ("bomb.docx: word/document.xml unpacks to more than 0 MB; refused"
                               " (no transcript is that large: a ZIP bomb?)")


def test_a_document_without_text_is_refused() -> None:
    with pytest.raises(InputError, match="an OpenDocument text with no text"):
        read_document(odt(["", "  "]), "empty.odt")


# --- the command line ---------------------------------------------------------------------------------


def test_cli_reads_a_word_transcript(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(capsys, monkeypatch, "transcript", write(tmp_path, "talk.docx", docx(WORD_TEXT)))
    assert code == 0, err
    assert "shape:     plain speaker turns (from a Word document)" in out
    assert "  - Ann Lee (Host): 2 turns" in out and "  - Bob Roy: 1 turn" in out


@pytest.mark.parametrize(("data", "message"), [
    (OLE_MAGIC + "WordDocument".encode("utf-16-le"), "a Word 97-2003 .doc file; save it as .docx or plain text"),
    (zip_bytes({"xl/workbook.xml": "<w/>"}), "an Excel workbook, not a transcript;"),
    (b"PK\x03\x04\x14\x00broken", "a damaged ZIP archive"),
])
def test_cli_refuses_a_bad_document_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch, data: bytes, message: str) -> None:
    path = write(tmp_path, "talk.docx", data)
    code, out, err = run(capsys, monkeypatch, "transcript", path)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"audiokit: error: {path}: {message}"), err


# --- property: paragraphs in, the same lines out -------------------------------------------------------

# Text XML can hold, without line breaks (a paragraph is one line) and without \r (XML turns it into \n).
LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
                    | st.sampled_from("\t <>&'\""), max_size=40)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(LINE_TEXT, min_size=1, max_size=12).filter(lambda ps: any(p.strip() for p in ps)))
def test_paragraphs_read_back_as_lines(paragraphs: list[str]) -> None:
    assert lines_of(docx(paragraphs)) == paragraphs
    assert lines_of(docx_styled(paragraphs)) == paragraphs  # a run per word, as Word writes after edits


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(LINE_TEXT, min_size=1, max_size=12).filter(lambda ps: any(p.strip() for p in ps)))
def test_odt_paragraphs_read_back_as_lines(paragraphs: list[str]) -> None:
    assert lines_of(odt(paragraphs)) == paragraphs
