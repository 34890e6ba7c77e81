"""The `mamnon` command line: thin click commands over mamnon.services."""

import sys as _sys

from mamnon import i18n as _i18n

# Help texts and the TUI's bindings are built when their modules are imported,
# so the language is chosen here, before any command module loads.
_i18n.set_language(_i18n.choose_language(_sys.argv[1:]))
