"""Load the actor and place gazetteer into the database (idempotent; never undoes an editor's edit)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from timeline.ingest import gazetteer_path
from timeline.models import Actor, ActorAlias, Place, PlaceAlias


class Command(BaseCommand):
    help = "Create the gazetteer's actors and places and their aliases. Existing rows keep their fields."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "file", nargs="?", type=Path, help="Gazetteer JSON (default: fixtures/gazetteer.json)."
        )

    def handle(self, *args, file: Path | None, **options) -> None:
        path = file or gazetteer_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        with transaction.atomic():
            actors = self._actors(data.get("actors", []))
            places = self._places(data.get("places", []))
        self.stdout.write(
            self.style.SUCCESS(f"gazetteer {path.name}: {actors} new actors, {places} new places")
        )

    def _actors(self, entries) -> int:
        created = 0
        for entry in entries:
            actor, was_created = Actor.objects.get_or_create(
                name=entry["name"],
                defaults={
                    "kind": entry.get("kind") or Actor.Kind.OTHER,
                    "country": entry.get("country") or "",
                    "offices": entry.get("offices") or [],
                    "reviewed": True,
                },
            )
            created += was_created
            for alias in entry.get("aliases", []):
                ActorAlias.objects.get_or_create(actor=actor, name=alias)
        return created

    def _places(self, entries) -> int:
        created = 0
        by_name = {}
        for entry in entries:
            place, was_created = Place.objects.get_or_create(
                name=entry["name"],
                defaults={
                    "kind": entry.get("kind") or Place.Kind.OTHER,
                    "country": entry.get("country") or "",
                    "latitude": entry.get("lat"),
                    "longitude": entry.get("lon"),
                },
            )
            created += was_created
            by_name[place.name] = (place, entry.get("parent"))
            for alias in entry.get("aliases", []):
                PlaceAlias.objects.get_or_create(place=place, name=alias)
        for place, parent_name in by_name.values():
            if parent_name and place.parent_id is None and parent_name in by_name:
                place.parent = by_name[parent_name][0]
                place.save(update_fields=["parent"])
        return created
