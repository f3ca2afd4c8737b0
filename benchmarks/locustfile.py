"""The load test's visitors (see ``load_test.py``, which runs them): what seniors and parents do on the site.

``TermReader`` only reads term pages (the issue's throughput target); ``Visitor`` mixes dictionary searches, term
pages, annuaire searches, fiche pages and requests for a word. Each user stops after ``BENCH_TASKS_PER_USER``
tasks and the whole run after ``BENCH_MAX_REQUESTS`` requests, whatever the time limit.
"""

import os
import random
import re

import gevent
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

TERMS = os.environ.get("BENCH_TERMS", "wi-fi").split(",")
FICHES = os.environ.get("BENCH_FICHES", "/fiches/").split(",")
SEARCHES = ["wifi", "imel", "mot de passe", "le petit carre a scanner", "apli", "bluetoot", "cloud", "zzzz"]
PLACES = ["Lille", "Amiens", "Roubaix", "59000", ""]
THEMES = ["famille", "numerique", "handicap", ""]
TASKS_PER_USER = int(os.environ.get("BENCH_TASKS_PER_USER", "100000"))
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "200000"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


_state = {"environment": None, "stopping": False}


@events.init.add_listener
def remember_environment(environment, **kwargs):
    _state["environment"] = environment


@events.request.add_listener
def stop_after_max_requests(**kwargs):
    environment = _state["environment"]
    if _state["stopping"] or environment is None or environment.runner is None:
        return
    if environment.stats.total.num_requests >= MAX_REQUESTS:
        _state["stopping"] = True
        gevent.spawn(environment.runner.quit)


class Bounded:
    tasks_done = 0

    def count(self):
        self.tasks_done += 1
        if self.tasks_done > TASKS_PER_USER:
            raise StopUser()


class TermReader(Bounded, FastHttpUser):
    wait_time = between(0, 0)

    @task
    def term_page(self):
        self.count()
        self.client.get(f"/dictionnaire/{random.choice(TERMS)}/", name="term page")


class Visitor(Bounded, FastHttpUser):
    wait_time = between(0, 0.1)

    @task(4)
    def term_page(self):
        self.count()
        self.client.get(f"/dictionnaire/{random.choice(TERMS)}/", name="term page")

    @task(3)
    def dictionary_search(self):
        self.count()
        self.client.get(f"/dictionnaire/recherche/?q={random.choice(SEARCHES)}", name="dictionary search")

    @task(2)
    def search_api(self):
        self.count()
        self.client.get(f"/api/dictionnaire/recherche/?q={random.choice(SEARCHES)}", name="search API")

    @task(2)
    def annuaire(self):
        self.count()
        url = f"/boussole/annuaire/?lieu={random.choice(PLACES)}&thematique={random.choice(THEMES)}"
        self.client.get(url, name="annuaire search")

    @task(2)
    def fiche(self):
        self.count()
        self.client.get(random.choice(FICHES), name="fiche page")

    @task(1)
    def index(self):
        self.count()
        self.client.get("/dictionnaire/", name="dictionary index")

    @task(1)
    def request_word(self):
        self.count()
        form = self.client.get("/dictionnaire/demander/", name="request form")
        token = CSRF.search(form.text or "")
        data = {
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "word": f"mot {random.randint(1, 500)}",
            "context": "charge",
            "email": "",
            "website": "",
        }
        self.client.post(
            "/dictionnaire/demander/", data=data, name="request post", headers={"Referer": self.host + "/dictionnaire/"}
        )
