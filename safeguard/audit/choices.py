from django.db import models


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    ARCHIVE = "archive", "Archived"
    ACCESS_DENIED = "access_denied", "Access refused"
    EXPORT = "export", "Exported"
    # Only settings and establishment records are ever deleted (in the administration pages);
    # case records are archived.
    DELETE = "delete", "Deleted"
