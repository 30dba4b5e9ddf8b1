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
# Helvetica's average advance is about half its size (the capitals' more): long names are set
# smaller so that they stay inside the text column.
AVERAGE_ADVANCE = 0.56


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


def _fitting_size(text: str, largest: float) -> float:
    return min(largest, TEXT_WIDTH / (AVERAGE_ADVANCE * max(len(text), 1)))


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
    page.text(MARGIN, y, certificate.name, font="/F1", size=_fitting_size(certificate.name, 28))
    y -= 24
    page.text(MARGIN, y, labels.agency, font="/F2", size=_fitting_size(labels.agency, 14))
    y -= 34
    page.text(MARGIN, y, t("completed", level=labels.level), font="/F2", size=12)
    for number, title in enumerate(certificate.modules, start=1):
        y -= 18
        line = f"{number}. {title}"
        page.text(MARGIN + 14, y, line, font="/F2", size=_fitting_size(line, 11))
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
