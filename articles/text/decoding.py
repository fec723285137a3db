"""Turn the raw bytes of an uploaded article file into normalised text.

Article files come from editors' machines, so the encoding is checked rather than guessed: UTF-8
(with or without a BOM) is the norm, UTF-16/UTF-32 are accepted only when a BOM says so, and
anything else is rejected with a message precise enough for an editor to fix the file. Latin-1 is
never guessed, because every byte string is "valid" Latin-1 and a wrong guess silently corrupts
names and quotes that later get cited verbatim.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = ["DecodeError", "decode_bytes"]


class DecodeError(ValueError):
    """The bytes are not an acceptable text file; str(err) tells the editor what to fix."""


# Order matters: the UTF-32-LE BOM starts with the UTF-16-LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# The characters _NEWLINES starts with: str.find tells far faster than re that a text (as most
# are) has none of them.
_NEWLINE_STARTS = ("\r", "\u2028", "\u2029", "\x85")
# C0/C1 controls other than tab, LF, CR and form feed: real text has next to none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f]")
_FORM_FEED = re.compile(r"[\x0c\x0b]")

# A stray control character or two happens in copy-pasted text; more than this looks binary.
_MAX_CONTROL_FRACTION = 0.01
_MAX_CONTROL_ABSOLUTE = 8


def decode_bytes(data: bytes) -> str:
    """Bytes of an article file -> text.

    Accepts UTF-8 (with or without BOM) and UTF-16/UTF-32 with a BOM. Rejects empty or
    whitespace-only input ("empty file"), binary data (NUL bytes or many control characters) and
    invalid UTF-8 (reporting the byte offset and line). Normalises CRLF/CR to LF and Unicode to NFC.
    """
    if not data or not data.strip():
        raise DecodeError("empty file")

    encoding = "utf-8"
    payload = data
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, payload = name, data[len(bom) :]
            break

    if encoding == "utf-8":
        if b"\x00" in payload:
            raise DecodeError(
                "binary file, not text (contains NUL bytes; if it is UTF-16 text, "
                "re-save it as UTF-8 or with a byte-order mark)"
            )
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError(_describe_utf8_error(data, exc, len(data) - len(payload))) from None
    else:
        try:
            text = payload.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"not valid {encoding.upper()} despite its byte-order mark: {exc.reason} "
                f"at byte {exc.start + len(data) - len(payload)}; re-save the file as UTF-8"
            ) from None
        if "\x00" in text:
            raise DecodeError("binary file, not text (contains NUL characters)")

    if not text.strip():
        raise DecodeError("empty file")

    controls = len(_CONTROL.findall(text))
    if controls > _MAX_CONTROL_ABSOLUTE or controls > len(text) * _MAX_CONTROL_FRACTION:
        raise DecodeError(f"binary file, not text ({controls} control characters)")

    if any(ch in text for ch in _NEWLINE_STARTS):
        text = _NEWLINES.sub("\n", text)
    # Form feeds / vertical tabs are page or line breaks in exported documents.
    if "\x0c" in text or "\x0b" in text:
        text = _FORM_FEED.sub("\n", text)
    if controls:
        text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def _describe_utf8_error(data: bytes, exc: UnicodeDecodeError, bom_len: int) -> str:
    offset = exc.start + bom_len
    line = data.count(b"\n", 0, offset) + 1
    bad = data[offset : offset + 1].hex()
    if exc.reason == "unexpected end of data":
        what = f"file ends in the middle of a multi-byte character (byte 0x{bad})"
    else:
        what = f"{exc.reason} 0x{bad}"
    hint = "re-save the file as UTF-8"
    if exc.reason == "invalid start byte" or exc.reason == "invalid continuation byte":
        hint += " (it looks like a legacy 8-bit encoding such as Latin-1 or Windows-1252)"
    return f"not valid UTF-8: {what} at byte {offset} (line {line}); {hint}"
