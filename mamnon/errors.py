"""Errors the core raises, each with a message in Vietnamese for the user."""

from __future__ import annotations


class MamnonError(Exception):
    """Base of every error whose message is meant for the user."""


class DatabaseOpenError(MamnonError):
    """The database file cannot be used as it is."""


class NotMamnonDatabase(DatabaseOpenError):
    pass


class NewerDatabase(DatabaseOpenError):
    pass


class CorruptDatabase(DatabaseOpenError):
    pass


class NotInitialised(MamnonError):
    """The database has no school yet (run the setup wizard or `mamnon init`)."""


class ValidationError(MamnonError):
    """A form or record with field errors: {field name: Vietnamese message}."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


class NotFound(MamnonError):
    pass


class ConcurrentEdit(MamnonError):
    """Someone else saved the record after this form was opened: nothing was saved (row_version)."""


class PermissionDenied(MamnonError):
    """The account acting now may not do this (its role, or a class that is not its own)."""


class LoginFailed(MamnonError):
    """Wrong username or password, an inactive account, or an account locked for a while."""


class Cancelled(MamnonError):
    """The user stopped a long operation; it left nothing half-done (mamnon.progress)."""

    def __init__(self, message: str | None = None) -> None:
        from mamnon.i18n import _

        super().__init__(message or _("Đã hủy; không có gì được ghi."))
