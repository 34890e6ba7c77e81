"""Writing workbooks and printable forms (the only package that imports xlsxwriter).

Exports are written to a temporary file and renamed into place. The workbook
and printing issues fill this package.
"""
