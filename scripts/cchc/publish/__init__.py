"""After the pages are written: CSP, link check, search index, atomic promotion, deploy."""
