"""Declarative specs of the standard workbooks, and the pure rules for their cells.

One spec per workbook kind (`kinds.SPECS`) names its sheets, columns, Vietnamese
headers, types, allowed values, widths and formats. The template generator and
report writer (exporters/), the readers (importers/) and the merger all read
these specs, so a column changes in one place. Nothing here touches a file:
the edges hand plain cell values in and get plain values out.
"""
