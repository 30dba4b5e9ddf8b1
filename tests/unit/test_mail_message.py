"""Reading received mail: sender, text (plain or from HTML), files, automatic mail; and a
reply's own words without what it quotes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.mail_message import MalformedMail, html_to_text, parse_mail
from chalicelib.domain.reply_text import only_acknowledges, reply_text
from tests.jobs.inbound import PNG, raw_mail


def test_a_mail_gives_its_sender_subject_text_and_files():
    mail = parse_mail(raw_mail(files=(("a.png", "image/png", PNG),)))
    assert (mail.sender, mail.sender_name) == ("siti@example.id", "Siti Aminah")
    assert mail.subject == "Jalan berlubang di Kaliurang"
    assert mail.text.startswith("Lubang besar")
    assert [(f.filename, f.content_type, f.data) for f in mail.files] == [
        ("a.png", "image/png", PNG)
    ]
    assert mail.recipients == ("lapor@lapor.example",) and not mail.automatic


def test_the_plain_text_part_is_preferred_to_the_html_one():
    mail = parse_mail(raw_mail(text="Teks biasa yang cukup panjang.", html="<p>HTML</p>"))
    assert mail.text == "Teks biasa yang cukup panjang."


def test_html_becomes_text_without_scripts_styles_or_markup():
    html = "<style>p{}</style><p>Satu &amp; dua</p><ul><li>tiga</li></ul><script>x</script>"
    assert html_to_text(html) == "Satu & dua\n\ntiga"


def test_a_mail_without_a_sender_is_malformed():
    with pytest.raises(MalformedMail):
        parse_mail(b"Subject: x\r\n\r\nbody")


def test_garbage_bytes_are_malformed_not_a_crash():
    with pytest.raises(MalformedMail):
        parse_mail(bytes(range(256)) * 10)


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("Sudah diperbaiki.\n\nOn Mon, 1 Dec 2026, Lapor wrote:\n> lama", "Sudah diperbaiki."),
        ("Sudah.\nPada Sen, 1 Des 2026 09.00, Lapor menulis:\n> lama", "Sudah."),
        ("Jawab.\n-----Original Message-----\nFrom: a@b.c", "Jawab."),
        ("Jawab.\n\n-- \nKepala Dinas", "Jawab."),
        ("Jawab.\n\nDikirim dari iPhone saya", "Jawab."),
        ("> semua kutipan", ""),
    ],
)
def test_a_reply_keeps_only_its_own_words(text, own):
    assert reply_text(text) == own


@pytest.mark.parametrize("text", ["ok", "Ok, terima kasih pak!", "Baik bu, noted.", "Thanks!"])
def test_a_courtesy_is_only_an_acknowledgement(text):
    assert only_acknowledges(text)


@pytest.mark.parametrize("text", ["Baik, jalan sudah ditambal.", "Terima kasih, foto terlampir"])
def test_an_answer_is_not_a_courtesy(text):
    assert not only_acknowledges(text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([b"", b"MIME-Version: 1.0\r\n"
       b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n"]))  # fmt: skip
def test_any_bytes_after_a_sender_are_read_or_called_malformed_never_a_crash(tail, head):
    try:
        mail = parse_mail(b"From: a@example.id\r\nTo: lapor@lapor.example\r\n" + head + tail)
    except MalformedMail:
        return
    assert mail.sender == "a@example.id" and isinstance(mail.text, str)
