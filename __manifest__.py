# Copyright 2026 account_customer_group contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Groups (Accounts Receivable)",
    "summary": "Classify customers in groups that hand down receivable account, "
    "payment terms, interest profile, billing cycle and statement settings",
    "version": "19.0.1.6.0",
    "category": "Accounting/Accounting",
    "author": "account_customer_group contributors",
    "website": "https://github.com/account-customer-group/account_customer_group",
    "license": "LGPL-3",
    "development_status": "Beta",
    "maintainers": ["account-customer-group"],
    "depends": ["account"],
    "data": [
        "security/account_customer_group_security.xml",
        "security/ir.model.access.csv",
        "data/account_customer_group_data.xml",
        "data/account_customer_group_cron.xml",
        "data/account_customer_statistic_data.xml",
        "data/mail_template_customer_statement.xml",
        "views/account_customer_account_set_views.xml",
        "views/account_customer_billing_cycle_views.xml",
        "views/account_customer_interest_profile_views.xml",
        "views/account_customer_statistic_views.xml",
        "views/account_customer_group_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/account_account_views.xml",
        "views/account_customer_group_menus.xml",
        "views/account_move_salesperson_split_views.xml",
        "views/account_move_views.xml",
        "report/customer_statement_report.xml",
        "report/account_move_report_templates.xml",
        "wizards/account_customer_interest_wizard_views.xml",
        "wizards/account_customer_statement_wizard_views.xml",
        "wizards/account_customer_group_rolldown_views.xml",
        "wizards/account_customer_group_assign_views.xml",
    ],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "demo": [
        "demo/account_customer_group_demo.xml",
        "demo/account_customer_group_payment_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "account_customer_group/static/src/**/*",
        ],
        "web.assets_tests": [
            "account_customer_group/static/tests/tours/**/*",
        ],
    },
}
