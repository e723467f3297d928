"""Console smoke test in real headless Chromium: log in, search the catalog, open a resource.

Usage: python3 Tests/smoke/console_smoke.py http://127.0.0.1:PORT
Prints '3 passed, 0 failed' (or the failures) and exits non-zero on any failure.
"""
import sys
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080"


def browser():
    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000", "--lang=zh-CN"):
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    driver = browser()
    wait = WebDriverWait(driver, 15)
    passed, failed = 0, 0

    def step(name, fn):
        nonlocal passed, failed
        try:
            fn()
            passed += 1
            print(f"ok   {name}")
        except Exception:
            failed += 1
            print(f"FAIL {name}")
            traceback.print_exc()
            driver.save_screenshot(f"/tmp/smoke-{name}.png")

    def login():
        driver.get(BASE + "/catalog")
        wait.until(EC.presence_of_element_located((By.ID, "username")))
        assert "/login" in driver.current_url, driver.current_url
        driver.find_element(By.ID, "username").send_keys("admin")
        driver.find_element(By.ID, "password").send_keys("shuhui-admin")
        driver.find_element(By.ID, "login-submit").click()
        wait.until(EC.presence_of_element_located((By.ID, "catalog-search")))
        assert driver.current_url.endswith("/catalog"), driver.current_url
        assert "数据资源目录" in driver.page_source

    def search():
        # The unfiltered catalog already shows #results: wait for the old page to go and the
        # searched one to load, or the rows are read from a page in mid-navigation.
        before = driver.find_element(By.ID, "catalog-search")
        box = driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys("人口")
        driver.find_element(By.ID, "search-submit").click()
        wait.until(EC.staleness_of(before))
        wait.until(EC.url_contains("q="))
        wait.until(EC.presence_of_element_located((By.ID, "result-count")))
        rows = driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")
        assert rows, "no search results for 人口"

    def open_resource():
        link = driver.find_element(By.CSS_SELECTOR, "#results a.resource-link")
        name = link.text
        link.click()
        wait.until(EC.presence_of_element_located((By.ID, "fields")))
        assert name in driver.find_element(By.ID, "resource-name").text
        assert driver.find_elements(By.CSS_SELECTOR, "#fields tbody tr"), "resource has no fields"
        assert driver.find_elements(By.CSS_SELECTOR, "#versions tbody tr"), "resource has no versions"
        driver.save_screenshot("/tmp/smoke-resource.png")

    try:
        step("login", login)
        step("search", search)
        step("open_resource", open_resource)
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
