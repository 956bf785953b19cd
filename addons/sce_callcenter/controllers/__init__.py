from . import board, cti, cti_vendors, ivr, recording
