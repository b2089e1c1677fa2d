"""Settings shared by every environment. Secrets have no defaults here."""

from config.env import BASE_DIR, env

SECRET_KEY = env("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

# The embedded default lets a new user run everything with no database server.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "safeguard.core",
    "safeguard.accounts",
    "safeguard.access",
    "safeguard.audit",
    "safeguard.reference_data",
    "safeguard.people",
    "safeguard.compliance",
    "safeguard.casework",
    "safeguard.front_door",
    "safeguard.partners",
    "safeguard.assessments",
    "safeguard.child_protection",
    "safeguard.looked_after",
    "safeguard.missing",
    "safeguard.exploitation",
    "safeguard.education",
    "safeguard.workforce",
    "safeguard.performance",
    "safeguard.returns",
    "safeguard.synthetic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "safeguard.core.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "safeguard" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safeguard.core.context_processors.service",
                "safeguard.core.context_processors.permissions",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 8 idle hours; typed work is kept as server-side drafts regardless.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# GOV.UK Frontend and HTMX are npm packages served straight from node_modules, never copied.
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    BASE_DIR / "safeguard" / "static",
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

SERVICE_NAME = env("SAFEGUARD_SERVICE_NAME", default="Safeguard")
AUTHORITY_NAME = env("SAFEGUARD_AUTHORITY_NAME", default="Demo Borough Council")
# The authority's three-digit DfE LA number: statutory returns and UPNs carry it.
SAFEGUARD_LA_CODE = env("SAFEGUARD_LA_CODE", default="330")
# Repeated missing episodes raise a flag and a strategy discussion prompt: N episodes in D days.
SAFEGUARD_REPEAT_MISSING_EPISODES = env.int("SAFEGUARD_REPEAT_MISSING_EPISODES", default=3)
SAFEGUARD_REPEAT_MISSING_DAYS = env.int("SAFEGUARD_REPEAT_MISSING_DAYS", default=90)
# The DfE schemas, sample returns and published statistics the returns and the dashboard read:
# the shared reference tree beside the repository unless a deployment points elsewhere.
SAFEGUARD_REFERENCE_DIR = env.path(
    "SAFEGUARD_REFERENCE_DIR", default=str(BASE_DIR.parent / "shared" / "reference")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
