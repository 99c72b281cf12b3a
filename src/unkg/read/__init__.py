"""Stage `read`: a file to a document with positions — text, PDF, Word and Akoma Ntoso readers, the masthead, and
the segmentation into pages, furniture, contents, headings, paragraphs and footnotes."""
