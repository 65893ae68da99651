"""The addon in French, as a French accountant and a French customer meet it. The
English strings checked are those of i18n/fr.po that French changes: a screen, a
statement or an invoice that shows one of them shows English."""

import json
import re

import polib
from lxml import html

from odoo.tests import tagged
from odoo.tools.misc import file_path

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon

from .common import CustomerGroupCommon
from .common_runs import process_runs

FRENCH = "fr_FR"
REPORT = "account_customer_group.report_customer_statement"
# Strings that are templates rather than text: placeholders, several lines.
NOT_TEXT = re.compile(r"%\(|%s|\{|\n")
# Odoo's own French too, so that the screens are French as a user sees them.
MODULES = ["base", "web", "mail", "account", "account_customer_group"]


def french():
    """{English: French} of the addon's strings."""
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(file_path("account_customer_group/i18n/fr.po"))
        if entry.msgstr
    }


def texts_of(markup):
    """The texts a reader sees of a string that may hold HTML."""
    if "<" not in markup:
        return {markup.strip()}
    fragment = html.fragment_fromstring(markup, create_parent="div")
    return {text.strip() for text in fragment.itertext() if text.strip()}


def english_strings():
    """The addon's English texts that French translates into something else."""
    english_texts = set()
    for english, translated in french().items():
        if NOT_TEXT.search(english):
            continue
        english_texts |= {
            text for text in texts_of(english) - texts_of(translated) if len(text) > 2
        }
    return sorted(english_texts)


def install_french(env):
    env["res.lang"]._activate_lang(FRENCH)
    env["ir.module.module"]._load_module_terms(MODULES, [FRENCH], overwrite=True)


@tagged("post_install", "-at_install")
class TestFrenchCustomer(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        install_french(cls.env)
        cls.profile = cls.create_interest_profile("FR12", "12 %")
        cls.group = cls.create_group("FR", interest_profile_id=cls.profile.id)
        cls.customer = cls.create_member("Client Dupont", cls.group, "open_item")
        cls.customer.write({"lang": FRENCH, "email": "dupont@example.com"})
        cls.invoice(
            cls.customer,
            1000.0,
            date="2026-01-01",
            invoice_date_due="2026-01-31",
            invoice_payment_term_id=False,
        )

    def test_the_statement_of_a_french_customer_is_french(self):
        page, _kind = self.env["ir.actions.report"]._render_qweb_html(
            REPORT,
            self.customer.ids,
            data={
                "statement_date": "2026-03-31",
                "date_from": "2026-03-01",
                "company_id": self.company.id,
            },
        )
        texts = {
            text.strip() for text in html.fromstring(page).itertext() if text.strip()
        }
        self.assertFalse(texts & set(english_strings()))
        for english in (
            "Statement of Account",
            "<strong>Statement date</strong>",
            "Total due",
            "Over 90 days",
        ):
            self.assertLessEqual(texts_of(french()[english]), texts)

    def test_the_statement_email_of_a_french_customer_is_french(self):
        template = self.env.ref(
            "account_customer_group.mail_template_customer_statement"
        )
        subject = template._render_field(
            "subject", self.customer.ids, compute_lang=True
        )
        english = "{{ user.company_id.name }}: your statement of account"
        self.assertEqual(
            subject[self.customer.id],
            french()[english].replace(
                "{{ user.company_id.name }}", self.env.company.name
            ),
        )

    def test_the_interest_invoice_of_a_french_customer_is_french(self):
        charged = (
            self.env["account.customer.interest.wizard"]
            .create({"run_date": "2026-03-02"})
            ._create_interest_invoices()
        )
        [line] = charged.invoice_line_ids
        english = (
            "Interest on %(document)s: %(days)s days, %(date_from)s to %(date_to)s, "
            "at %(rate)s%% a year on %(amount)s"
        )
        source = self.customer.invoice_ids.filtered(lambda move: move != charged)
        self.assertEqual(
            line.name,
            french()[english]
            % {
                "document": source.name,
                "days": line.interest_days,
                "date_from": line.interest_date_from,
                "date_to": line.interest_date_to,
                "rate": 12.0,
                "amount": self.company.currency_id.format(1000.0),
            },
        )

    def test_a_french_accountant_s_interest_run_reports_in_french(self):
        self.env.user.lang = FRENCH
        run = self.env["account.customer.interest.run"].create(
            {"run_date": "2026-03-02", "partner_ids": self.customer.ids}
        )
        run.action_start()
        # As the cron runs it: in an environment of no language.
        process_runs(self.env(context={}))
        self.assertEqual(run.state, "done")
        summary = (
            "%(charged)s customers charged interest, %(skipped)s with nothing to "
            "charge, %(failed)s failed."
        )
        self.assertIn(
            french()[summary] % {"charged": 1, "skipped": 0, "failed": 0},
            run.message_ids.mapped("preview"),
        )
        [note] = run.move_ids.message_ids
        self.assertEqual(
            note.preview,
            french()["Interest charged by %(run)s."]
            % {"run": run.with_context(lang=FRENCH).display_name},
        )


@tagged("post_install", "-at_install")
class TestFrenchTour(AccountTestInvoicingHttpCommon):
    def test_a_french_accountant_meets_no_english_of_the_addon(self):
        install_french(self.env)
        self.env.user.lang = FRENCH
        self.env["ir.config_parameter"].sudo().set_param(
            "account_customer_group.french_tour_english", json.dumps(english_strings())
        )
        group = self.env["account.customer.group"].search(
            [("code", "=", "DOM"), ("company_id", "=", self.env.company.id)]
        )
        customer = self.env["res.partner"].create(
            {"name": "Client Martin", "is_company": True, "customer_group_id": group.id}
        )
        for url in (
            f"/odoo/account.customer.group/{group.id}",
            f"/odoo/res.partner/{customer.id}",
            "/odoo/action-account_customer_group.action_account_customer_group_assign",
        ):
            with self.subTest(url=url):
                self.start_tour(
                    url, "account_customer_group_french_tour", login=self.env.user.login
                )
