"""Field-by-field checking of what a user typed, collecting every error at once.

Forms (TUI, CLI, importers) pass raw text; a FormCheck turns it into clean
values and a {field: Vietnamese message} map, so every entry point shows the
same messages next to the same fields.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

from mamnon.errors import ValidationError
from mamnon.formats import parse_date, parse_phone
from mamnon.vntext import fold


class FormCheck:
    def __init__(self) -> None:
        self.errors: dict[str, str] = {}
        self.warnings: dict[str, str] = {}

    def error(self, key: str, message: str) -> None:
        self.errors.setdefault(key, message)

    def warn(self, key: str, message: str) -> None:
        self.warnings.setdefault(key, message)

    def text(self, key: str, value: str | None, *, required: bool = False, max_len: int = 200,
             what: str = "trường này") -> str:
        clean = " ".join(unicodedata.normalize("NFC", value or "").split())
        if required and not clean:
            self.error(key, f"Cần nhập {what}.")
        elif len(clean) > max_len:
            self.error(key, f"Dài quá {max_len} ký tự.")
        return clean

    def date(self, key: str, value: str | dt.date | None, *, required: bool = False,
             what: str = "ngày") -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        if not (value or "").strip():
            if required:
                self.error(key, f"Cần nhập {what} (dd/mm/yyyy).")
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.error(key, str(exc))
            return None

    def choice(self, key: str, value: str | None, options: Iterable[str], *, required: bool = False,
               what: str = "giá trị") -> str:
        """One of `options`, matched ignoring case and diacritics ("kinh" -> "Kinh")."""
        options = list(options)
        clean = " ".join((value or "").split())
        if not clean:
            if required:
                self.error(key, f"Cần chọn {what}.")
            return ""
        folded = fold(clean)
        for option in options:
            if option == clean:
                return option
        for option in options:
            if fold(option) == folded:
                return option
        shown = ", ".join(options[:8]) + ("…" if len(options) > 8 else "")
        self.error(key, f"{what.capitalize()} «{clean}» không có trong danh sách ({shown}).")
        return ""

    def sex(self, key: str, value: str | None) -> str:
        folded = fold(value or "")
        if folded in ("m", "nam", "1"):
            return "M"
        if folded in ("f", "nu", "0", "2"):
            return "F"
        self.error(key, "Giới tính phải là Nam hoặc Nữ." if folded else "Cần chọn giới tính.")
        return ""

    def phone(self, key: str, value: str | None, *, required: bool = False) -> str:
        if not (value or "").strip():
            if required:
                self.error(key, "Cần nhập số điện thoại.")
            return ""
        try:
            return parse_phone(value)
        except ValueError as exc:
            self.error(key, str(exc))
            return ""

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
