"""Recording what happened (SPEC §8.7): steps written into a document's front matter.

`edit` changes the text of one file, byte for byte outside the step; `steps` decides what a
`record` command writes and refuses what contradicts the document; `store` writes it safely.
"""
