"""Print: accessible PDF (SPEC §8.10).

`body` reads Markdown into blocks (data), `document` and `report` gather what a PDF shows,
`signing` the signing page, and `engine` sets it all with one Typst template. Typst is an
optional dependency (`pip install 'samverkan-cli[pdf]'`) and is imported only when a PDF is made.
"""
