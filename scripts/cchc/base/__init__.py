"""Values every stage shares: problems with positions, dates, phone numbers, the site's URL scheme."""
