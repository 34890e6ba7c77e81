"""The `mamnon` command line: thin click commands over mamnon.services."""
