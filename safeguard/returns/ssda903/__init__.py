"""The SSDA903 return (children looked after): export, validation and import."""
