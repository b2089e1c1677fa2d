from django.apps import AppConfig


class FrontDoorConfig(AppConfig):
    name = "safeguard.front_door"
    verbose_name = "Front door"

    def ready(self) -> None:
        from safeguard.front_door import chronology, clocks, panels  # noqa: F401 - registers
        from safeguard.front_door.match_keys import match_keys_refresh
        from safeguard.people.services import on_person_saved

        on_person_saved(lambda person_ids: match_keys_refresh(person_ids=person_ids))
