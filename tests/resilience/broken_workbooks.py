"""Broken workbooks made deterministically from good ones, one generator per kind of damage the issue lists.

Each generator takes the good file's bytes (or writes with the test helper
`write_book`) and a seeded random.Random, and yields (label, bytes). Nothing
here judges the files: tests/resilience/test_fuzz.py feeds them to the
importer and the merger.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

from mamnon.workbooks.kinds import ROSTER, SPECS
from tests.workbooks.conftest import write_book

Made = Iterator[tuple[str, bytes]]

SHEET = "xl/worksheets/sheet1.xml"


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def rezip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def with_parts(data: bytes, **changes) -> bytes:
    """`data` with members replaced (bytes), removed (None) or added; keys use '__' for '/'."""
    parts = members(data)
    for key, body in changes.items():
        name = key.replace("__", "/").replace("CT", "[Content_Types].xml")
        if body is None:
            parts.pop(name, None)
        else:
            parts[name] = body
    return rezip(parts)


# ---------------------------------------------------------------- bytes


def truncated(data: bytes, rng: random.Random, n: int) -> Made:
    for i in range(n):
        cut = rng.randrange(0, len(data))
        yield f"cut at {cut}", data[:cut]


def bit_rot(data: bytes, rng: random.Random, n: int) -> Made:
    for i in range(n):
        raw = bytearray(data)
        for _ in range(rng.choice((1, 2, 8, 64))):
            raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
        yield f"flips #{i}", bytes(raw)


# ---------------------------------------------------------------- the package


def content_types(data: bytes, rng: random.Random) -> Made:
    wrong = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    yield "no content types", with_parts(data, CT=None)
    yield "empty content types", with_parts(data, CT=b"")
    yield "garbage content types", with_parts(data, CT=bytes(rng.randrange(256) for _ in range(300)))
    yield "content types says png", with_parts(data, CT=wrong + b'<Default Extension="xml" ContentType="image/png"/>'
                                                          b"</Types>")
    yield "content types empty list", with_parts(data, CT=wrong + b"</Types>")
    yield "content types not closed", with_parts(data, CT=wrong + b"<Default")
    yield "no workbook part", with_parts(data, xl__workbook_xml=None)
    yield "workbook part renamed", rezip({("xl/book.xml" if k == "xl/workbook.xml" else k): v
                                          for k, v in members(data).items()})
    yield "stored not deflated", rezip(members(data), zipfile.ZIP_STORED)
    for name in sorted(members(data)):
        yield f"{name} removed", with_parts(data, **{name.replace("/", "__").replace("[Content_Types].xml", "CT"): None})
        yield f"{name} emptied", with_parts(data, **{name.replace("/", "__").replace("[Content_Types].xml", "CT"): b""})
        yield f"{name} not XML", with_parts(data, **{name.replace("/", "__").replace("[Content_Types].xml", "CT"):
                                                     b"\x00\xff" + bytes(rng.randrange(256) for _ in range(64))})
    yield "xls magic", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000)
    yield "html renamed", "<html><body><table><tr><td>Nguyễn An</td></tr></table></body></html>".encode()
    yield "csv renamed", "Họ và tên,Ngày sinh\nNguyễn An,05/09/2021\n".encode()
    yield "empty file", b""


def _laughs(depth: int, width: int) -> bytes:
    ents = ['<!ENTITY a0 "ha-ha-ha-ha">'] + [f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * width}">'
                                           for i in range(1, depth)]
    return f'<!DOCTYPE x [{"".join(ents)}]>'.encode()


def xml_bombs(data: bytes, rng: random.Random) -> Made:
    parts = members(data)
    xml_parts = [n for n in sorted(parts) if n.endswith((".xml", ".rels"))]
    decls = [
        ("billion laughs", _laughs(10, 10)),
        ("quadratic blowup", b'<!DOCTYPE x [<!ENTITY a "' + b"x" * 50_000 + b'">]>'),
        ("external entity", b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'),
        ("parameter entity", b'<!DOCTYPE x [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]>'),
        ("lower-case doctype", b"<!doctype x>"),
    ]
    for name in xml_parts:
        body = parts[name]
        for label, decl in decls:
            if body.startswith(b"<?xml"):
                end = body.index(b"?>") + 2
                bomb = body[:end] + decl + body[end:]
            else:
                bomb = decl + body
            if label in ("billion laughs", "quadratic blowup", "external entity"):
                bomb = bomb.replace(b"</sheetData>", b'<row r="999"><c r="A999" t="inlineStr"><is><t>&amp;&a9;&e;'
                                                      b"</t></is></c></row></sheetData>", 1)
            yield f"{label} in {name}", with_parts(data, **{name.replace("/", "__").replace(
                "[Content_Types].xml", "CT"): bomb})


def _patch_declared_sizes(data: bytes, size: int) -> bytes:
    """Every member's uncompressed size, in the central directory and the local headers, set to `size`."""
    raw = bytearray(data)
    pos = raw.find(b"PK\x01\x02")
    while pos != -1:
        struct.pack_into("<I", raw, pos + 24, size)
        local = struct.unpack_from("<I", raw, pos + 42)[0]
        struct.pack_into("<I", raw, local + 22, size)
        pos = raw.find(b"PK\x01\x02", pos + 4)
    return bytes(raw)


def zip_bombs(data: bytes, rng: random.Random) -> Made:
    for mb in (2, 8, 64):
        yield f"{mb} MB of zeros as the sheet", with_parts(data, **{SHEET.replace("/", "__"): bytes(mb * 1024 * 1024)})
    body = members(data)[SHEET]
    padded = body.replace(b"</sheetData>", b"</sheetData>" + b" " * (40 * 1024 * 1024), 1)
    yield "40 MB of spaces inside the sheet", with_parts(data, **{SHEET.replace("/", "__"): padded})
    yield "declared sizes too small", _patch_declared_sizes(data, 10)
    yield "declared sizes too large", _patch_declared_sizes(data, 2_000_000_000)
    parts = members(data)
    for i in range(2100):
        parts[f"xl/media/m{i}.bin"] = b"x"
    yield "2100 members", rezip(parts)
    many = members(data)
    zeros = bytes(30 * 1024 * 1024)
    for i in range(12):
        many[f"xl/media/big{i}.bin"] = zeros
    yield "12 members of 30 MB", rezip(many)


def dimensions(data: bytes, rng: random.Random) -> Made:
    body = members(data)[SHEET]
    cells = [("XFD", 1048576), ("A", 1048576), ("XFD", 1), ("ZZ", 250_000), ("AAA", 40_000), ("B", 150_000),
             ("B", 210_000), ("ZZZ", 5), ("CV", 199_999), ("EWW", 2)]
    for col, row in cells:
        extra = f'<row r="{row}"><c r="{col}{row}"><v>1</v></c></row>'.encode()
        yield f"a cell at {col}{row}", with_parts(data, **{SHEET.replace("/", "__"):
                                                            body.replace(b"</sheetData>", extra + b"</sheetData>", 1)})
        no_row_number = f'<row><c r="{col}{row}"><v>1</v></c></row>'.encode()
        yield f"a cell at {col}{row} in a row without a number", with_parts(
            data, **{SHEET.replace("/", "__"): body.replace(b"</sheetData>", no_row_number + b"</sheetData>", 1)})
    for ref in (b"A1:XFD1048576", b"A1:A1", b"Z9:A1", b"nonsense"):
        import re

        yield f"dimension {ref.decode()}", with_parts(data, **{SHEET.replace("/", "__"): re.sub(
            rb'<dimension ref="[^"]*"/>', b'<dimension ref="' + ref + b'"/>', body, count=1)})
    for n in (20_000, 200_000):
        wide = b'<row r="900">' + b"<c><v>1</v></c>" * n + b"</row>"
        yield f"{n} cells in a row without references", with_parts(
            data, **{SHEET.replace("/", "__"): body.replace(b"</sheetData>", wide + b"</sheetData>", 1)})
    rows = b"".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'.encode() for r in range(5000, 60_000, 3))
    yield "18 000 short rows", with_parts(data, **{SHEET.replace("/", "__"):
                                                    body.replace(b"</sheetData>", rows + b"</sheetData>", 1)})


# ---------------------------------------------------------------- the cells (written like a user's file)

_GOOD_ROW = {"full_name": "Trần Thị An", "birth_date": dt.datetime(2021, 9, 5), "sex": "Nữ", "class_name": "Lá 1",
             "enrolled_on": dt.datetime(2026, 9, 5)}
WRONG_VALUES = (123, -1, 1.5, 1e308, True, False, dt.datetime(1850, 1, 1), dt.datetime(2300, 1, 1), dt.time(8, 30),
                "abc", " ", "#REF!", "#DIV/0!", "05/09/20211", "31/02/2021", "0", "Nam Nữ", "Trần\u200bAn", "😀" * 10)
FORMULAS = ("=1+1", "=A1", "=SUM(A1:A3)", '=HYPERLINK("http://x","y")', "=1/0", "=NOW()", "+1", "-1+2")


def _book(folder: Path, label: str, rows, **kw) -> tuple[str, bytes]:
    path = folder / "b.xlsx"
    write_book(path, kw.pop("kind", ROSTER), rows, **kw)
    return label, path.read_bytes()


def long_cells(folder: Path, rng: random.Random) -> Made:
    keys = SPECS[ROSTER].sheets[0].keys
    for key in keys:
        text = "Nguyễn " * 5000 + "A" * 5000  # 40 000 characters
        yield _book(folder, f"40 000 characters in {key}", [{**_GOOD_ROW, key: text[:40_000]}])
    yield _book(folder, "40 000 characters in every cell", [{k: "đ" * 40_000 for k in keys}])
    yield _book(folder, "40 000 characters in the metadata", [_GOOD_ROW], meta={"unit_code": "M" * 40_000})
    yield _book(folder, "40 000 characters as a sheet title row", [_GOOD_ROW], meta={"kind": "r" * 40_000})


def formulas(folder: Path, rng: random.Random) -> Made:
    """Every column gets a formula, and every formula lands in some column."""
    keys = SPECS[ROSTER].sheets[0].keys
    for key in keys:
        formula = rng.choice(FORMULAS)
        yield _book(folder, f"formula {formula} in {key}", [{**_GOOD_ROW, key: formula}])
    for formula in FORMULAS:
        yield _book(folder, f"formula {formula} in every column", [{k: formula for k in keys}])


def wrong_types(folder: Path, rng: random.Random, per_column: int = 3) -> Made:
    """Every column with `per_column` values of the wrong type (drawn from WRONG_VALUES), and every wrong
    value in some column."""
    keys = SPECS[ROSTER].sheets[0].keys
    for key in keys:
        for value in rng.sample(WRONG_VALUES, per_column):
            yield _book(folder, f"{value!r} in {key}", [{**_GOOD_ROW, key: value}])
    for value in WRONG_VALUES:
        yield _book(folder, f"{value!r} in every column", [{k: value for k in keys}])


def sheets(folder: Path, rng: random.Random) -> Made:
    spec = SPECS[ROSTER].sheets[0]
    for title in ("Sheet1", "Danh sach tre", "DANH SÁCH TRẺ", "x" * 31, "_mamnon2", "Hướng dẫn"):
        yield _book(folder, f"sheet renamed {title}", [_GOOD_ROW], sheet_title=title)
        yield _book(folder, f"sheet renamed {title}, no metadata", [_GOOD_ROW], sheet_title=title, with_meta=False)
    for header_row in (0, 1, 5, 9, 10, 11, 14):
        yield _book(folder, f"header on row {header_row + 1}", [_GOOD_ROW], header_row=header_row)
    required = [c.key for c in spec.columns if c.required]
    for drop in required:
        keys = [k for k in spec.keys if k != drop]
        yield _book(folder, f"column {drop} missing", [_GOOD_ROW], keys=keys)
        yield _book(folder, f"column {drop} missing, no metadata", [_GOOD_ROW], keys=keys, with_meta=False)
    for n in range(10):
        keys = list(spec.keys)
        rng.shuffle(keys)
        yield _book(folder, f"columns shuffled #{n}", [_GOOD_ROW], keys=keys[: rng.randrange(1, len(keys) + 1)])
    yield _book(folder, "no rows", [])
    yield _book(folder, "only blank rows", [{}, {}, {}])
    for kind in SPECS:
        yield _book(folder, f"metadata says {kind}, sheets are a roster", [_GOOD_ROW], meta={"kind": kind})


def metadata(folder: Path, rng: random.Random) -> Made:
    edits = [
        {"kind": ""}, {"kind": "luong"}, {"kind": "ROSTER"}, {"kind": 5},
        {"template_version": "abc"}, {"template_version": 999}, {"template_version": -1}, {"template_version": 1.5},
        {"template_version": ""}, {"unit_code": "MN99"}, {"unit_code": 12345}, {"checksum": "0" * 64},
        {"checksum": ""}, {"checksum": "x"}, {"period": "13/2026"}, {"period": "abc"},
        {"exported_at": "hôm qua"}, {"exported_at": 12}, {"program_version": "99.0"},
        {"class_name": "Lớp không có"}, {"round_date": "99/99/9999"}, {"parents": "[not json"},
    ]
    for edit in edits:
        yield _book(folder, f"metadata {edit}", [_GOOD_ROW], meta=edit)
    for kind in SPECS:
        for edit in ({"period": "xx"}, {"template_version": 0}, {"round_date": "32/01/2026"}):
            yield _book(folder, f"{kind} with metadata {edit}", [], kind=kind, meta=edit)
    for n in range(10):
        edit = {rng.choice(("kind", "template_version", "unit_code", "checksum", "period")):
                rng.choice(("", "0", "-", "\t", "None", "=1+1", "MN01", "roster", "2026-2027", "11/2026"))}
        yield _book(folder, f"random metadata #{n} {edit}", [_GOOD_ROW], meta=edit)
