from . import survey_phone
