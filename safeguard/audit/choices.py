from django.db import models


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    ARCHIVE = "archive", "Archived"
    ACCESS_DENIED = "access_denied", "Access refused"
    EXPORT = "export", "Exported"
