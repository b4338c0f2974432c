"""Searching like a browser does: the form POSTs, a valid search is answered 303 with a result URL
that carries only an opaque key (inburgering.zoeken)."""


def resultaat_url(client, url: str, data: dict) -> str:
    response = client.post(url, data)
    assert response.status_code == 303, response.status_code
    return response["Location"]


def zoek(client, url: str, data: dict):
    """The page the user ends up on: the result page, or the form again with its errors."""
    response = client.post(url, data)
    if response.status_code != 303:
        return response
    return client.get(response["Location"])
