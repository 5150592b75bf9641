"""The Dinas's registry of UMKM binaan: the columns and checking one entry (rows), reading a file
as bytes (files), a file read into a preview of its rows and problems (preview), saving entries
and invitation codes (services), and the pages (forms, views, import_views; one blueprint).
"""
