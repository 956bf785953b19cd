from . import board
from . import kiosk
