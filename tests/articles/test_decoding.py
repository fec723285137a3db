"""Decoding of uploaded article bytes: accepted encodings and precise rejections."""

import codecs

import pytest

from articles.text.decoding import DecodeError, decode_bytes
from articles.text.pages import looks_like_html


def test_plain_utf8():
    assert decode_bytes("Armenia’s border — Syunik".encode()) == "Armenia’s border — Syunik"


def test_utf8_bom_is_dropped():
    assert decode_bytes(codecs.BOM_UTF8 + b"Hello world") == "Hello world"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_bom_accepted(bom, encoding):
    text = "Բաքու / Baku, May 14\r\nsecond line"
    assert decode_bytes(bom + text.encode(encoding)) == "Բաքու / Baku, May 14\nsecond line"


def test_utf16_without_bom_is_binary():
    with pytest.raises(DecodeError, match="binary file, not text"):
        decode_bytes("Hello".encode("utf-16-le"))


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"  \n"])
def test_empty(data):
    with pytest.raises(DecodeError, match="empty file"):
        decode_bytes(data)


def test_nul_bytes_are_binary():
    with pytest.raises(DecodeError, match="binary file, not text"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_many_control_chars_are_binary():
    with pytest.raises(DecodeError, match="binary file, not text"):
        decode_bytes(b"abc" + bytes(range(1, 9)) * 5)


def test_latin1_is_rejected_with_offset_and_line():
    data = "first line\nBaku caf\xe9 talks".encode("latin-1")
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    message = str(info.value)
    assert "not valid UTF-8" in message
    assert "0xe9" in message
    assert f"at byte {data.index(b'\xe9')}" in message
    assert "(line 2)" in message
    assert "re-save the file as UTF-8" in message


def test_truncated_utf8():
    data = "Armenia – Azerbaijan".encode() + "’".encode()[:2]
    with pytest.raises(
        DecodeError, match=r"not valid UTF-8: file ends in the middle .* at byte 22"
    ):
        decode_bytes(data)


def test_line_endings_normalised():
    assert decode_bytes(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_nfc_normalisation():
    decomposed = "Aliyev said: Bak" + "u\u0308"
    assert decode_bytes(decomposed.encode()) == "Aliyev said: Bak\u00fc"


def test_decode_error_is_value_error():
    assert issubclass(DecodeError, ValueError)


def test_text_that_mentions_a_tag_is_still_text():
    text = "Officials said the <p> tag and <b>bold</b> claims were false.\\n" * 3
    assert decode_bytes(text.encode()).startswith("Officials said")
    assert not looks_like_html(text)
