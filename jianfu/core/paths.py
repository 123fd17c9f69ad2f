"""URL prefixes that more than the request cycle must know, in a module with no Django import: gunicorn's
master process loads the access logger (`jianfu.directline.accesslog`) before Django's apps are ready."""

# 直通车's reporter pages and API (docs/directline.md): even a logged-in browser is anonymous there —
# no session is read or saved, no user attached — so nothing can link an account to a report.
ANONYMOUS_PATH_PREFIXES = ("/directline/public/", "/api/v1/directline/public/")
# The only cookies besides CSRF's that those paths keep: the key of a receipt code waiting, between the report form's
# POST and the receipt page it redirects to, to be shown once (a random value, deleted when shown); and a random value
# the report form's page sets, without which a repeat of its post is never shown the code again (security17 #2).
ANONYMOUS_KEPT_COOKIES = ("jf_receipt", "jf_form")
# A handler's unlock cookie (/directline/ only): the key that opens the private key sealed in the session. Hidden,
# with the two above, from Django's error reports (`directline.errorreports`, security20 #3).
HANDLER_UNLOCK_COOKIE = "jf_dl"
