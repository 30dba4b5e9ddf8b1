"""A certificate's PDF as a reader sees it: long names stay inside the text column, clear of
the QR code, and a name the standard font cannot hold is printed in its nearest ASCII."""

from __future__ import annotations

from datetime import UTC, datetime

import pypdfium2
import pytest

from chalicelib.domain.certificates import Certificate
from chalicelib.notify.certificate_pdf import MARGIN, QR_SIZE, WIDTH, CertificateLabels, render

URL = "https://lapor.example/belajar.html#verify=LPR-2345-6789-ABCD"
LABELS = CertificateLabels("Pemerintah Kabupaten Sleman", "Operator", URL)


def _certificate(name: str) -> Certificate:
    return Certificate("LPR-2345-6789-ABCD", "l1", name, "pemkab-sleman", "operator",
                       ("Alur laporan", "Anonim dan rahasia", "Tindak lanjut"),
                       datetime(2026, 11, 29, 4, tzinfo=UTC))  # fmt: skip


def _page(pdf: bytes):
    return pypdfium2.PdfDocument(pdf)[0].get_textpage()


def _rightmost_edge_above_the_caption(text_page) -> float:
    """The right edge of the text column's furthest character (the QR code's caption, set
    under the code, is left out)."""
    boxes = [text_page.get_charbox(i) for i in range(text_page.count_chars())]
    return max(right for left, bottom, right, top in boxes if bottom > MARGIN - 8)


@pytest.mark.parametrize("name", [
    "Rina",
    "Raden Mas Muhammad Abdurrahman Wahyu Kusumawardhana Prawirodirdjo Hadiningrat",
    "W" * 100,  # the widest capital, the longest name the form takes
    "Mmmmmmmmmm Wwwwwwwwww " * 4,
])  # fmt: skip
def test_a_name_of_any_length_is_printed_whole_and_clear_of_the_qr_code(name):
    text_page = _page(render(_certificate(name.strip()), LABELS))
    printed = text_page.get_text_bounded()
    # whole, over as many lines as it takes (a word wider than the column is broken)
    assert "".join(name.split()) in "".join(printed.split())
    assert _rightmost_edge_above_the_caption(text_page) < WIDTH - MARGIN - QR_SIZE


def test_a_name_outside_the_standard_font_is_printed_in_its_nearest_ascii():
    printed = _page(render(_certificate("Nguyễn Thị Ánh"), LABELS)).get_text_bounded()
    assert "Nguyen Thi Ánh" in printed  # Á is in CP1252; ễ and ị are not
