#!/usr/bin/env python3
"""A real headless Chromium (Debian's chromium and chromium-driver, driven
by selenium) at 768 px: a therapist logs in, picks a client by typing part
of her name, adds a session with two regions picked on the body map and,
choosing it from her recent sessions, a report with weakness, sees the refer
flag on /flags; the owner reviews it and logs a call; the front desk
corrects a phone; the owner voids a session and archives a client, each
with a reason. Then every page of the day (and the referral letter) at
390, 768 and 1280 px, with no
sideways scroll and body-map boxes of 24 px at least. axe-core (--axe, the
file tests/node/package-lock.json pins) checks every page state against
WCAG 2.1 AA and the test fails on any violation. Screenshots of each state
are kept in --artifacts.

    test_browser.py --binary PATH --artifacts DIR --axe axe.min.js
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from webtest import PASSWORDS, Check, Clinic  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402
from selenium.common.exceptions import TimeoutException  # noqa: E402

WIDTH = 768
OUR_FLAG = "section.flag.refer[data-rule=weakness][data-client='3']"


def start_chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={WIDTH},1024", "--no-first-run", "--disable-extensions"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(60)
    return driver


def full_screenshot(driver, path, width=WIDTH):
    """The whole page at `width` px wide."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, max(1024, height + 140))
    driver.save_screenshot(path)
    driver.set_window_size(width, 1024)


def fits(driver):
    return driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")


class Axe:
    """axe-core run inside the page, at the WCAG 2.0/2.1 A and AA levels."""

    TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

    def __init__(self, path, check):
        with open(path, encoding="utf-8") as f:
            self.source = f.read()
        self.check = check
        self.states = 0
        self.violations = []

    def __call__(self, driver, state):
        driver.execute_script(self.source)
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
            ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help, "
            "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + "
            "n.failureSummary)}))), e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
            self.TAGS)
        self.states += 1
        for v in result:
            self.violations.append(f"{state}: {v['id']} ({v['help']}) at {v['nodes']}")

    def none_found(self):
        """Fails, listing every violation on every state, if there was any."""
        self.check(not self.violations, "axe-core found WCAG 2.1 AA violations:\n" +
                   "\n".join(self.violations))


def arrived(driver, path):
    """Waits for the page a form was sent from to give way to `path`."""
    WebDriverWait(driver, 30).until(lambda d: path in d.current_url)
    return True


def shows(driver, text):
    """Waits for the answer to a form: whether the page comes to show `text`
    (a refused form stays at its address, so only its content tells)."""
    try:
        WebDriverWait(driver, 30).until(lambda d: text in d.page_source)
        return True
    except TimeoutException:
        return False


def log_in(driver, base, name):
    driver.get(base + "/login")
    driver.find_element(By.ID, "f-name").send_keys(name)
    driver.find_element(By.ID, "f-password").send_keys(PASSWORDS[name])
    driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    WebDriverWait(driver, 30).until(lambda d: "/login" not in d.current_url)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--axe", required=True, help="axe-core's axe.min.js")
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    check = Check()
    axe = Axe(args.axe, check)
    clinic = Clinic(os.path.abspath(args.binary))
    driver = None
    try:
        proc, port = clinic.serve()
        base = f"http://127.0.0.1:{port}"
        driver = start_chromium()

        driver.get(base + "/login")
        axe(driver, "the login page")
        log_in(driver, base, "thera")
        check("Today" in driver.title, f"logged in as the therapist: {driver.title}")
        axe(driver, "the therapist's today page")
        # The client picked as her name is typed, without its accent.
        driver.get(base + "/sessions/new")
        driver.find_element(By.ID, "find").send_keys("chloe mar")
        pick = "#find-results a[href='/sessions/new?client=3']"
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, pick))
        check("Chloé Martin" in driver.find_element(By.ID, "find-results").text,
              "the picker lists her as the name is typed")
        axe(driver, "the session form's client picker with a match")
        full_screenshot(driver, os.path.join(args.artifacts, "client-picker-768.png"))
        driver.find_element(By.CSS_SELECTOR, pick).click()
        arrived(driver, "/sessions/new?client=3")
        check(driver.find_elements(By.CSS_SELECTOR, "section.standing"),
              "picked, the form shows her standing flags")
        Select(driver.find_element(By.ID, "f-technique")).select_by_value("deep-tissue")
        Select(driver.find_element(By.ID, "f-pressure")).select_by_value("4")
        for value in ["neck:midline", "shoulder:right"]:
            box = driver.find_element(By.CSS_SELECTOR, f"input[name=region][value='{value}']")
            box.find_element(By.XPATH, "..").click()  # the spot's label, as a finger would
            check(box.is_selected(), f"{value} is ticked on the body map")
        check(fits(driver), "the session form fits 768 px")
        axe(driver, "the session form with two regions ticked")
        full_screenshot(driver, os.path.join(args.artifacts, "session-form-768.png"))
        driver.find_element(By.CSS_SELECTOR, "form.entry input[type=submit]").click()
        arrived(driver, "/clients/3?session=")
        banner = driver.find_element(By.CSS_SELECTOR, "p.ok").text
        m = re.search(r"Session (\d+) added", banner)
        check(m is not None, f"the session was added: {banner!r}")
        sid = int(m.group(1))
        regions = clinic.sql("SELECT r.name, sr.side FROM session_regions sr JOIN regions r ON "
                             "r.id = sr.region_id WHERE sr.session_id = ? ORDER BY r.name", sid)
        check(regions == [("neck", "midline"), ("shoulder", "right")],
              f"the two regions picked are stored: {regions}")
        check(clinic.sql("SELECT created_by FROM sessions WHERE id = ?", sid) == [("thera",)],
              "entered by the therapist")

        # The report form offers her latest sessions, this one first.
        driver.get(base + "/reports/new?client=3")
        driver.find_element(By.CSS_SELECTOR, "section.recent a").click()
        arrived(driver, f"/reports/new?session={sid}")
        Select(driver.find_element(By.ID, "f-region")).select_by_value("shoulder:right")
        Select(driver.find_element(By.ID, "f-severity")).select_by_value("5")
        driver.find_element(By.ID, "f-onset").send_keys("2026-11-21 10:00")
        driver.find_element(By.CSS_SELECTOR, "input[name=weakness][value=yes]").click()
        driver.find_element(By.CSS_SELECTOR, "input[name=pain][value=no]").click()
        axe(driver, "the report form")
        driver.find_element(By.CSS_SELECTOR, "form.entry input[type=submit]").click()
        check(arrived(driver, "/flags?report="), "the report leads to the flags")
        ours = driver.find_elements(By.CSS_SELECTOR, OUR_FLAG)
        check(ours, "the refer flag for the weakness is on /flags")
        check(fits(driver), "/flags fits 768 px")
        axe(driver, "/flags after a report")
        full_screenshot(driver, os.path.join(args.artifacts, "flags-768.png"))
        stored = clinic.sql("SELECT weakness, pain, numbness FROM reports WHERE session_id = ?", sid)
        check(stored == [(1, 0, None)], f"yes, no and not recorded as chosen: {stored}")

        driver.find_element(By.CSS_SELECTOR, "header form button").click()  # log out
        arrived(driver, "/login")
        log_in(driver, base, "owner")
        driver.get(base + "/flags")
        flag = driver.find_element(By.CSS_SELECTOR, OUR_FLAG)
        Select(flag.find_element(By.NAME, "action")).select_by_value("referred")
        flag.find_element(By.NAME, "note").send_keys("Advised to see her GP today.")
        flag.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
        arrived(driver, "/flags?reviewed=1")
        check("Review recorded." in driver.page_source, "the owner's review is recorded")
        axe(driver, "/flags after a review")
        review = clinic.sql("SELECT action, reviewed_by, note FROM flag_reviews WHERE client_id = 3 "
                            "AND rule = 'weakness'")
        check(review == [("referred", "owner", "Advised to see her GP today.")],
              f"the review as stored: {review}")

        # Referred is not cleared: the right shoulder is still guarded.
        def book_right_shoulder():
            Select(driver.find_element(By.ID, "f-technique")).select_by_value("swedish")
            Select(driver.find_element(By.ID, "f-pressure")).select_by_value("2")
            box = driver.find_element(By.CSS_SELECTOR, "input[name=region][value='shoulder:right']")
            if not box.is_selected():
                box.find_element(By.XPATH, "..").click()
        driver.get(base + "/sessions/new?client=3")
        check(driver.find_elements(By.CSS_SELECTOR, "section.standing"),
              "the session form lists the standing flags")
        flagged = driver.find_element(By.CSS_SELECTOR,
                                      "input[name=region][value='shoulder:right']")
        check("marked" in flagged.find_element(By.XPATH, "..").get_attribute("class"),
              "the flagged shoulder is marked on the body map")
        full_screenshot(driver, os.path.join(args.artifacts, "session-flagged-768.png"))
        sessions_before = clinic.sql("SELECT count(*) FROM sessions")[0][0]
        book_right_shoulder()
        driver.find_element(By.CSS_SELECTOR, "form.entry input[type=submit]").click()
        check(shows(driver, "not to be worked until the flag is cleared"),
              "booking the flagged area is refused, saying why: " + re.sub(r"<[^>]+>", " ", driver.page_source)[:1500])
        check(clinic.sql("SELECT count(*) FROM sessions")[0][0] == sessions_before,
              "the refused session is not saved")
        check(driver.switch_to.active_element.get_attribute("id") == "f-errors",
              "the refused form opens with focus on its error summary")
        axe(driver, "the session form refused under a refer flag")
        full_screenshot(driver, os.path.join(args.artifacts, "session-refused-768.png"))
        book_right_shoulder()
        driver.find_element(By.CSS_SELECTOR, "input[name='despite-flags']").click()
        driver.find_element(By.ID, "f-reason").send_keys("Her GP asked for light work only.")
        driver.find_element(By.CSS_SELECTOR, "form.entry input[type=submit]").click()
        arrived(driver, "/clients/3?session=")
        detail = clinic.sql("SELECT detail FROM audit_log WHERE entity = 'session' ORDER BY id "
                            "DESC LIMIT 1")[0][0]
        check("Her GP asked for light work only." in detail and "despite_flags" in detail,
              "booked with a reason, audited with the flags")

        driver.get(base + "/followups")
        axe(driver, "/followups")
        form = driver.find_elements(By.CSS_SELECTOR, "form[action='/followups']")[0]
        session = form.find_element(By.NAME, "session").get_attribute("value")
        Select(form.find_element(By.NAME, "outcome")).select_by_value("no-answer")
        form.find_element(By.NAME, "notes").send_keys("Left a message.")
        form.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
        arrived(driver, "/followups?logged=")
        check(f"logged (session {session})" in driver.page_source and
              re.search(r"Call with <a href=\"/clients/\d+\">[^<]+</a> logged", driver.page_source),
              "the call is logged, naming the client")
        axe(driver, "/followups after a call")
        call = clinic.sql("SELECT session_id, contacted_by, outcome FROM followups ORDER BY id DESC "
                          "LIMIT 1")
        check(call == [(int(session), "owner", "no-answer")], f"the call as stored: {call}")

        # The owner's pages fit the tablet too.
        for path, shot in [("/users", "users-768.png"), ("/settings", "settings-768.png")]:
            driver.get(base + path)
            check(fits(driver), f"{path} fits 768 px")
            full_screenshot(driver, os.path.join(args.artifacts, shot))

        # The front desk corrects a phone number from the client list.
        driver.find_element(By.CSS_SELECTOR, "header form button").click()
        arrived(driver, "/login")
        log_in(driver, base, "desk")
        axe(driver, "the front desk's today page")
        driver.get(base + "/clients/new")
        axe(driver, "the new client form")
        driver.get(base + "/clients")
        driver.find_element(By.CSS_SELECTOR, "a[href='/clients/3/edit']").click()
        arrived(driver, "/clients/3/edit")
        phone = driver.find_element(By.ID, "f-phone")
        phone.clear()
        phone.send_keys("+49 30 5550 9876")
        check(fits(driver), "the client form fits 768 px")
        axe(driver, "the client form")
        full_screenshot(driver, os.path.join(args.artifacts, "client-edit-768.png"))
        driver.find_element(By.CSS_SELECTOR, "form.entry input[type=submit]").click()
        arrived(driver, "/clients?edited=3")
        check("changes saved." in driver.page_source, "the change is confirmed")
        axe(driver, "the front desk's client list after a change")
        check(clinic.sql("SELECT phone FROM clients WHERE id = 3") == [("+49 30 5550 9876",)],
              "the new phone is stored")

        # The front desk records a health history; the therapist's session on
        # the leg is refused for it, then saved with a reason.
        driver.get(base + "/clients/4/health")
        driver.find_element(By.CSS_SELECTOR, "input[name=clot][value=yes]").click()
        driver.find_element(By.CSS_SELECTOR, "input[name=pregnant][value=no]").click()
        driver.find_element(By.ID, "f-avoid-region").send_keys("face")
        driver.find_element(By.ID, "f-notes").send_keys("DVT in the left leg in 2024.")
        check(fits(driver), "the health form fits 768 px")
        axe(driver, "the health history form")
        full_screenshot(driver, os.path.join(args.artifacts, "health-form-768.png"))
        driver.find_element(By.CSS_SELECTOR, "form.entry input[type=submit]").click()
        arrived(driver, "/clients/4?health=added")
        stored = clinic.sql("SELECT clot, pregnant, anticoagulant, avoid_regions, recorded_by "
                            "FROM health_history WHERE client_id = 4")
        check(stored == [(1, 0, None, "face:midline", "desk")],
              f"yes, no and not asked as chosen: {stored}")
        driver.find_element(By.CSS_SELECTOR, "header form button").click()
        arrived(driver, "/login")
        log_in(driver, base, "thera")
        driver.get(base + "/sessions/new?client=4")
        check(driver.find_elements(By.CSS_SELECTOR, "section.health"),
              "the session form shows the health history")
        Select(driver.find_element(By.ID, "f-technique")).select_by_value("swedish")
        Select(driver.find_element(By.ID, "f-pressure")).select_by_value("2")
        calf = driver.find_element(By.CSS_SELECTOR, "input[name=region][value='calf:left']")
        calf.find_element(By.XPATH, "..").click()
        sessions_before = clinic.sql("SELECT count(*) FROM sessions")[0][0]
        driver.find_element(By.CSS_SELECTOR, "form.entry input[type=submit]").click()
        check(shows(driver, "contraindicated by the client") and "clot yes" in driver.page_source,
              "the session on the leg is refused, naming the answer: " +
              re.sub(r"<[^>]+>", " ", driver.page_source)[:1500])
        check(clinic.sql("SELECT count(*) FROM sessions")[0][0] == sessions_before,
              "the refused session is not saved")
        full_screenshot(driver, os.path.join(args.artifacts, "session-contraindicated-768.png"))
        axe(driver, "the session form refused by the health history")
        driver.find_element(By.CSS_SELECTOR, "input[name='despite-contraindication']").click()
        driver.find_element(By.ID, "f-reason").send_keys("Dr Lee cleared the legs on 2026-11-20.")
        driver.find_element(By.CSS_SELECTOR, "form.entry input[type=submit]").click()
        arrived(driver, "/clients/4?session=")
        detail = clinic.sql("SELECT detail FROM audit_log WHERE entity = 'session' ORDER BY id "
                            "DESC LIMIT 1")[0][0]
        check("Dr Lee cleared the legs" in detail and "despite_contraindications" in detail,
              "saved with a reason, audited with the contraindication")
        leg_session = int(re.search(r"session=(\d+)", driver.current_url).group(1))

        # The owner voids that session from the client's page, and archives
        # a client whose refer flag awaits review, each with a reason.
        driver.find_element(By.CSS_SELECTOR, "header form button").click()
        arrived(driver, "/login")
        log_in(driver, base, "owner")
        driver.get(base + "/clients/4")
        driver.find_element(By.CSS_SELECTOR, f"a[href='/sessions/{leg_session}/void']").click()
        arrived(driver, f"/sessions/{leg_session}/void")
        axe(driver, "the void confirmation")
        driver.find_element(By.ID, "f-reason").send_keys("Booked for the wrong day.")
        driver.find_element(By.CSS_SELECTOR, "form.entry input[type=submit]").click()
        arrived(driver, f"/clients/4?voided={leg_session}")
        check(clinic.sql("SELECT void_reason FROM sessions WHERE id = ?", leg_session) ==
              [("Booked for the wrong day.",)], "the session is voided with its reason")
        driver.get(base + "/clients/5/archive")
        check(driver.find_elements(By.CSS_SELECTOR, "section.standing"),
              "the archive page lists the refer flag in the way")
        driver.find_element(By.CSS_SELECTOR, "form.entry input[type=submit]").click()
        check(shows(driver, "Not saved") and
              clinic.sql("SELECT archived_at FROM clients WHERE id = 5") == [(None,)],
              "archiving over an unreviewed refer flag is refused without going ahead")
        driver.find_element(By.CSS_SELECTOR, "input[name='despite-flags']").click()
        driver.find_element(By.ID, "f-reason").send_keys("Moved abroad; her GP has the letter.")
        axe(driver, "the archive confirmation, refused")
        driver.find_element(By.CSS_SELECTOR, "form.entry input[type=submit]").click()
        arrived(driver, "/clients?archived=5")
        detail = clinic.sql("SELECT detail FROM audit_log WHERE entity = 'client' AND action = "
                            "'archive' ORDER BY id DESC LIMIT 1")[0][0]
        check("Moved abroad" in detail, "archived with the reason, audited")

        # The day's pages on a phone and a desktop: no sideways scroll, and
        # the body map's boxes at least 24 px (WCAG 2.2 target size).
        pages = [("/", "today"), ("/clients", "clients"), ("/clients/3", "client"),
                 ("/sessions/new?client=3", "session-form"), ("/reports/new", "report-form"),
                 ("/flags", "flags"), ("/followups", "followups"), ("/users", "users"),
                 ("/settings", "settings"), ("/sessions/1/void", "void"),
                 ("/clients/3/archive", "archive"), ("/users/disable?name=desk", "disable")]
        for width in [390, 768, 1280]:
            driver.set_window_size(width, 1024)
            for path, name in pages:
                driver.get(base + path)
                check(fits(driver), f"{path} fits {width} px")
                axe(driver, f"{path} at {width} px")
                full_screenshot(driver, os.path.join(args.artifacts, f"{name}-{width}.png"), width)
            driver.get(base + "/sessions/new?client=3")
            small = driver.execute_script(
                "return Array.from(document.querySelectorAll('fieldset.bodymap input'))"
                ".map(e => e.getBoundingClientRect()).filter(r => r.width < 24 || r.height < 24)"
                ".length")
            check(small == 0, f"every body-map box is at least 24 px at {width} px ({small} not)")
        # The referral letter, as the physician would open the HTML.
        letter = os.path.join(os.path.abspath(args.artifacts), "referral-3.html")
        clinic.run("referral", "3", "--to", "Dr Ada Lee", "-o", letter, "--force")
        for width in [390, 1280]:
            driver.set_window_size(width, 1024)
            driver.get("file://" + letter)
            check(driver.find_element(By.TAG_NAME, "h1").text ==
                  "Referral to a physician: Chloé Martin" and fits(driver),
                  f"the referral letter renders and fits {width} px")
            full_screenshot(driver, os.path.join(args.artifacts, f"referral-{width}.png"), width)
        axe(driver, "the referral letter")
        driver.set_window_size(WIDTH, 1024)
        axe.none_found()
        check(clinic.run("db", "check", check=False).returncode == 0, "db check passes")
        print(f"web browser: {check.count} checks passed, {axe.states} page states checked by "
              f"axe-core; screenshots in {args.artifacts}")
    except AssertionError as e:
        print(f"FAIL {e}")
        if driver:
            driver.save_screenshot(os.path.join(args.artifacts, "failure.png"))
        return 1
    finally:
        if driver:
            driver.quit()
        clinic.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
