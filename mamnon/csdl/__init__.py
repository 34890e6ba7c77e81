"""The CSDL ngành bridge as data: which of the Ministry's columns holds which of our fields.

CSDL ngành (csdl.moet.gov.vn, the sector database of preschool and general
education) exports and imports Excel workbooks whose column order changed from
one template version to the next, so columns are matched by header text only
(`headers`), through one declarative spec per kind (`spec`), with the Ministry's
code lists (`codes`). `rows` turns raw cell values into checked records. No
Excel library here: importers/csdl_reader.py and exporters/csdl_writer.py do
the files. What each column rests on is in docs/csdl.md.
"""
