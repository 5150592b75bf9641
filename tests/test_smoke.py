from storefront.accounts.roles import Role


def test_home_is_indonesian(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="id">' in response.text
    assert "Kategori" in response.text


def test_login_redirects_to_dashboard(make, login):
    user = make.user(Role.PPK)
    client = login(user)
    assert client.get("/dasbor").status_code == 200
