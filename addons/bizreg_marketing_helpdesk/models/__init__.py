from . import bizreg_marketing_research_entry
