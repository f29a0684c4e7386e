package io.hpcgateway.cli.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The person at the browser, for the login tests: opens Keycloak's pages with cookies, fills the
 * login form with a user's password and grants access where Keycloak asks, submitting each
 * page's own form (action and hidden fields) as a browser does.
 */
public final class LoginPages {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]+)\"");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(new LoopbackStore(), null))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    /** The address of the page last shown, which relative form actions resolve against. */
    private URI at;

    /** Opens {@code url}, logs in as the user, accepts a consent page; answers the last page's HTML. */
    public String logIn(String url, String username, String password) throws IOException, InterruptedException {
        String page = get(url);
        if (page.contains("name=\"password\"")) {
            page = submit(page, Map.of("username", username, "password", password));
        }
        if (page.contains("name=\"accept\"")) {
            page = submit(page, Map.of("accept", "Yes"));
        }
        return page;
    }

    private String get(String url) throws IOException, InterruptedException {
        return show(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private String submit(String page, Map<String, String> fields) throws IOException, InterruptedException {
        Matcher form = FORM.matcher(page);
        if (!form.find()) {
            throw new IllegalStateException("No form on the page: " + page);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(form.group(2));
        while (hidden.find()) {
            Matcher name = NAME.matcher(hidden.group());
            Matcher value = VALUE.matcher(hidden.group());
            if (name.find()) {
                values.put(name.group(1), value.find() ? unescape(value.group(1)) : "");
            }
        }
        values.putAll(fields);
        String body = values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return show(HttpRequest.newBuilder(at.resolve(unescape(form.group(1))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String show(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
        at = response.uri();
        return response.body();
    }

    /**
     * Browsers treat the loopback address as a secure context and send it the {@code Secure}
     * cookies Keycloak sets; the JDK's cookie store would not, over http, so the flag is dropped here.
     */
    private static final class LoopbackStore implements CookieStore {
        private final CookieStore cookies = new CookieManager().getCookieStore();

        @Override
        public void add(URI uri, HttpCookie cookie) {
            cookie.setSecure(false);
            cookies.add(uri, cookie);
        }

        @Override
        public List<HttpCookie> get(URI uri) {
            return cookies.get(uri);
        }

        @Override
        public List<HttpCookie> getCookies() {
            return cookies.getCookies();
        }

        @Override
        public List<URI> getURIs() {
            return cookies.getURIs();
        }

        @Override
        public boolean remove(URI uri, HttpCookie cookie) {
            return cookies.remove(uri, cookie);
        }

        @Override
        public boolean removeAll() {
            return cookies.removeAll();
        }
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#x3D;", "=").replace("&#61;", "=");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
