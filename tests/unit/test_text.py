import pytest

from chalicelib.domain.text import to_plain_text


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("<b>Jalan</b> rusak", "Jalan rusak"),
        ("<script>alert(1)</script>Banjir", "alert(1)Banjir"),
        ("<img src=x onerror=alert(1)>Foto", "Foto"),
        ("Harga 5 < 10 dan 10 > 5", "Harga 5 < 10 dan 10 > 5"),
        ("baris 1\r\nbaris 2", "baris 1\nbaris 2"),
        ("nol\x00lebar\u200b", "nollebar"),
        ("<!-- komentar -->  teks  ", "teks"),
    ],
)
def test_markup_and_control_characters_are_removed_and_text_is_kept(given, kept):
    assert to_plain_text(given) == kept
