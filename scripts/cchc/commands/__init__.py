"""The bodies of the `cchc` commands that are more than a call into a stage; cli.py parses and dispatches."""
