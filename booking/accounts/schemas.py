from __future__ import annotations

from marshmallow import Schema, fields, validate


class TokenRequestSchema(Schema):
    email = fields.Email(required=True)
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))


class TokenSchema(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()


class MembershipSchema(Schema):
    organisation_id = fields.Integer()
    organisation_name = fields.String(attribute="organisation.name")
    role = fields.String()


class UserSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    name = fields.String()
    role = fields.String()
    locale = fields.String()
    wants_reminders = fields.Boolean()
    memberships = fields.List(fields.Nested(MembershipSchema))
    caretaker_of = fields.Method("_caretaker_of")

    def _caretaker_of(self, user) -> list[int]:
        return [b.id for b in user.caretaker_of]


LANGUAGES = ("nb", "nn", "en")
# Long enough to withstand guessing at our rate limits; a passphrase of a few words is
# the easy way (NSM's advice), so nothing else is demanded.
def _password() -> fields.String:
    return fields.String(required=True, validate=validate.Length(
        min=10, max=200, error="Use at least 10 characters."))


class RegistrationSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    email = fields.Email(required=True, validate=validate.Length(max=200))
    password = _password()
    locale = fields.String(load_default="nb", validate=validate.OneOf(LANGUAGES))


class EmailSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=200))


class NewPasswordSchema(Schema):
    password = _password()


class PasswordChangeSchema(NewPasswordSchema):
    current_password = fields.String(load_default="", validate=validate.Length(max=200))


class DetailsSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    phone = fields.String(load_default="", validate=validate.Regexp(
        r"^[0-9 +()-]{0,40}$", error="Use digits, spaces and + only."))
    locale = fields.String(required=True, validate=validate.OneOf(LANGUAGES))
    wants_reminders = fields.Boolean(load_default=False)


class DeletionSchema(Schema):
    password = fields.String(load_default="", validate=validate.Length(max=200))
    confirm = fields.Boolean(required=True, validate=validate.Equal(True),
                             error_messages={"required": "Must be equal to True."})
