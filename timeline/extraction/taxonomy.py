"""The event-type taxonomy and its mapping to ACLED's event types and sub-event types.

Our types are few on purpose: an editor must be able to pick one without a manual. Each maps
to the ACLED (event_type, sub_event_type) an analyst would file it under, for the ACLED-style
export; "strategic development" is ACLED's home for non-violent political happenings.
"""

ACLED_TYPES: dict[str, tuple[str, str]] = {
    "armed_clash": ("Battles", "Armed clash"),
    "incursion": ("Strategic developments", "Non-violent transfer of territory"),
    "withdrawal": ("Strategic developments", "Non-violent transfer of territory"),
    "talks": ("Strategic developments", "Agreement"),
    "statement": ("Strategic developments", "Other"),
    "agreement": ("Strategic developments", "Agreement"),
    "appeal": ("Strategic developments", "Other"),
    "exercise": ("Strategic developments", "Headquarters or base established"),
    "deployment": ("Strategic developments", "Headquarters or base established"),
    "other": ("Strategic developments", "Other"),
}
