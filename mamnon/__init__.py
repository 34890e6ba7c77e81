"""mamnon: the domain core of the offline preschool management software.

This package holds models, services and pure computations. It imports no UI
(Textual), no Excel library and none of the edge packages (cli, tui,
importers, exporters); the import contract in setup.cfg checks that.
"""

__version__ = "0.1.0"
