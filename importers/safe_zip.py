"""Judging an .xlsx file on its bytes and its zip directory, before any XML parser sees it.

openpyxl and python-calamine trust what they read: a zip bomb fills memory,
an entity-expansion ("billion laughs") bomb fills it faster, and one cell put
at XFD1048576 makes calamine build a grid of seventeen billion cells. Every
limit here is checked on what the archive declares and then on what it really
holds, streaming each member once through zlib with a bound, so a file that
lies in its directory (a small declared size over a huge stream) is caught by
the CRC and length check instead of by the parser. The limits and why they
were chosen are in docs/security.md.

`check_xlsx(path)` returns nothing or raises `UnsafeFile` whose message is the
reason only, in the interface language; the caller names the file.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from pathlib import Path

from mamnon.errors import MamnonError
from mamnon.i18n import _

__all__ = ["MAX_FILE_BYTES", "MAX_UNCOMPRESSED_BYTES", "MAX_MEMBER_BYTES", "MAX_MEMBERS", "MAX_RATIO",
           "RATIO_FROM_BYTES", "MAX_ROWS", "MAX_COLUMNS", "MAX_CELLS", "UnsafeFile", "check_xlsx"]

MAX_FILE_BYTES = 50 * 1024 * 1024
"""A province's merged report is a few MB; 50 MB is far above any real workbook."""
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_MEMBER_BYTES = 150 * 1024 * 1024
MAX_MEMBERS = 2000
"""A workbook has 10–40 parts; one sheet per class of a big school stays in the hundreds."""
MAX_RATIO = 200
"""Sheet XML compresses 10–50×; hundreds of times is a run of zeros made to fill memory."""
RATIO_FROM_BYTES = 1024 * 1024
"""Tiny members can have any ratio without harm."""
MAX_ROWS = 200_000
MAX_COLUMNS = 4000
MAX_CELLS = 5_000_000
"""Cells a sheet's used area may span (rows × columns): calamine allocates the whole rectangle."""

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_CHUNK = 1024 * 1024
_OVERLAP = 16
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")
# Cell rows of 5+ digits and columns of 3 letters are rare in a real sheet, so matching only those
# keeps the scan of a normal sheet cheap while still finding a cell put far away.
# A cell reference is the only attribute r="LETTERS DIGITS" (a row's r= is digits only); matching it by its
# literal ' r="', not through "<c …", keeps the scan fast (a merge checks thousands of files). A reference
# written after a tab or newline is not seen here, and its cell then counts as one without a reference.
_FAR_ROW = re.compile(rb' r="[A-Z]{1,3}(\d{5,})"')
_WIDE_CELL = re.compile(rb' r="([A-Z]{3,})\d')
_TWO_LETTERS = re.compile(rb' r="[A-Z]{2}\d')
_TWO_LETTER_CELL = re.compile(rb' r="([A-Z]{2})\d')
_ROW_NUMBER = re.compile(rb'<row\s[^>]*?\br="(\d+)"')
# Any reference the three patterns above could match: a usual sheet (columns A–Z, under 10.000 rows) has
# none, and one search then stands for all three.
_UNUSUAL_CELL = re.compile(rb' r="[A-Z](?:[A-Z]|\d{5})')


class UnsafeFile(MamnonError):
    """The file is not a workbook that can be read safely; the message is the reason, in the interface language."""


def check_xlsx(path: Path) -> None:
    """Raise UnsafeFile unless `path` is an .xlsx within every limit of this module."""
    path = Path(path)
    _check_bytes(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_directory(members)
            for member in members:
                _check_member(archive, member)
    except UnsafeFile:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, zlib.error,
            NotImplementedError, RuntimeError):
        # RuntimeError: an encrypted member; NotImplementedError: a compression Excel never uses
        raise UnsafeFile(_("tệp bị hỏng hoặc chép chưa hết (tệp nén không đọc được).")) from None


def _check_bytes(path: Path) -> None:
    if not path.is_file():
        raise UnsafeFile(_("không tìm thấy tệp.") if not path.exists() else _("đây là thư mục, không phải tệp."))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnsafeFile(_("tệp quá lớn ({size} MB, tối đa {limit} MB).").format(
            size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024)))
    with open(path, "rb") as fh:
        head = fh.read(512)
    if not head:
        raise UnsafeFile(_("tệp rỗng."))
    if head.startswith(_OLE_MAGIC):
        raise UnsafeFile(_("tệp có mật khẩu hoặc là định dạng .xls cũ. Hãy mở bằng Excel, bỏ mật khẩu "
                           "và lưu lại dạng «Excel Workbook (.xlsx)»."))
    if not head.startswith(_ZIP_MAGIC):
        raise UnsafeFile(_not_xlsx_reason(head))


def _as_text(head: bytes) -> str:
    """The first bytes as text when they are text ("" otherwise); a cut multi-byte character is fine."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return ""


def _not_xlsx_reason(head: bytes) -> str:
    text = _as_text(head).lstrip("\ufeff")
    if text.lstrip().startswith("<"):
        return _("đây là tệp HTML/XML được đổi đuôi, không phải tệp Excel .xlsx.")
    if text and any(sep in text for sep in (",", ";", "\t", "\n")):
        return _("đây là tệp văn bản (CSV) được đổi đuôi thành .xlsx. Hãy mở bằng Excel rồi lưu dạng "
                 "«Excel Workbook (.xlsx)».")
    return _("không phải tệp Excel .xlsx.")


def _check_directory(members: list[zipfile.ZipInfo]) -> None:
    names = {m.filename for m in members}
    if any(part not in names for part in REQUIRED_PARTS):
        raise UnsafeFile(_("tệp nén này không phải bảng tính Excel .xlsx."))
    if len(members) > MAX_MEMBERS:
        raise UnsafeFile(_("tệp nén có {count} phần, quá nhiều cho một bảng tính (nghi là tệp phá hoại).")
                         .format(count=len(members)))
    if any(m.flag_bits & 0x1 for m in members):
        raise UnsafeFile(_("tệp có mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại."))
    if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        raise UnsafeFile(_("nội dung giải nén quá lớn (nghi là tệp phá hoại)."))
    for m in members:
        if m.file_size > MAX_MEMBER_BYTES:
            raise UnsafeFile(_("phần «{part}» quá lớn khi giải nén (nghi là tệp phá hoại).").format(part=m.filename))
        if m.file_size > RATIO_FROM_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise UnsafeFile(_("tỉ lệ nén bất thường (nghi là tệp phá hoại)."))


def _check_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Stream the member once: its real length and CRC must be what the directory says (zipfile stops at
    the declared size and checks the CRC), XML must not declare a DOCTYPE, and a sheet must fit the limits."""
    is_xml = member.filename.endswith((".xml", ".rels")) or member.filename == "[Content_Types].xml"
    is_sheet = member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
    area = _Area() if is_sheet else None
    total = 0
    tail = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if is_xml:
                window = tail + chunk
                # Every declaration starts "<!": one search for the rare "!" (a memchr) clears almost every chunk.
                if b"!" in window and any(d in window for d in _DECLARATIONS):
                    raise UnsafeFile(_("tệp bị hỏng hoặc bị sửa: phần «{part}» khai báo DOCTYPE/ENTITY trong XML, "
                                       "điều bảng tính Excel không bao giờ có (nghi là tệp phá hoại).")
                                     .format(part=member.filename))
                if area is not None:
                    area.scan(window, chunk)
                tail = chunk[-_OVERLAP * 8:]
    if total != member.file_size:
        raise UnsafeFile(_("tệp bị hỏng hoặc chép chưa hết (tệp nén không đọc được)."))
    if area is not None:
        if area.needs_exact_width():
            area.exact_width(archive, member)
        area.check(member.filename)


class _Area:
    """The furthest row and column a sheet's cells reach, from the XML text."""

    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0
        """From references of three letters (column 703 on); two-letter ones only set `two_letters`."""
        self.two_letters = False
        self.cells = 0
        self.unreferenced = 0

    def scan(self, window: bytes, chunk: bytes) -> None:
        # A cell or row cut by a chunk boundary is seen again in the overlap: max() does not mind twice.
        self.rows = max(self.rows, max(map(int, _ROW_NUMBER.findall(window)), default=0))
        if _UNUSUAL_CELL.search(window) is not None:
            for number in _FAR_ROW.findall(window):
                self.rows = max(self.rows, int(number))
            for letters in set(_WIDE_CELL.findall(window)):
                self.columns = max(self.columns, _column_number(letters))
            self.two_letters = self.two_letters or _TWO_LETTERS.search(window) is not None
        cells = chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b"<c/>")
        self.cells += cells
        # A cell may omit its reference and sit right of the previous one: counted as if all such cells were in
        # one row (each row and each referenced cell has one ' r="'), since openpyxl cannot even name a column
        # past XFD and calamine would widen the whole grid.
        self.unreferenced += max(0, cells - chunk.count(b' r="') + chunk.count(b"<row"))

    def width(self) -> int:
        """Columns the sheet may span, without the exact two-letter maximum (at most ZZ = 702)."""
        return max(self.columns, self.unreferenced, 702 if self.two_letters else 26)

    def needs_exact_width(self) -> bool:
        return self.columns == 0 and self.two_letters and max(self.rows, 1) * self.width() > MAX_CELLS

    def exact_width(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
        """The furthest two-letter column, read again: only for sheets long enough for it to matter."""
        widest = 0
        tail = b""
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                for letters in set(_TWO_LETTER_CELL.findall(tail + chunk)):
                    widest = max(widest, _column_number(letters))
                tail = chunk[-_OVERLAP:]
        self.columns = max(widest, 26)
        self.two_letters = False

    def check(self, name: str) -> None:
        if self.rows > MAX_ROWS:
            raise UnsafeFile(_("trang «{sheet}» có dữ liệu đến dòng {row} (tối đa {limit}; nghi là tệp phá hoại).")
                             .format(sheet=name, row=_thousands(self.rows), limit=_thousands(MAX_ROWS)))
        if self.columns > MAX_COLUMNS or self.unreferenced > MAX_COLUMNS:
            raise UnsafeFile(_("trang «{sheet}» có dữ liệu đến cột thứ {column} (tối đa {limit}; nghi là tệp phá hoại).")
                             .format(sheet=name, column=_thousands(max(self.columns, self.unreferenced)),
                                     limit=_thousands(MAX_COLUMNS)))
        if self.cells > MAX_CELLS or max(self.rows, 1) * self.width() > MAX_CELLS:
            raise UnsafeFile(_("trang «{sheet}» quá rộng (vùng dữ liệu quá nhiều ô; nghi là tệp phá hoại).")
                             .format(sheet=name))


def _thousands(number: int) -> str:
    """1.048.576: the Vietnamese grouping, which the messages have always used."""
    return f"{number:,}".replace(",", ".")


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n
