#!/usr/bin/env python3
"""Browser tests of the admin console (issue 11): headless Debian chromium through chromium-driver and Selenium.

Run by scripts/browser-tests.sh, which seeds a store, starts `roster serve`, an SMTP sink and a private slapd, and
passes them in the environment:
  ROSTER_URL             http://localhost:PORT (localhost: a secure context, so the Secure cookie works on http)
  ROSTER_BIN, ROSTER_CONFIG  the roster executable and the config of the running server (the store is checked
                         through the CLI: every state change the browser makes is confirmed, every refusal is
                         shown to have left the store unchanged)
  ROSTER_ADMIN_USER/_PASSWORD, ROSTER_MEMBER_USER/_PASSWORD  who signs in
  ROSTER_MAIL_DIR        where the SMTP sink writes NNNN.eml
  ROSTER_SCREENSHOTS     where the PNG of each main page goes
No sleeps: WebDriverWait for the page, a deadline loop for mail. Secrets are never printed.
"""
import json
import os
import re
import subprocess
import sys
import unittest
from urllib.parse import urljoin, urlparse

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

URL = os.environ.get("ROSTER_URL", "").rstrip("/")
BIN = os.environ.get("ROSTER_BIN", "roster")
CONFIG = os.environ.get("ROSTER_CONFIG", "")
ADMIN = (os.environ.get("ROSTER_ADMIN_USER", ""), os.environ.get("ROSTER_ADMIN_PASSWORD", ""))
MEMBER = (os.environ.get("ROSTER_MEMBER_USER", ""), os.environ.get("ROSTER_MEMBER_PASSWORD", ""))
FRESH = (os.environ.get("ROSTER_FRESH_USER", ""), os.environ.get("ROSTER_FRESH_TEMPORARY", ""))
MAIL_DIR = os.environ.get("ROSTER_MAIL_DIR", "")
SHOTS = os.environ.get("ROSTER_SCREENSHOTS", "ci-artifacts/screenshots")
WAIT = 10  # seconds for any page or element
WIDE = (1280, 900)


# ---------------------------------------------------------------------------------------------------- the store, by CLI
def cli(*args, check=True):
    run = subprocess.run([BIN, "--config", CONFIG, *args], capture_output=True, text=True, timeout=60)
    if check and run.returncode != 0:
        raise AssertionError(f"roster {' '.join(args)} exited {run.returncode}: {run.stderr.strip()}")
    return run


def account(user):
    return json.loads(cli("users", "show", user, "--json").stdout)


def accounts():
    return json.loads(cli("users", "list", "--include-inactive", "--json").stdout)


def audit():
    return json.loads(cli("audit", "--limit", "1000000", "--json").stdout)


def store_state():
    """What browsing must not change: every account's role, state and version, the audit log, the sync runs."""
    people = {a["userName"]: (a["role"], a["active"], a["version"], a["updatedAt"]) for a in accounts()}
    log = audit()
    history = cli("sync", "history", "--json").stdout
    invitations = cli("invitations", "list", "--all").stdout
    return {"accounts": people, "audit_count": len(log), "audit_last": log[0]["id"] if log else None,
            "sync_history": history, "invitations": invitations}


# ------------------------------------------------------------------------------------------------------------ browser
def make_driver():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={WIDE[0]},{WIDE[1]}", "--lang=en-US", "--hide-scrollbars"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(WAIT * 2)
    return driver


class ConsoleTests(unittest.TestCase):
    driver = None

    @classmethod
    def setUpClass(cls):
        if not URL or not CONFIG:
            raise unittest.SkipTest("run through scripts/browser-tests.sh (ROSTER_URL, ROSTER_CONFIG)")
        os.makedirs(SHOTS, exist_ok=True)
        cls.driver = make_driver()

    @classmethod
    def tearDownClass(cls):
        if cls.driver:
            cls.driver.quit()

    def setUp(self):
        self.driver.set_window_size(*WIDE)
        self.driver.get(URL + "/admin/login")
        self.driver.delete_all_cookies()

    # ------------------------------------------------------------------------------------------------------ helpers
    def wait(self, condition, timeout=WAIT, message=""):
        return WebDriverWait(self.driver, timeout).until(condition, message)

    def css(self, selector, timeout=WAIT):
        return self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, selector)), timeout,
                         f"{selector} not on {self.driver.current_url}")

    def visible(self, selector, timeout=WAIT):
        return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, selector)), timeout,
                         f"{selector} not visible on {self.driver.current_url}")

    def all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def path(self):
        return urlparse(self.driver.current_url).path

    def navigation(self):
        """The current document's navigation entry: status and Server-Timing as the browser saw them."""
        return self.driver.execute_script("""
            const n = performance.getEntriesByType('navigation')[0];
            return n ? {status: n.responseStatus, timing: n.serverTiming.map(t => [t.name, t.duration])} : null;""")

    def assert_page(self, status=200):
        """The page answered `status` and carried `Server-Timing: app;dur=…`."""
        entry = self.navigation()
        self.assertIsNotNone(entry, "no navigation entry")
        if entry["status"]:  # 0 where the browser does not expose it
            self.assertEqual(entry["status"], status, f"status of {self.driver.current_url}")
        self.assertIn("app", [name for name, _ in entry["timing"]], f"Server-Timing app;dur on {self.driver.current_url}")

    def screenshot(self, name, full=True):
        """A PNG of the whole page (or of the viewport only)."""
        path = os.path.join(SHOTS, f"{name}.png")
        if not full:
            self.driver.save_screenshot(path)
            return
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        width = max(int(size["width"]), self.driver.execute_script("return window.innerWidth"))
        height = min(int(size["height"]), 6000)
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        import base64
        with open(path, "wb") as file:
            file.write(base64.b64decode(shot["data"]))

    def sign_in(self, who=ADMIN, expect_console=True):
        self.driver.get(URL + "/admin/login")
        user = self.visible("#login-user")
        user.clear()
        user.send_keys(who[0])
        password = self.css("#login-password")
        password.clear()
        password.send_keys(who[1])
        self.css("#login-submit").click()
        if expect_console:
            self.wait(lambda d: urlparse(d.current_url).path == "/admin/people", message="not redirected to /admin/people")
            self.css("#console-nav")

    def submit(self, selector):
        """Clicks a submit button and accepts a confirm() dialog should the console ask one."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.css(selector).click()
        try:
            WebDriverWait(self.driver, 2).until(EC.alert_is_present())
            self.driver.switch_to.alert.accept()
        except (TimeoutException, NoAlertPresentException):
            pass
        self.wait(EC.staleness_of(old), message=f"no new page after {selector}")

    def flash(self, kind):
        """The flash of the page after an action: `ok` (role=status) or `error` (role=alert); its text."""
        element = self.visible(f"#flash.flash-{kind}")
        self.assertEqual(element.get_attribute("role"), "status" if kind == "ok" else "alert")
        return element.text

    def open_person(self, user):
        self.driver.get(f"{URL}/admin/people/{account(user)['id']}")
        self.css("#profile")
        self.assert_page()

    def row_ids(self):
        return [row.get_attribute("data-account-id") for row in self.all("#people-table tr[data-account-id]")]

    def mail_to(self, address, deadline=15):
        """The first message the sink stored for `address`, waited for with a deadline."""
        def find(_):
            for name in sorted(os.listdir(MAIL_DIR)):
                if not name.endswith(".eml"):
                    continue
                with open(os.path.join(MAIL_DIR, name), encoding="utf-8", errors="replace") as file:
                    text = file.read()
                if re.search(rf"^X-Envelope-To: .*{re.escape(address)}", text, re.M | re.I):
                    return text
            return False
        return self.wait(find, deadline, f"no mail to {address} in the sink")

    # -------------------------------------------------------------------------------------------------------- tests
    def test_01_sign_in(self):
        self.driver.get(URL + "/admin/people")
        self.wait(lambda d: urlparse(d.current_url).path == "/admin/login", message="/admin/people without a session did not lead to the login")
        self.visible("#login-user")
        self.assert_page()
        self.screenshot("01-login")
        # A wrong password: an error, no cookie, still the login page.
        self.sign_in((ADMIN[0], "not-the-password"), expect_console=False)
        self.flash("error")
        self.assertEqual(self.path(), "/admin/login")
        self.assertIsNone(self.driver.get_cookie("roster_console"))
        # The right one: the people list, and the session cookie as the contract says.
        self.sign_in()
        self.assert_page()
        cookie = self.driver.get_cookie("roster_console")
        self.assertIsNotNone(cookie, "no roster_console cookie")
        self.assertTrue(cookie["httpOnly"])
        self.assertTrue(cookie["secure"])
        self.assertEqual(cookie.get("sameSite"), "Strict")
        self.assertEqual(cookie["path"], "/admin")
        self.assertFalse(self.driver.execute_script("return document.cookie.includes('roster_console')"),
                         "the session cookie is readable by scripts")
        for link in ("#nav-people", "#nav-invitations", "#nav-domains", "#nav-scim-clients", "#nav-sync", "#nav-audit"):
            self.css(link)
        self.css("#logout-form")
        self.screenshot("02-people")

    def test_02_a_member_is_refused(self):
        before = store_state()
        self.sign_in(MEMBER, expect_console=False)
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete")
        self.assertEqual(self.navigation()["status"], 403, "a member's sign-in should answer 403")
        self.assertEqual(self.all("#console-nav"), [])
        self.assertIsNone(self.driver.get_cookie("roster_console"), "a member got a console session")
        self.driver.get(URL + "/admin/people")
        self.wait(lambda d: urlparse(d.current_url).path == "/admin/login", message="a member reached the people list")
        self.assertEqual(self.all("#people-table"), [])
        self.assertEqual(before["accounts"], store_state()["accounts"])

    def test_03_keyboard_sign_in(self):
        self.driver.get(URL + "/admin/login")
        self.visible("#login-user")
        active = lambda: self.driver.switch_to.active_element.get_attribute("id")
        body = self.driver.find_element(By.TAG_NAME, "body")
        body.click()
        for _ in range(20):
            if active() == "login-user":
                break
            webdriver.ActionChains(self.driver).send_keys(Keys.TAB).perform()
        self.assertEqual(active(), "login-user", "TAB never reaches the user field")
        webdriver.ActionChains(self.driver).send_keys(ADMIN[0]).send_keys(Keys.TAB).perform()
        self.assertEqual(active(), "login-password", "TAB from the user field does not reach the password")
        webdriver.ActionChains(self.driver).send_keys(ADMIN[1]).send_keys(Keys.ENTER).perform()
        self.wait(lambda d: urlparse(d.current_url).path == "/admin/people", message="ENTER did not sign in")
        self.css("#people-table")

    def test_04_find_a_person_by_search(self):
        self.sign_in()
        target = account("zquixote")
        search = self.visible("#people-search")
        search.clear()
        search.send_keys("Zephyr")  # a prefix of the display name and of the address
        self.submit("#people-filter-submit")
        self.assert_page()
        self.assertEqual(self.row_ids(), [target["id"]], "the search should find exactly that person")
        row = self.css(f"#people-table tr[data-account-id='{target['id']}']")
        self.assertIn("zquixote", row.text)
        # The username links to the person's page.
        link = row.find_element(By.CSS_SELECTOR, f"a[href$='/admin/people/{target['id']}']")
        old = self.driver.find_element(By.TAG_NAME, "html")
        link.click()
        self.wait(EC.staleness_of(old))
        self.assertEqual(self.path(), f"/admin/people/{target['id']}")
        self.assertIn("Zephyrine Quixote-Marlow", self.css("#profile").text)
        # A search nobody matches: no rows, and not an error.
        self.driver.get(URL + "/admin/people")
        search = self.visible("#people-search")
        search.send_keys("nobody-is-called-this")
        self.submit("#people-filter-submit")
        self.assert_page()
        self.assertEqual(self.row_ids(), [])

    def test_05_filter_people_by_role(self):
        self.sign_in()
        Select(self.css("#filter-role")).select_by_value("admin")
        self.submit("#people-filter-submit")
        self.assert_page()
        expected = {a["id"] for a in accounts() if a["role"] == "admin" and a["active"]}
        shown = set(self.row_ids())
        self.assertTrue(shown, "no admin listed")
        self.assertTrue(shown <= {a["id"] for a in accounts() if a["role"] == "admin"}, "a non-admin in the admin filter")
        self.assertTrue(expected <= shown, "an active admin missing from the admin filter")

    def test_06_role_explanation(self):
        self.sign_in()
        alan = account("alan")
        self.assertEqual(alan["role"], "admin", "the seeded directory makes alan an admin")
        self.open_person("alan")
        for section in ("#profile", "#emails", "#groups", "#role", "#sessions", "#audit-history"):
            self.css(section)
        self.screenshot("03-person")
        details = self.css("#role-explanation")
        self.assertFalse(details.get_attribute("open"), "the explanation starts closed")
        self.css("#role-explanation-toggle").click()
        self.wait(lambda _: details.get_attribute("open") is not None, message="the explanation did not open")
        text = details.text
        # The rule and the group path: alan ∈ platform-team ⊂ roster-admins → admin.
        for expected in ("roster-admins", "platform-team", "admin"):
            self.assertIn(expected, text, f"{expected!r} not visible in the role explanation")
        self.screenshot("04-role-explanation")

    def test_07_change_a_role(self):
        self.sign_in()
        before = account("role-target")
        self.assertEqual(before["role"], "member")
        self.open_person("role-target")
        Select(self.css("#role-select")).select_by_value("admin")
        self.submit("#role-submit")
        self.flash("ok")
        self.assertIn("admin", self.css("#role").text)
        self.assertEqual(account("role-target")["role"], "admin")
        self.assertTrue(any(e["action"] == "account.roleChanged" or "role" in e["action"].lower()
                            for e in audit()[:3] if e.get("targetName") == "role-target"), "no audit entry for the role change")
        # And back.
        Select(self.css("#role-select")).select_by_value("member")
        self.submit("#role-submit")
        self.flash("ok")
        self.assertEqual(account("role-target")["role"], "member")

    def test_08_refusal_admin_grants_superuser(self):
        self.sign_in()
        before = account("refusal-target")
        state = store_state()
        self.open_person("refusal-target")
        options = [o.get_attribute("value") for o in Select(self.css("#role-select")).options]
        if "superuser" not in options:
            # A console that hides what the admin may not grant: the server must refuse it all the same.
            self.driver.execute_script("""
                const s = document.querySelector('#role-select'); const o = document.createElement('option');
                o.value = 'superuser'; o.text = 'superuser'; s.add(o);""")
        Select(self.css("#role-select")).select_by_value("superuser")
        self.submit("#role-submit")
        message = self.flash("error")
        self.assertRegex(message.lower(), r"superuser", "the refusal should say what was refused")
        self.assertEqual(self.all("#flash.flash-ok"), [])
        self.screenshot("05-refusal")
        self.assertEqual(account("refusal-target"), before, "the store changed after a refusal")
        self.assertEqual(store_state()["accounts"], state["accounts"])

    def test_09_deactivate_and_reactivate(self):
        self.sign_in()
        self.assertTrue(account("toggle-target")["active"])
        self.open_person("toggle-target")
        self.submit("#deactivate-button")
        self.flash("ok")
        self.assertFalse(account("toggle-target")["active"], "the CLI still sees the account active")
        self.css("#reactivate-button")
        self.assertEqual(self.all("#deactivate-button"), [])
        self.submit("#reactivate-button")
        self.flash("ok")
        self.assertTrue(account("toggle-target")["active"], "the CLI still sees the account inactive")
        self.css("#deactivate-button")

    def test_10_invite(self):
        self.sign_in()
        address = "browser.invitee@example.org"
        self.driver.get(URL + "/admin/invitations")
        self.css("#invitations-table")
        self.assert_page()
        self.assertIn("seeded.invitee@example.org", self.css("#invitations-table").text)
        self.css("#invite-email").send_keys(address)
        Select(self.css("#invite-role")).select_by_value("member")
        self.submit("#invite-submit")
        self.flash("ok")
        pending = " ".join(r.text for r in self.all("#invitations-table tr[data-status='pending']"))
        self.assertIn(address, pending, "the new invitation is not listed as pending")
        mail = self.mail_to(address)
        self.assertIn("/invitations/accept?token=", mail)
        self.assertIn(address, cli("invitations", "list").stdout)
        # An admin inviting a superuser: refused with a message, nothing stored, nothing mailed.
        state = store_state()
        mails = len(os.listdir(MAIL_DIR))
        self.css("#invite-email").send_keys("would.be.superuser@example.org")
        Select(self.css("#invite-role")).select_by_value("superuser")
        self.submit("#invite-submit")
        self.assertIn("superuser", self.flash("error").lower())
        self.assertNotIn("would.be.superuser@example.org", self.css("#invitations-table").text)
        self.assertEqual(store_state(), state, "a refused invitation changed the store")
        self.assertEqual(len(os.listdir(MAIL_DIR)), mails, "a refused invitation sent mail")
        self.driver.get(URL + "/admin/invitations")
        self.css("#invitations-table")
        self.screenshot("06-invitations")

    def test_11_browsing_approves_nothing(self):
        self.sign_in()
        before = store_state()
        held = {u: account(u)["active"] for u in ("donald", "frances", "leslie")}
        self.assertEqual(held, {"donald": True, "frances": True, "leslie": True}, "the held run was applied before the test")
        pages = [("#nav-people", "#people-table", None), ("#nav-invitations", "#invitations-table", None),
                 ("#nav-domains", "#domains-table", "07-domains"), ("#nav-scim-clients", "#scim-clients-table", "08-scim-clients"),
                 ("#nav-sync", "#sync-runs-table", "09-sync"), ("#nav-audit", "#audit-table", "11-audit")]
        for link, table, shot in pages:
            old = self.driver.find_element(By.TAG_NAME, "html")
            self.css(link).click()
            self.wait(EC.staleness_of(old))
            self.css(table)
            self.assert_page()
            if shot:
                self.screenshot(shot)
        self.driver.get(URL + "/admin/domains")
        self.assertIn("example.org", self.css("#domains-table").text)
        self.driver.get(URL + "/admin/scim-clients")
        self.assertIn("entra", self.css("#scim-clients-table").text)
        self.driver.get(URL + "/admin/audit")
        self.css("#audit-filter")
        self.assertTrue(self.all("#audit-table tr[data-audit-id]"), "the audit table is empty")

        # Every sync run and every link on it, submitting nothing.
        self.driver.get(URL + "/admin/sync")
        runs = sorted({a.get_attribute("href") for a in self.all("#sync-runs-table a[href*='/admin/sync/runs/']")})
        self.assertGreaterEqual(len(runs), 2, "the seeded sync and the held run should be listed")
        approval = re.compile(r"approve|allow|deprovision|apply|confirm", re.I)
        held_text_seen = False
        links = set()
        for run in runs:
            self.driver.get(run)
            self.assert_page()
            commands = self.all("#approve-command")
            if commands:
                # A hold shows the CLI command that approves it, as text: nothing to click.
                self.assertIn("--allow-deprovision", commands[0].text)
                self.assertEqual(commands[0].tag_name, "code")
                if not held_text_seen:
                    self.screenshot("10-sync-run")
                held_text_seen = True
            for form in self.all("form"):
                if form.get_attribute("id") == "logout-form":
                    continue
                action = form.get_attribute("action") or ""
                buttons = " ".join(b.text + " " + (b.get_attribute("value") or "") for b in form.find_elements(By.CSS_SELECTOR, "button, input[type=submit]"))
                self.assertIsNone(approval.search(action + " " + buttons), f"an approval-like form on {run}: {action} {buttons}")
            for a in self.all("a[href]"):
                href = urljoin(run, a.get_attribute("href"))
                if urlparse(href).netloc == urlparse(URL).netloc and urlparse(href).path.startswith("/admin"):
                    links.add(href.split("#")[0])
        self.assertTrue(held_text_seen, "a held run should show the CLI approve command (roster sync --allow-deprovision)")
        for href in sorted(links):
            if "logout" in href:
                continue
            self.driver.get(href)
            entry = self.navigation()
            self.assertLess(entry["status"] or 200, 500, f"{href} answered {entry['status']}")
        after = store_state()
        self.assertEqual(after, before, "browsing changed the store")
        self.assertEqual({u: account(u)["active"] for u in held}, held, "the held deactivations were applied")

    def test_12_csrf_token_removed_is_refused(self):
        self.sign_in()
        before = account("csrf-target")
        state = store_state()
        self.open_person("csrf-target")
        for mutation, label in (("f.querySelectorAll('input[name=_csrf]').forEach(i => i.remove())", "removed"),
                                ("f.querySelectorAll('input[name=_csrf]').forEach(i => i.value = 'forged' + i.value.slice(6))", "forged")):
            with self.subTest(csrf=label):
                self.open_person("csrf-target")
                count = self.driver.execute_script(f"""
                    const b = document.querySelector('#deactivate-button'); const f = b.form || b.closest('form');
                    const n = f.querySelectorAll('input[name=_csrf]').length; {mutation}; return n;""")
                self.assertEqual(count, 1, "the deactivate form should carry one _csrf field")
                self.submit("#deactivate-button")
                self.assertEqual(self.navigation()["status"], 403, f"a form with its _csrf {label} was not refused with 403")
                self.assertEqual(account("csrf-target"), before, f"a form with its _csrf {label} changed the account")
        self.assertEqual(store_state()["accounts"], state["accounts"])

    def test_12b_cross_site_form_is_refused(self):
        # Another site (an opaque data: origin) posts the deactivate form, even with a valid _csrf copied from the
        # page: SameSite=Strict keeps the cookie home and the Origin/Sec-Fetch-Site check refuses; nothing changes.
        self.sign_in()
        self.open_person("csrf-target")
        form = self.css("#deactivate-form")
        action = urljoin(URL, form.get_attribute("action"))
        token = form.find_element(By.CSS_SELECTOR, "input[name=_csrf]").get_attribute("value")
        before = account("csrf-target")
        self.driver.get("data:text/html," + f"<form id=f method=post action='{action}'><input name=_csrf value='{token}'>"
                        "<button id=go>go</button></form>")
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.ID, "go").click()
        self.wait(EC.staleness_of(old))
        self.assertTrue(self.driver.current_url.startswith(URL + "/admin/"), self.driver.current_url)
        self.assertEqual(self.all("#flash.flash-ok"), [])
        self.assertEqual(account("csrf-target"), before, "a cross-site form changed the account")

    def test_13_narrow_screen(self):
        self.sign_in()
        self.driver.set_window_size(390, 844)
        self.driver.get(URL + "/admin/people")
        self.css("#people-table")
        width = self.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        self.screenshot("12-people-narrow", full=False)
        self.assertLessEqual(width[0], width[1], f"the people page overflows horizontally at 390 px: {width}")
        # The other pages, reported (the issue names the people list).
        for page in ("/admin/people/" + account("alan")["id"], "/admin/invitations", "/admin/sync", "/admin/audit"):
            self.driver.get(URL + page)
            sizes = self.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
            if sizes[0] > sizes[1]:
                print(f"\nnote: {page} overflows at 390 px: scrollWidth {sizes[0]} > {sizes[1]}", file=sys.stderr)

    def test_14_sign_out(self):
        self.sign_in()
        self.submit("#logout-form button, #logout-form input[type=submit]")
        self.wait(lambda d: urlparse(d.current_url).path == "/admin/login", message="logout did not lead to the login page")
        self.driver.get(URL + "/admin/people")
        self.wait(lambda d: urlparse(d.current_url).path == "/admin/login", message="still signed in after logout")
        self.assertEqual(self.all("#people-table"), [])

    def test_15_temporary_password_must_be_changed_first(self):
        self.assertTrue(account(FRESH[0])["mustChangePassword"])
        self.sign_in(FRESH, expect_console=False)
        self.wait(lambda d: urlparse(d.current_url).path == "/admin/password", message="a temporary password did not lead to /admin/password")
        self.driver.get(URL + "/admin/people")
        self.wait(lambda d: urlparse(d.current_url).path == "/admin/password", message="the console opened before the password was changed")
        self.assertEqual(self.all("#people-table"), [])
        new = "Fresh-" + os.urandom(12).hex()
        self.css("#new-password").send_keys(new)
        self.css("#confirm-password").send_keys(new)
        self.submit("#password-submit")
        self.wait(lambda d: urlparse(d.current_url).path == "/admin/people")
        self.flash("ok")
        self.assertFalse(account(FRESH[0])["mustChangePassword"])

    def test_16_reset_password_is_mailed_not_shown(self):
        # With SMTP configured the temporary password goes to the person's address; the page never shows it.
        self.sign_in()
        self.assertFalse(account("reset-target")["mustChangePassword"])
        self.open_person("reset-target")
        self.submit("#reset-password-button")
        self.assertIn("mailed", self.flash("ok"))
        self.assertEqual(self.all("#one-time-secret"), [], "a mailed temporary password is also shown")
        self.assertTrue(account("reset-target")["mustChangePassword"])
        self.mail_to("reset.target@example.org")


if __name__ == "__main__":
    unittest.main(verbosity=2)
