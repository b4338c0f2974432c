from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Machinekoppeling (applicatiesleutels)"

    def ready(self):
        from . import authenticatie  # noqa: F401  (registers the OpenAPI description of the key header)
