"""Reading sources into Articles: paths, standard input, bytes, detection and bad input."""

from __future__ import annotations

import codecs
import gzip
import io
import logging
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from retold.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    OptionsError,
    SourceNotFoundError,
)
from retold.ingest.loader import (
    IngestOptions,
    article_from_bytes,
    article_from_html,
    article_from_text,
    decode,
    load,
    looks_like_html,
)
from tests.paths import DATA

HTML_DIR = DATA / "html"
HARBOUR = (HTML_DIR / "harbour_bridge.html").read_bytes()
TEXT = (
    "Officials in Kessel said on Oct. 7 that 38,000 vehicles a day would use the bridge.\n"
    "\n"
    "The repair cost 212 million kroner.  \n"
    "scroll to top\n"
)


# --- plain text -------------------------------------------------------------


def test_plain_text_passes_through_exactly(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = load(str(path))
    assert article.text == TEXT
    assert article.title == ""


def test_line_endings_are_normalised_and_bom_stripped() -> None:
    data = codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8")
    assert article_from_bytes(data).text == TEXT
    old_mac = TEXT.replace("\n", "\r").encode("utf-8")
    assert article_from_bytes(old_mac).text == TEXT


def test_furniture_cleaning_of_plain_text_is_opt_in() -> None:
    assert "scroll to top" in article_from_text(TEXT).text
    cleaned = article_from_text(TEXT, IngestOptions(clean_text=True)).text
    assert cleaned == TEXT.replace("scroll to top\n", "")


def test_utf16_with_bom_is_read() -> None:
    data = codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")
    assert article_from_bytes(data).text == TEXT


def test_plain_text_keeps_the_url_it_came_from() -> None:
    article = article_from_bytes(TEXT.encode(), url="https://example.org/story.txt")
    assert article.url == "https://example.org/story.txt"
    assert article.text == TEXT


# --- HTML detection -----------------------------------------------------------


def test_html_in_a_txt_file_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_bytes(HARBOUR)
    article = load(str(path))
    assert article.title == "Harbour bridge reopens after 14-month repair"
    assert article.byline == "Maren Ostby"
    assert "scroll to top" not in article.text.lower()
    assert "He said the advertisement was misleading." in article.text


def test_plain_text_in_an_html_file_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(TEXT, encoding="utf-8")
    assert load(str(path)).text == TEXT


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><p>x</p></body></html>",
        "\n\n  <html lang='en'><p>x</p></html>",
        "<?xml version='1.0'?>\n<!-- saved --><html><body>x</body></html>",
        "<p>The vote passed.</p><p>It was close.</p>",
        "<div class='story'>The vote passed.</div>",
        "<meta charset='utf-8'><title>Vote</title><p>The vote passed.</p>",
        "Saved page\n<html><head></head><body><p>The vote passed.</p></body></html>",
    ],
)
def test_looks_like_html(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        "Use the <p> tag for paragraphs, the guide says.",
        "a < b and b > c, the proof shows.",
        "<Unknown> speaker said the vote passed.",
        "The page's <body> and <html> tags were missing, the audit found.",
    ],
)
def test_does_not_look_like_html(text: str) -> None:
    assert not looks_like_html(text)


BODY = (
    "The council voted 7-2 on Monday to close the harbour bridge for repairs. "
    "The work will cost $4 million and take six months, the city engineer said.\n\n"
    "Residents who use the bridge daily will have to take a ferry instead. "
    "The ferry will run every 20 minutes from 6 a.m. to midnight.\n"
)


@pytest.mark.parametrize(
    "first_line",
    [
        '<div class="note"></div>',
        "<h1>Bridge to close for six months</h1>",
        "<p>EMBARGOED until Tuesday 9 a.m.</p>",
        '<a href="https://example.org/bridge">Bridge</a> to close',
    ],
)
def test_text_with_a_tag_on_its_first_line_stays_text(first_line: str, tmp_path: Path) -> None:
    # issue 16: such a file was read as HTML and its body dropped or refused
    text = f"{first_line}\n\n{BODY}"
    assert not looks_like_html(text)
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    assert load(str(path)).text == text


def test_html_fragment_is_extracted() -> None:
    html = (
        "<p>The city council voted 7 to 4 on Tuesday to keep the Elm Street library open.</p>"
        "<p>Library visits rose by 18 percent last year, the librarian said.</p>"
    )
    article = article_from_html(html)
    assert article.text == (
        "The city council voted 7 to 4 on Tuesday to keep the Elm Street library open.\n\n"
        "Library visits rose by 18 percent last year, the librarian said."
    )


# --- empty input ----------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_input(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyInputError) as info:
        load(str(path))
    assert info.value.hint


def test_html_without_article_text_is_empty_input() -> None:
    page = b"<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>"
    with pytest.raises(EmptyInputError):
        article_from_bytes(page)


def test_html_whose_text_is_no_article_says_what_was_left_out(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>Latest news</a></nav>"
        "<script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(EmptyInputError) as info:
        load(str(path))
    message = str(info.value)
    assert f"no article text found in {path}" in message
    assert "none of its 3 words of text" in message
    assert "plain text" in info.value.hint and "\n" not in message


def test_the_extractor_s_own_warnings_are_debug_lines_of_ours(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    # trafilatura warns "discarding data: None" for a page it finds nothing
    # in; the user is told once, by our error, on one line
    page = b"<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>"
    with caplog.at_level(logging.DEBUG), pytest.raises(EmptyInputError):
        article_from_bytes(page)
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert loud == []
    assert any(
        r.name == "retold.ingest" and "trafilatura" in r.getMessage() for r in caplog.records
    )
    path = tmp_path / "menu.html"
    path.write_bytes(page)
    program = shutil.which("retold", path=str(Path(sys.executable).parent))
    assert program
    done = subprocess.run(
        [program, "segment", str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [done.stderr.rstrip("\n")], done.stderr
    assert done.stderr.startswith("retold: error: [E101]")


def test_empty_html_string_is_empty_input() -> None:
    with pytest.raises(EmptyInputError):
        article_from_html("  ")


# --- binary input ----------------------------------------------------------------


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", TEXT)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (gzip.compress(TEXT.encode()), "gzip"),
        (_zip_bytes(), "ZIP"),
        (b"The vote\x00passed.", "NUL"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b"The vote passed." * 10, "control bytes"),
    ],
)
def test_binary_input(data: bytes, what: str) -> None:
    with pytest.raises(BinaryInputError, match=what) as info:
        article_from_bytes(data, name="upload")
    assert "upload" in str(info.value)


def test_terminal_colours_are_not_binary() -> None:
    data = b"\x1b[1mBREAKING\x1b[0m The vote passed 7 to 4.\n\x0cPage 2\n"
    assert article_from_bytes(data).text == data.decode()


# --- decoding --------------------------------------------------------------------


def test_latin1_plain_text_is_not_guessed() -> None:
    data = "Café owners paid 12 øre more.\n".encode("latin-1")
    with pytest.raises(DecodeError, match="not valid UTF-8") as info:
        article_from_bytes(data)
    assert "UTF-8" in info.value.hint


def test_declared_charset_is_used_for_plain_text() -> None:
    data = "Café owners paid 12 øre more.\n".encode("latin-1")
    assert decode(data, charset="iso-8859-1") == "Café owners paid 12 øre more.\n"


def test_meta_charset_is_used_for_html() -> None:
    html = (
        "<html><head><meta charset='windows-1252'></head><body><article>"
        "<p>The café on Rue Saint-Honoré served 1,200 customers on its first day, "
        "the owner said on Sunday.</p></article></body></html>"
    ).encode("cp1252")
    article = article_from_bytes(html)
    assert "The café on Rue Saint-Honoré served 1,200 customers" in article.text


FETE = (
    "La fête de la musique a réuni 12 000 personnes à Genève, où les élèves du conservatoire "
    "ont joué dès le matin près du lac. Le maire a déclaré que la sécurité était assurée par "
    "300 bénévoles."
)
LODZ = (
    "Zażółć gęślą jaźń. Łódź i Kraków są pięknymi miastami, a Wrocław leży nad Odrą. "
    "Świętokrzyskie góry są niewysokie i bardzo piękne, mówią przewodnicy z Kielc."
)
TOKYO = (
    "東京都は月曜日、新しい図書館を開館したと発表した。"
    "館内には約二十万冊の本があり、市民は無料で利用できる。"
)


@pytest.mark.parametrize(
    ("text", "encoding"), [(FETE, "cp1252"), (LODZ, "cp1250"), (TOKYO, "shift_jis")]
)
def test_undeclared_charset_of_html_is_detected(text: str, encoding: str) -> None:
    page = f"<html><body><article><p>{text}</p></article></body></html>"
    assert article_from_bytes(page.encode(encoding)).text == text


def test_bytes_that_do_not_fit_the_declared_charset_are_an_error() -> None:
    with pytest.raises(DecodeError, match="declares the charset"):
        decode(b"\x81\x8d\x8f caf\xe9", charset="windows-1252")


def test_bytes_that_do_not_fit_their_bom_are_an_error() -> None:
    with pytest.raises(DecodeError, match="byte-order mark"):
        article_from_bytes(codecs.BOM_UTF8 + b"caf\xe9 au lait")


def test_unknown_declared_charset_falls_through_to_an_error() -> None:
    with pytest.raises(DecodeError):
        decode("Café".encode("latin-1"), charset="no-such-charset")


# --- size limits -----------------------------------------------------------------


def test_file_over_the_default_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        # sparse: NUL bytes that would read as binary, so only a size check
        # made before reading can give InputTooLargeError
        handle.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(InputTooLargeError, match="20 MB") as info:
        load(str(path))
    assert info.value.hint


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "fits.txt"
    path.write_text(TEXT, encoding="utf-8")
    size = len(TEXT.encode())
    assert load(str(path), IngestOptions(max_bytes=size)).text == TEXT
    with pytest.raises(InputTooLargeError):
        load(str(path), IngestOptions(max_bytes=size - 1))


def test_bytes_over_the_limit_are_refused() -> None:
    with pytest.raises(InputTooLargeError):
        article_from_bytes(b"x" * 101, IngestOptions(max_bytes=100))


def test_stdin_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HARBOUR), encoding="utf-8"))
    article = load("-")
    assert article.title == "Harbour bridge reopens after 14-month repair"


def test_stdin_over_the_limit_reads_at_most_limit_plus_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = io.BytesIO(TEXT.encode() * 1000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    with pytest.raises(InputTooLargeError, match="standard input"):
        load("-", IngestOptions(max_bytes=500))
    assert raw.tell() == 501


# --- missing sources -----------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError, match="no such file") as info:
        load(str(tmp_path / "nope.txt"))
    assert info.value.hint


def test_missing_url_scheme_gets_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceNotFoundError) as info:
        load("www.example.org/news/story")
    assert "https://www.example.org/news/story" in info.value.hint
    with pytest.raises(SourceNotFoundError) as info:
        load("story.txt")
    assert "https://" not in info.value.hint


def test_directory_is_not_a_source(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError, match="is a directory"):
        load(str(tmp_path))


# --- errors read well -----------------------------------------------------------------


def test_errors_are_one_line_with_code_and_hint(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load(str(tmp_path / "missing.html"))
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"[{info.value.code}] ")
    assert info.value.hint in message


@pytest.mark.parametrize(
    "kwargs", [{"max_bytes": 0}, {"timeout": 0.0}, {"timeout": -1.0}, {"total_timeout": 0.0}]
)
def test_bad_options(kwargs: dict[str, float]) -> None:
    with pytest.raises(OptionsError):
        IngestOptions(**kwargs)  # type: ignore[arg-type]


def test_plain_text_headline_becomes_the_title() -> None:
    from retold.ingest.loader import article_from_text

    text = "Storm Closes Harbor Bridge\n\nThe bridge closed on Oct. 7. It may reopen in May.\n"
    article = article_from_text(text)
    assert article.title == "Storm Closes Harbor Bridge"
    assert article.text == text  # the title stays in the text: offsets are unchanged
    assert article_from_text("The bridge closed on Oct. 7.\n\nIt may reopen.").title == ""
    assert article_from_text("Storm Closes Harbor Bridge\nThe bridge closed.").title == ""
    assert article_from_text("Only a headline").title == ""
