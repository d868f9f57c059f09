"""One HTTP answer → error mapping for every integration (issue 25, item 6): what an answer
means is decided in integrations/http.py; each service only says it in its own words."""

import json
from datetime import timedelta

import pytest
import requests

from oncall_desktop.integrations import alertmanager, pagerduty, slack, teams
from oncall_desktop.integrations.errors import (
    AccountLevelKey,
    AnswerLost,
    BadPayload,
    NotFound,
    PlanLimit,
    RateLimited,
    Refused,
    ServerError,
    TokenRejected,
    Unreachable,
    UnreadableAnswer,
    is_ambiguous,
)
from oncall_desktop.integrations.http import error_for, fill, json_of, no_answer

SERVICES = {  # (named so: "alertmanager" as a keyword is the real server's marker)
    "PagerDuty": pagerduty.ANSWERS,
    "Slack": slack.ANSWERS,
    "Slack webhook": slack.WEBHOOK_ANSWERS,
    "Teams": teams.ANSWERS,
    "Alertmanager": alertmanager.ANSWERS,
}


def answer(status, body=b"", headers=None, method="POST"):
    response = requests.Response()
    response.status_code = status
    response._content = body
    response.headers.update(headers or {})
    response.request = requests.Request(method, "https://example.com/x").prepare()
    return response


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_means_the_same_by_the_same_answer(service):
    answers = SERVICES[service]
    values = {"url": "https://example.com", "request": "POST /x", "path": "/x", "method": "m"}
    wait = error_for(answer(429, headers={"Retry-After": "7"}), answers, **values)
    assert isinstance(wait, RateLimited) and wait.retry_after == timedelta(seconds=7)
    assert isinstance(error_for(answer(503), answers, **values), ServerError)
    assert isinstance(error_for(answer(422), answers, **values), Refused)
    for error in (wait, error_for(answer(503), answers, **values)):
        assert "{" not in str(error)  # every field its template uses is filled


def test_a_service_names_its_own_errors_in_its_own_words():
    pd = pagerduty.ANSWERS
    body = json.dumps({"error": {"message": "Account-level keys cannot do that"}}).encode()
    assert isinstance(error_for(answer(400, body), pd), AccountLevelKey)
    assert isinstance(error_for(answer(402), pd), PlanLimit)
    found = error_for(answer(404), pd, path="/incidents/P1")
    assert (
        isinstance(found, NotFound) and str(found) == "PagerDuty has no such thing: /incidents/P1."
    )
    slow = error_for(answer(429, headers={"ratelimit-reset": "17"}), pd)
    # no "Retrying": read after a user's action, nothing would retry it by itself
    assert str(slow) == "PagerDuty is rate limiting this token (429) and asks to wait 17 s."
    busy = error_for(answer(429, headers={"Retry-After": "30"}), alertmanager.ANSWERS)
    assert str(busy) == "Alertmanager is rate limiting us (429) and asks to wait 30 s."
    gone = error_for(answer(410, b"no_service"), slack.WEBHOOK_ANSWERS)
    assert (
        isinstance(gone, TokenRejected) and str(gone) == "Slack refused the webhook (no_service)."
    )
    assert isinstance(error_for(answer(404), teams.ANSWERS), TokenRejected)
    assert isinstance(error_for(answer(404), alertmanager.ANSWERS), NotFound)
    assert isinstance(error_for(answer(404), slack.ANSWERS), Refused)


def test_a_write_whose_answer_is_lost_or_unreadable_may_have_been_done():
    lost = requests.exceptions.ReadTimeout(request=requests.Request("POST", "https://x").prepare())
    assert isinstance(no_answer(lost, pagerduty.ANSWERS, url="u"), AnswerLost)
    read = requests.exceptions.ReadTimeout(request=requests.Request("GET", "https://x").prepare())
    error = no_answer(read, pagerduty.ANSWERS, url="u")
    assert type(error) is Unreachable and str(error) == "PagerDuty at u did not answer in time."
    assert not is_ambiguous(error)
    with pytest.raises(UnreadableAnswer):
        json_of(answer(200, b"<html>"), slack.ANSWERS, method="chat.postMessage")
    with pytest.raises(BadPayload) as raised:
        json_of(answer(200, b"<html>", method="GET"), slack.ANSWERS, method="auth.test")
    assert type(raised.value) is BadPayload


def test_a_template_gets_only_the_fields_it_names():
    message = fill(teams.ANSWERS.refused, {"status": 418, "answer": "teapot", "url": "u"})
    assert message.values == (("status", 418),)
    unknown = error_for(answer(404), alertmanager.ANSWERS, request="GET /api/v2/alerts")
    assert str(unknown) == (
        "? has no GET /api/v2/alerts (404): is it the Alertmanager's address, with API v2?"
    )
