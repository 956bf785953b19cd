from . import sce_survey_yearly_xlsx
