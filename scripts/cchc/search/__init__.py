"""The search index: reduced and folded page copies, Pagefind, original words in its fragments."""
