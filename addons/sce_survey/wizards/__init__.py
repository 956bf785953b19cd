from . import sce_survey_report_wizard
