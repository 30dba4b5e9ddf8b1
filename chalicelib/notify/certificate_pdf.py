"""A certificate as a one-page PDF in Bahasa Indonesia: who, which agency, which level and
modules, when, and the verification code with its URL, also as a QR code.

pydyf writes the PDF and segno makes the QR code: both pure Python with no dependencies.
fpdf2 or ReportLab would bring Pillow and fontTools (≈ 13 MB zipped) into the Lambda zip. The
page uses the PDF's standard Helvetica (nothing embedded), so the text is left-aligned and
Latin-1/CP1252 only: a name outside it is printed in its closest ASCII form, and the
verification page, which is the certificate's authority, shows it exactly."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from datetime import date

import pydyf
import segno

from chalicelib.domain.certificates import Certificate
from chalicelib.i18n import translate

WIDTH, HEIGHT = 842, 595  # A4 landscape, in points
MARGIN = 56
QR_SIZE = 150
TEXT_WIDTH = WIDTH - 2 * MARGIN - QR_SIZE - 40
RED = (0.62, 0.09, 0.11)
INK = (0.13, 0.13, 0.13)
GREY = (0.4, 0.4, 0.4)
# Upper bounds of the characters' advances in Helvetica-Bold (Adobe's metrics, in em; regular
# Helvetica is narrower): a line measured with them never leaves the text column, and an
# ordinary name measures close to its true width.
_WIDEST = {"W": 0.944, "M": 0.833, "m": 0.889, "w": 0.778, "@": 0.975, "%": 0.889, "&": 0.722,
           "?": 0.611}  # fmt: skip
LINE_HEIGHT = 1.2


@dataclass(frozen=True)
class CertificateLabels:
    agency: str
    level: str
    verify_url: str


def _pdf_text(text: str) -> str:
    """A PDF hex string in WinAnsi (CP1252): a character it cannot hold becomes its nearest
    ASCII (ặ → a), or "?" when it has none."""
    encoded = bytearray()
    for character in text:
        try:
            encoded += character.encode("cp1252")
        except UnicodeEncodeError:
            nearest = unicodedata.normalize("NFKD", character).encode("ascii", "ignore")
            encoded += nearest or b"?"
    return f"<{encoded.hex()}>"


def _long_date(day: date) -> str:
    months = translate("date.months", "id").split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def t(key: str, **params: object) -> str:
    """The certificate's words: always in Bahasa Indonesia, the language of the record."""
    return translate(f"certificate.{key}", "id", **params)


def _advance(character: str) -> float:
    if character in _WIDEST:
        return _WIDEST[character]
    if not character.isascii():
        return 1.0
    if character.isupper():
        return 0.778
    if character.islower():
        return 0.611
    return 0.278 if character == " " else 0.584


def _width(text: str, size: float) -> float:
    return size * sum(_advance(c) for c in text)


def _fitted(text: str, largest: float, smallest: float) -> tuple[float, list[str]]:
    """The size and lines that set ``text`` in the text column: one line, as large as fits up
    to ``largest``; below ``smallest``, lines at that size, broken at spaces (and inside a word
    only when the word alone is wider than the column)."""
    one_line = min(largest, TEXT_WIDTH / max(_width(text, 1), 1))
    if one_line >= smallest:
        return one_line, [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if _width(candidate, smallest) <= TEXT_WIDTH:
            line = candidate
            continue
        if line:
            lines.append(line)
        *whole, line = _pieces(word, smallest)
        lines.extend(whole)
    lines.append(line)
    return smallest, lines


def _pieces(word: str, size: float) -> list[str]:
    """A word cut into pieces that each fit the column (one piece when it fits whole)."""
    pieces, rest = [], word
    while _width(rest, size) > TEXT_WIDTH:
        cut = max(n for n in range(1, len(rest)) if _width(rest[:n], size) <= TEXT_WIDTH)
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return [*pieces, rest]


class _Page:
    def __init__(self, stream: pydyf.Stream) -> None:
        self.stream = stream

    def text(self, x: float, y: float, text: str, *, font: str, size: float,
             color: tuple[float, float, float] = INK) -> None:  # fmt: skip
        self.stream.set_color_rgb(*color)
        self.stream.begin_text()
        self.stream.set_font_size(font, size)
        self.stream.set_text_matrix(1, 0, 0, 1, x, y)
        self.stream.show_text(_pdf_text(text))
        self.stream.end_text()

    def fitted(self, x: float, y: float, text: str, *, font: str, largest: float,
               smallest: float, color: tuple[float, float, float] = INK) -> float:  # fmt: skip
        """``text`` set to fit the column from ``y`` down; the baseline of its last line."""
        size, lines = _fitted(text, largest, smallest)
        for number, line in enumerate(lines):
            self.text(x, y - number * size * LINE_HEIGHT, line, font=font, size=size, color=color)
        return y - (len(lines) - 1) * size * LINE_HEIGHT

    def box(self, x: float, y: float, width: float, height: float,
            color: tuple[float, float, float]) -> None:  # fmt: skip
        self.stream.set_color_rgb(*color)
        self.stream.rectangle(x, y, width, height)
        self.stream.fill()

    def qr(self, x: float, y: float, data: str, size: float) -> None:
        """Dark modules as filled squares, runs of a row joined; a quiet zone around."""
        code = segno.make(data, error="m", micro=False)
        rows = [list(row) for row in code.matrix_iter(border=4)]
        module = size / len(rows)
        self.box(x, y, size, size, (1, 1, 1))
        self.stream.set_color_rgb(0, 0, 0)
        for r, row in enumerate(rows):
            top = y + size - (r + 1) * module
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    self.stream.rectangle(x + start * module, top, (c - start) * module, module)
                else:
                    c += 1
        self.stream.fill()


def render(certificate: Certificate, labels: CertificateLabels) -> bytes:
    stream = pydyf.Stream()
    page = _Page(stream)
    page.box(0, 0, WIDTH, HEIGHT, (1, 1, 1))
    page.box(0, HEIGHT - 14, WIDTH, 14, RED)
    page.box(0, 0, 10, HEIGHT - 14, RED)
    y = HEIGHT - MARGIN - 20
    page.text(MARGIN, y, t("programme"), font="/F1", size=13, color=RED)
    y -= 44
    page.text(MARGIN, y, t("title"), font="/F1", size=34)
    y -= 36
    page.text(MARGIN, y, t("given_to"), font="/F2", size=13, color=GREY)
    y -= 36
    y = page.fitted(MARGIN, y, certificate.name, font="/F1", largest=28, smallest=16)
    y = page.fitted(MARGIN, y - 24, labels.agency, font="/F2", largest=14, smallest=10)
    y -= 34
    page.text(MARGIN, y, t("completed", level=labels.level), font="/F2", size=12)
    for number, title in enumerate(certificate.modules, start=1):
        y = page.fitted(MARGIN + 14, y - 18, f"{number}. {title}", font="/F2", largest=11,
                        smallest=8)  # fmt: skip
    y -= 30
    page.text(MARGIN, y, t("issued", date=_long_date(certificate.issued_at.date())),
              font="/F2", size=12)  # fmt: skip
    page.text(MARGIN, MARGIN + 18, t("code", code=certificate.code), font="/F1", size=12)
    page.text(MARGIN, MARGIN, t("verify", url=labels.verify_url), font="/F2", size=9,
              color=GREY)  # fmt: skip
    qr_x, qr_y = WIDTH - MARGIN - QR_SIZE, MARGIN - 8
    page.qr(qr_x, qr_y, labels.verify_url, QR_SIZE)
    page.text(qr_x + 14, qr_y - 12, t("scan"), font="/F2", size=8, color=GREY)
    return _document(stream, certificate)


def _document(stream: pydyf.Stream, certificate: Certificate) -> bytes:
    document = pydyf.PDF()
    document.info["Title"] = pydyf.String(f"Sertifikat e-Learning LAPOR! {certificate.code}")
    document.info["Producer"] = pydyf.String("Lapor")
    fonts = {
        name: pydyf.Dictionary({
            "Type": "/Font", "Subtype": "/Type1", "BaseFont": base,
            "Encoding": "/WinAnsiEncoding",
        })
        for name, base in (("F1", "/Helvetica-Bold"), ("F2", "/Helvetica"))
    }  # fmt: skip
    for font in fonts.values():
        document.add_object(font)
    document.add_object(stream)
    page = pydyf.Dictionary({
        "Type": "/Page", "Parent": document.pages.reference,
        "MediaBox": pydyf.Array([0, 0, WIDTH, HEIGHT]),
        "Contents": stream.reference,
        "Resources": pydyf.Dictionary({
            "Font": pydyf.Dictionary({name: font.reference for name, font in fonts.items()}),
        }),
    })  # fmt: skip
    document.add_page(page)
    output = io.BytesIO()
    document.write(output, compress=True)
    return output.getvalue()
