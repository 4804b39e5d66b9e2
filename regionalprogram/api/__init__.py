"""Partner REST API v1: read access to everything the public pages show, for partners' own tools."""
