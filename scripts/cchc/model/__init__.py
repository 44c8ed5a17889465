"""The portal's data after checking, and how it is assembled from the checked files."""
