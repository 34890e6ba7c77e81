"""Reading workbooks into the database (the only package that imports openpyxl).

Each importer reads one workbook kind through its spec in the core and applies
it in one all-or-nothing transaction. The workbook issue fills this package.
"""
