"""Reading a file: its kind, cells, header, layout, periods, numbers, mapping; big files too."""
