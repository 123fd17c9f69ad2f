"""ui30 #2: every flash message was role="status", which a screen reader reads out only when it is idle, so an error
(a stale form, a refusal) could go unheard. An error or a warning is role="alert" now; info and success stay
role="status". The same include renders the review page's messages and a clause's own."""

from __future__ import annotations

import re

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string


def test_base_announces_errors_and_warnings_as_alerts_and_the_rest_as_status():
    said = [Message(constants.ERROR, "表单已失效，请重新选择文件后提交。"), Message(constants.WARNING, "请核对<列>"),
            Message(constants.INFO, "该表单已提交过，没有重复上传。"), Message(constants.SUCCESS, "已登记。")]
    html = render_to_string("base.html", {"messages": said})
    block = re.sub(r">\s+<", "><", html[html.index('<div class="messages">'):html.index("</main>")]).strip()
    assert block == ('<div class="messages">'
                             '<div class="alert alert-error" role="alert">表单已失效，请重新选择文件后提交。</div>'
                             '<div class="alert alert-warning" role="alert">请核对&lt;列&gt;</div>'
                             '<div class="alert alert-info" role="status">该表单已提交过，没有重复上传。</div>'
                             '<div class="alert alert-success" role="status">已登记。</div>'
                             '</div>')


def test_a_clause_message_keeps_its_class_and_takes_the_role_of_its_level():
    html = render_to_string("includes/flash.html", {"message": Message(constants.ERROR, "无法排除"),
                                                    "extra": " rv-clause-message"})
    assert html == '<div class="alert alert-error rv-clause-message" role="alert">无法排除</div>'
