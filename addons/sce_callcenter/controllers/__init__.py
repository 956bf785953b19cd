from . import cti, cti_vendors, ivr, recording
