"""Judge what was read: our JSON Schemas, link schemes, and problem output for people and CI."""
