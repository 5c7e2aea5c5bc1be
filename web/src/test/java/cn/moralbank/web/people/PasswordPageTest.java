package cn.moralbank.web.people;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The /password page: after a reset, every page leads there first; a wrong current password or two new ones that
 * differ answer the form again with the reason and change nothing; once changed, the old session ends and the new
 * password signs in. In both languages.
 */
@MicronautTest(transactional = false)
class PasswordPageTest extends AppTest {

    private String login(String username, String password) {
        Map<?, ?> answer = client.toBlocking().retrieve(HttpRequest.POST("/api/login",
                Map.of("username", username, "password", password)), Map.class);
        return (String) answer.get("access_token");
    }

    private HttpResponse<String> send(String token, MutableHttpRequest<?> request) {
        try {
            return noRedirects().toBlocking().exchange(request.bearerAuth(token).accept(MediaType.TEXT_HTML_TYPE),
                    String.class);
        } catch (HttpClientResponseException e) {
            return HttpResponse.status(e.getStatus()).body(e.getResponse().getBody(String.class).orElse(""));
        }
    }

    private HttpResponse<String> post(String token, String body) {
        return send(token, HttpRequest.POST("/password", body).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    }

    private String hash() {
        return (String) sql().single("SELECT password_hash FROM person WHERE username = 'hedong.grid1'");
    }

    @Test
    void afterAResetThePersonChoosesTheirOwnPasswordFirstAndMistakesChangeNothing() {
        Map<?, ?> reset = client.toBlocking().retrieve(as("hedong.admin",
                HttpRequest.POST("/api/people/hedong.grid1/password-reset", Map.of())), Map.class);
        String temporary = (String) reset.get("password");
        String first = login("hedong.grid1", temporary);

        HttpResponse<String> home = send(first, HttpRequest.GET("/"));
        assertEquals(303, home.code());
        assertEquals("/password", home.header("Location"));
        String page = send(first, HttpRequest.GET("/password")).body();
        assertTrue(page.contains("临时密码") && page.contains("name=\"confirm\""), page);

        String before = hash();
        HttpResponse<String> differs = post(first, "current=" + temporary + "&chosen=mine-12345&confirm=mine-54321");
        assertEquals(422, differs.code());
        assertTrue(differs.body().contains("两次输入的新密码不一样"), differs.body());
        HttpResponse<String> wrong = post(first, "current=not-it-123&chosen=mine-12345&confirm=mine-12345");
        assertEquals(422, wrong.code());
        assertTrue(wrong.body().contains("当前密码不对"), wrong.body());
        HttpResponse<String> shortOne = post(first, "current=" + temporary + "&chosen=short&confirm=short");
        assertEquals(422, shortOne.code());
        assertEquals(before, hash(), "a refused change leaves the password as it was");

        HttpResponse<String> done = post(first, "current=" + temporary + "&chosen=mine-12345&confirm=mine-12345");
        assertEquals(303, done.code());
        assertEquals("/login?changed=1", done.header("Location"));
        HttpClientResponseException ended = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.GET("/api/households").bearerAuth(first), String.class));
        assertEquals(401, ended.code(), "the temporary session ended");
        String own = login("hedong.grid1", "mine-12345");
        assertEquals(200, send(own, HttpRequest.GET("/")).code(), "no more detour to /password");
        assertTrue(client.toBlocking().retrieve(HttpRequest.GET("/login?changed=1").accept(MediaType.TEXT_HTML_TYPE),
                String.class).contains("密码已修改"));
    }

    @Test
    void theFormAndItsRefusalsReadInEnglish() {
        String token = login("hedong.grid2", PASSWORD);
        String page = send(token, HttpRequest.GET("/password").header("Cookie", "lang=en")).body();
        assertTrue(page.contains("Change password"), page);
        assertFalse(page.contains("temporary password:"), "no temporary-password notice without a reset");
        HttpResponse<String> differs = send(token, HttpRequest.POST("/password",
                "current=" + PASSWORD + "&chosen=mine-12345&confirm=other-12345").header("Cookie", "lang=en")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
        assertEquals(422, differs.code());
        assertTrue(differs.body().contains("The two new passwords differ."), differs.body());
    }
}
