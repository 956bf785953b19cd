from . import cti, recording
