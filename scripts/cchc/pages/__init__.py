"""Every page the portal publishes, as engine-neutral values rendered with Jinja."""
