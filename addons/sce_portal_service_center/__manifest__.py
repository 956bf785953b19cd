{
    "name": "SCE Portal: service centers on the site",
    "summary": "The site's service centers page (WEB-1) lists the centers of the register "
    "with their addresses, hours and phone",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "category": "Services/Helpdesk",
    "author": "SCE Customer Service",
    "website": "https://example.com/sce",
    "depends": ["sce_portal", "sce_service_center"],
    "data": [
        "views/sce_site_templates.xml",
    ],
    "auto_install": True,
}
