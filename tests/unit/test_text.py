import pytest

from chalicelib.domain.text import clean_text


@pytest.mark.parametrize(
    "written",
    [
        "Kepada <Pak Budi> di kantor",
        "a<b dan c>d",
        "Hubungi <budi@desa.id>",
        "<scr<script>ipt>",
        "<b>Jalan</b> rusak",
        "Harga 5 < 10 dan 10 > 5",
        "kolom\tdua\nbaris dua",
        "keluarga 👨\u200d👩\u200d👧",
    ],
)
def test_citizens_words_are_kept_verbatim(written):
    assert clean_text(written) == written


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("nol\x00byte", "nolbyte"),
        ("bel\x07 dan escape\x1b[31m", "bel dan escape[31m"),
        ("c1\x85kontrol", "c1kontrol"),
        ("arah\u202ebalik\u202c", "arahbalik"),
        ("baris 1\r\nbaris 2\rbaris 3", "baris 1\nbaris 2\nbaris 3"),
        ("  teks  ", "teks"),
    ],
)
def test_control_characters_are_removed_except_tab_and_newline(given, kept):
    assert clean_text(given) == kept
