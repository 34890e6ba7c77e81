"""The Textual user interface of mamnon: screens call mamnon.services only.

Nothing here imports peewee, mamnon.models or mamnon.db (an import-linter
contract in setup.cfg checks it); screens get plain dataclasses back.
"""
