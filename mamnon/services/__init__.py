"""Services: the only code that writes the database. Plain values in, dataclasses out."""
