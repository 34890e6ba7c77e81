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
from mamnon.i18n import _
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
             what: str = "") -> str:
        """`what`: the field in the interface language, inside «Cần nhập …» (default «trường này»)."""
        clean = " ".join(unicodedata.normalize("NFC", value or "").split())
        if required and not clean:
            self.error(key, _("Cần nhập {what}.").format(what=what or _("trường này")))
        elif len(clean) > max_len:
            self.error(key, _("Dài quá {n} ký tự.").format(n=max_len))
        return clean

    def date(self, key: str, value: str | dt.date | None, *, required: bool = False,
             what: str = "") -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        if not (value or "").strip():
            if required:
                self.error(key, _("Cần nhập {what} (dd/mm/yyyy).").format(what=what or _("ngày")))
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.error(key, str(exc))
            return None

    def choice(self, key: str, value: str | None, options: Iterable[str], *, required: bool = False,
               what: str = "") -> str:
        """One of `options`, matched ignoring case and diacritics ("kinh" -> "Kinh")."""
        options = list(options)
        what = what or _("giá trị")
        clean = " ".join((value or "").split())
        if not clean:
            if required:
                self.error(key, _("Cần chọn {what}.").format(what=what))
            return ""
        folded = fold(clean)
        for option in options:
            if option == clean:
                return option
        for option in options:
            if fold(option) == folded:
                return option
        shown = ", ".join(options[:8]) + ("…" if len(options) > 8 else "")
        self.error(key, _("{what} «{value}» không có trong danh sách ({shown}).").format(
            what=what[:1].upper() + what[1:], value=clean, shown=shown))
        return ""

    def sex(self, key: str, value: str | None) -> str:
        folded = fold(value or "")
        if folded in ("m", "nam", "1"):
            return "M"
        if folded in ("f", "nu", "0", "2"):
            return "F"
        self.error(key, _("Giới tính phải là Nam hoặc Nữ.") if folded else _("Cần chọn giới tính."))
        return ""

    def phone(self, key: str, value: str | None, *, required: bool = False) -> str:
        if not (value or "").strip():
            if required:
                self.error(key, _("Cần nhập số điện thoại."))
            return ""
        try:
            return parse_phone(value)
        except ValueError as exc:
            self.error(key, str(exc))
            return ""

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
