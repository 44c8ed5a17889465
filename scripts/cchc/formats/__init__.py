"""Published files other than pages: feeds, calendar, open data, Word reports."""
