package org.modelops.bench;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a portal user costs: the time to sign in through Keycloak's form and get the first page, the time to render
 * each main page (the server builds it, calling the governance service with the user's token), and the portal's heap
 * per open session (measured with {@code jcmd} on the portal's JVM after a full GC, before and after the sessions are
 * opened). Runs against the local stack (deploy/bench/portal.sh starts it).
 */
public final class PortalBenchmark {

    static final String USAGE = """
            Usage: java -cp bench.jar org.modelops.bench.PortalBenchmark --portal-pid PID [options]

              --portal-pid PID      the portal's JVM, for heap measurements with jcmd (required)
              --sessions 100        sessions opened and kept open (half dana, half carl)
              --renders 20          page renders per page and user, timed, after the sessions are open
              --portal URL          (default http://localhost:8081)
              --jcmd PATH           (default $JAVA_HOME/bin/jcmd of this JVM)
              --out-dir DIR         where portal-<timestamp>.md goes (default .local/bench)
              --note TEXT           a line for the report header (e.g. the git commit)
            """;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final String PASSWORD = "demo";
    private static final Map<String, String> HEADINGS = Map.of("/decisions", "Decisions waiting for you", "/models",
            "Models", "/audit", "Audit trail");
    private static final Pattern SECURITY_KEY = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"");
    private static final Pattern UI_ID = Pattern.compile("\"v-uiId\":(\\d+)");
    /** What a 1280x800 desktop browser tells the server when it asks for a UI. */
    private static final String BROWSER = "&v-sh=800&v-sw=1280&v-wh=800&v-ww=1280&v-bh=800&v-bw=1280&v-curdate=0"
            + "&v-tzo=0&v-dstd=0&v-rtzo=0&v-dston=false&v-tzid=UTC&v-td=false&v-pr=1&v-np=Linux&v-cs=&v-tn=lumo";

    private final String portal;
    private final long portalPid;
    private final String jcmd;
    private final int sessions;
    private final int renders;

    private PortalBenchmark(String portal, long portalPid, String jcmd, int sessions, int renders) {
        this.portal = portal;
        this.portalPid = portalPid;
        this.jcmd = jcmd;
        this.sessions = sessions;
        this.renders = renders;
    }

    public static void main(String[] args) throws Exception {
        String portal = "http://localhost:8081";
        Long pid = null;
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        int sessions = 100;
        int renders = 20;
        Path outDir = Path.of(".local", "bench");
        String note = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--portal-pid" -> pid = (long) Options.positive(arg, Options.value(args, ++i, arg));
                    case "--sessions" -> sessions = Options.positive(arg, Options.value(args, ++i, arg));
                    case "--renders" -> renders = Options.positive(arg, Options.value(args, ++i, arg));
                    case "--portal" -> portal = Options.value(args, ++i, arg).replaceAll("/+$", "");
                    case "--jcmd" -> jcmd = Options.value(args, ++i, arg);
                    case "--out-dir" -> outDir = Path.of(Options.value(args, ++i, arg));
                    case "--note" -> note = Options.value(args, ++i, arg);
                    case "-h", "--help" -> throw new Options.UsageException(null);
                    default -> throw new Options.UsageException("unknown option " + arg);
                }
            }
            if (pid == null) {
                throw new Options.UsageException("--portal-pid is required");
            }
        } catch (Options.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("ERROR: " + e.getMessage());
            }
            System.err.print(USAGE);
            System.exit(e.getMessage() == null ? 0 : 1);
            return;
        }
        var started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        var loadAtStart = SystemInfo.loadAverage();
        var markdown = new PortalBenchmark(portal, pid, jcmd, sessions, renders).run(started, loadAtStart, note);
        Files.createDirectories(outDir);
        var file = outDir.resolve("portal-" + started.format(STAMP) + ".md");
        Files.writeString(file, markdown);
        System.out.print(markdown);
        System.out.println();
        System.out.println("Markdown written to " + file);
    }

    private String run(OffsetDateTime started, String loadAtStart, String note) throws Exception {
        // One session first, so that class loading and the first Keycloak round trips are not measured.
        try (var first = signIn("dana")) {
            first.render("/decisions");
        }
        long heapBefore = heapAfterFullGc();

        var signInMillis = new ArrayList<Double>();
        var open = new ArrayList<User>();
        for (int i = 0; i < sessions; i++) {
            var username = i % 2 == 0 ? "dana" : "carl";
            long start = System.nanoTime();
            var user = signIn(username);
            user.render(username.equals("dana") ? "/decisions" : "/audit");
            signInMillis.add((System.nanoTime() - start) / 1e6);
            open.add(user);
        }
        long heapAfter = heapAfterFullGc();

        var pages = new LinkedHashMap<String, List<Double>>();
        var dana = open.get(0);
        var carl = open.get(1);
        for (var page : List.of("dana /decisions", "dana /models", "carl /audit", "carl /models")) {
            var user = page.startsWith("dana") ? dana : carl;
            var path = page.substring(page.indexOf(' ') + 1);
            user.render(path); // warm-up
            var millis = new ArrayList<Double>();
            for (int i = 0; i < renders; i++) {
                long start = System.nanoTime();
                user.render(path);
                millis.add((System.nanoTime() - start) / 1e6);
            }
            pages.put(page, millis);
        }
        long stillOpen = heapAfterFullGc();
        for (var user : open) {
            user.close();
        }

        var md = new StringBuilder("# Portal benchmark\n\n");
        SystemInfo.appendHeader(md, started, "see the service's benchmarks", loadAtStart);
        md.append("- Portal: ").append(portal).append(" (pid ").append(portalPid).append(")\n");
        md.append("- Sessions: ").append(sessions).append(" (half dana, half carl), renders per page: ")
                .append(renders).append('\n');
        if (note != null) {
            md.append("- Note: ").append(note).append('\n');
        }
        md.append("\n## Sign-in and first page\n\n");
        md.append(
                "Keycloak's form, the code exchange, then the landing page (dana: decisions, carl: audit trail) rendered on the server; one user after ")
                .append("the other.\n\n");
        md.append("| sessions | median ms | p90 ms | p99 ms | max ms |\n| ---: | ---: | ---: | ---: | ---: |\n");
        md.append(row(String.valueOf(sessions), signInMillis)).append('\n');
        md.append("\n## Page renders\n\n");
        md.append("A full page load as a browser makes it: the bootstrap page, a new UI, the navigation to the ")
                .append("route; the server builds the view and calls the governance service.\n\n");
        md.append("| user and page | median ms | p90 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |\n");
        pages.forEach((page, millis) -> md.append(row(page, millis)).append('\n'));
        md.append("\n## Heap\n\n");
        md.append("Used heap of the portal's JVM after a full GC (`jcmd GC.run`, then `GC.heap_info`).\n\n");
        md.append("| when | used heap MiB |\n| --- | ---: |\n");
        md.append("| before the sessions | ").append(mib(heapBefore)).append(" |\n");
        md.append("| ").append(sessions).append(" sessions open, one page each | ").append(mib(heapAfter))
                .append(" |\n");
        md.append("| after ").append(4 * (renders + 1)).append(" more page loads in two of them | ")
                .append(mib(stillOpen)).append(" |\n\n");
        md.append("**Per open session with one page: ")
                .append(String.format("%.0f KiB", (heapAfter - heapBefore) / 1024.0 / sessions))
                .append("**, **per further page load: ")
                .append(String.format("%.0f KiB", (stillOpen - heapAfter) / 1024.0 / (4 * (renders + 1))))
                .append("** (a reload keeps the old UI until its heartbeats stop, up to 15 minutes here). Each")
                .append(" session holds the user's tokens and a Vaadin UI with its view.\n");
        return md.toString();
    }

    private static String row(String label, List<Double> millis) {
        var sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return "| " + label + " | " + format(percentile(sorted, 50)) + " | " + format(percentile(sorted, 90)) + " | "
                + format(percentile(sorted, 99)) + " | " + format(sorted[sorted.length - 1]) + " |";
    }

    private static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String format(double millis) {
        return String.format("%.1f", millis);
    }

    private static String mib(long bytes) {
        return String.format("%.1f", bytes / 1024.0 / 1024.0);
    }

    /** Heap in use by the portal after a full GC, in bytes (sums the "used" figures jcmd prints for the heap). */
    private long heapAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Thread.sleep(1000);
        var info = jcmd("GC.heap_info");
        var matcher = HEAP_USED.matcher(info);
        if (!matcher.find()) {
            throw new IllegalStateException("no heap figure in jcmd's answer:\n" + info);
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(jcmd, String.valueOf(portalPid), command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    /** Signs in through Keycloak's real form, as a browser does: follows redirects, keeps cookies per user. */
    private User signIn(String username) throws IOException, InterruptedException {
        var http = HttpClient.newBuilder()
                .cookieHandler(new PlainHttpCookies())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        var loginPage = http.send(HttpRequest.newBuilder(URI.create(portal + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        var form = LOGIN_FORM.matcher(loginPage.body());
        if (!form.find()) {
            throw new IllegalStateException("no Keycloak sign-in form at " + loginPage.uri());
        }
        var action = form.group(1).replace("&amp;", "&");
        var body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=" + PASSWORD
                + "&credentialId=";
        var landing = http.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (landing.statusCode() != 200 || !landing.uri().toString().startsWith(portal)) {
            throw new IllegalStateException(username + " did not land on the portal: " + landing.statusCode() + " "
                    + landing.uri());
        }
        return new User(username, http);
    }

    /**
     * Keycloak marks its sign-in cookies {@code Secure}; browsers still send them to {@code http://localhost}, Java's
     * cookie manager does not. This one keeps them, for the local stack only.
     */
    private static final class PlainHttpCookies extends CookieHandler {

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return cookies.get(uri, requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            var plain = new LinkedHashMap<String, List<String>>();
            responseHeaders.forEach((name, values) -> plain.put(name, name != null && name.equalsIgnoreCase(
                    "set-cookie") ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure", "")).toList() : values));
            cookies.put(uri, plain);
        }
    }

    private final class User implements AutoCloseable {

        private final String username;
        private final HttpClient http;

        User(String username, HttpClient http) {
            this.username = username;
            this.http = http;
        }

        /**
         * Loads a page as a browser does: the bootstrap page, then the request that makes the server create the UI
         * and render the view (calling the governance service); fails unless the view's heading came back.
         */
        void render(String path) throws IOException, InterruptedException {
            var page = http.send(HttpRequest.newBuilder(URI.create(portal + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200 || !page.uri().toString().startsWith(portal)) {
                throw new IllegalStateException(username + " " + path + ": " + page.statusCode() + " " + page.uri());
            }
            // The client asks for a UI, then navigates it to the route; the server renders the view in that answer.
            var init = http.send(HttpRequest.newBuilder(URI.create(portal + "/?v-r=init&location="
                    + URLEncoder.encode(path.substring(1), StandardCharsets.UTF_8) + "&query=" + BROWSER))
                    .GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            var key = SECURITY_KEY.matcher(init.body());
            var ui = UI_ID.matcher(init.body());
            if (init.statusCode() != 200 || !key.find() || !ui.find()) {
                throw new IllegalStateException(username + " " + path + ": no UI: " + init.statusCode());
            }
            var navigate = "{\"csrfToken\":\"" + key.group(1) + "\",\"rpc\":[{\"type\":\"event\",\"node\":1,"
                    + "\"event\":\"ui-navigate\",\"data\":{\"route\":\"" + path.substring(1)
                    + "\",\"query\":\"\",\"appShellTitle\":\"\",\"historyState\":{\"idx\":0},"
                    + "\"trigger\":\"\"}}],\"syncId\":0,\"clientId\":0}";
            var view = http.send(HttpRequest.newBuilder(URI.create(portal + "/?v-r=uidl&v-uiId=" + ui.group(1)))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(navigate))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (view.statusCode() != 200 || !view.body().contains(HEADINGS.get(path))) {
                Files.writeString(Path.of("/tmp/view.json"), view.body());
                throw new IllegalStateException(username + " " + path + ": the view did not render ("
                        + view.statusCode() + ")");
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
