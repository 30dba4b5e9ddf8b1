import pytest

from chalicelib.domain.file_types import content_is

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 "
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3"


@pytest.mark.parametrize(
    ("content_type", "head"),
    [("image/jpeg", JPEG), ("image/png", PNG), ("image/webp", WEBP), ("application/pdf", PDF)],
)
def test_a_file_is_what_its_first_bytes_say(content_type, head):
    assert content_is(content_type, head)


@pytest.mark.parametrize(
    ("content_type", "head"),
    [
        ("image/png", b"hanya teks biasa"),
        ("image/png", JPEG),
        ("image/webp", b"RIFF\x24\x00\x00\x00WAVEfmt "),  # a RIFF file, but sound
        ("application/pdf", b"<html><script>"),
        ("text/html", b"<html>"),  # a type not allowed at all
        ("image/jpeg", b""),
    ],
)
def test_a_file_whose_bytes_are_not_its_declared_type_is_not_that_type(content_type, head):
    assert not content_is(content_type, head)
