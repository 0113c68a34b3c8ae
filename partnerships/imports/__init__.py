"""Bulk import of schools, staff and students from XLSX or CSV.

The way partnerships hold these lists today is a spreadsheet. An import reads the file
(``readers``), matches its headings to a kind's columns (``columns``), checks every row
(``schools``, ``staff``, ``students``) and saves all rows in one transaction, or none when a
single row is wrong (``service``). ``downloads`` writes the templates users fill in.
"""
