package org.paperdigest.cli;

import com.github.mustachejava.DefaultMustacheFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.paperdigest.App;
import org.paperdigest.config.Config;
import org.paperdigest.config.Env;
import org.paperdigest.delivery.DispatchResult;
import org.paperdigest.delivery.Issue;
import org.paperdigest.delivery.Progress;
import org.paperdigest.delivery.SendService;
import org.paperdigest.subscribers.ImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Sends one issue to the sample subscribers through an embedded SMTP server (GreenMail).",
                "Uses a throw-away database, then writes what was delivered to out/demo/: .eml, .html and an index.html inbox.",
                "Needs no configuration; DIGEST_TEMPLATES, DIGEST_CATALOG and DIGEST_PAPERS_PER_ISSUE are honoured."})
final class DemoCommand implements Callable<Integer> {
    private static final List<String> CARRIED = List.of("DIGEST_TEMPLATES", "DIGEST_CATALOG", "DIGEST_PAPERS_PER_ISSUE");
    private static final Pattern DEMO_FILE = Pattern.compile("\\d{2,}-.+\\.(?:eml|html)");

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the delivered messages (default: out/demo).")
    Path outDir = Path.of("out", "demo");

    @Option(names = "--subscribers", paramLabel = "FILE.csv",
            description = "Sample list to send to (default: subscribers/sample.csv, or the copy in the jar).")
    Path sample;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("paper-digest-demo");
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try {
            int port = greenMail.getSmtp().getPort();
            Config config = Config.from(demoEnv(work, port));
            try (App app = new App(config, java.time.Clock.systemUTC())) {
                ImportReport imported = importSample(app);
                out.println("Seeded a throw-away database with " + imported.imported() + " sample subscribers.");
                SendService service = app.sendService();
                SendService.Prepared prepared = service.prepare(Issue.Kind.MANUAL, null, true);
                if (prepared.issue() == null) {
                    out.println("Nothing to send: " + prepared.nothingToSend() + ".");
                    return Main.FAILURE;
                }
                DispatchResult r = service.dispatch(prepared.issue(), app.oneOffPolicy(), 0, Progress.NONE, new AtomicBoolean());
                if (r.stopReason() != null) {
                    throw new IllegalStateException("The demo send stopped: " + r.stopReason());
                }
                greenMail.waitForIncomingEmail(5_000, (int) r.sent());
                int written = writeInbox(greenMail.getReceivedMessages(), prepared.issue().number(), port);
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf(Locale.ROOT, "Sent issue %d to %d subscribers through GreenMail on 127.0.0.1:%d (%.1f msgs/s).%n",
                        r.issue(), r.sent(), port, r.messagesPerSecond());
                out.printf(Locale.ROOT, "Wrote %d messages (.eml and .html) to %s in %.1f s.%n", written, outDir, seconds);
                out.println("Open " + outDir.resolve("index.html") + " in a browser to read them.");
                return Main.OK;
            }
        } finally {
            greenMail.stop();
            deleteTree(work);
        }
    }

    private Env demoEnv(Path work, int port) {
        Env real = Env.load(Path.of(".env"), System.getenv(), Map.of());
        Map<String, String> values = new HashMap<>();
        for (String name : CARRIED) {
            real.get(name).ifPresent(v -> values.put(name, v));
        }
        values.put("DIGEST_DB_URL", "jdbc:sqlite:" + work.resolve("demo.db"));
        values.put("SMTP_HOST", "127.0.0.1");
        values.put("SMTP_PORT", String.valueOf(port));
        values.put("SMTP_SECURITY", "none");
        values.put("SMTP_POOL_SIZE", "2");
        values.put("DIGEST_SECRET", UUID.randomUUID().toString());
        values.put("DIGEST_FROM", "Paper Digest <digest@paper-digest.example>");
        values.put("DIGEST_BASE_URL", "http://localhost:8080");
        return Env.of(values);
    }

    private ImportReport importSample(App app) throws IOException {
        Path file = sample != null ? sample : Path.of("subscribers", "sample.csv");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return app.subscriberCsv().importFrom(r, file.toString());
            }
        }
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream("demo/sample.csv")) {
            if (in == null) {
                throw new IllegalStateException("No sample subscribers: " + file + " is missing and the jar has no copy");
            }
            return app.subscriberCsv().importFrom(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled sample.csv");
        }
    }

    private int writeInbox(MimeMessage[] messages, int issue, int port) throws IOException, MessagingException {
        Files.createDirectories(outDir);
        clearPreviousInbox(outDir);
        List<MimeMessage> sorted = new ArrayList<>(List.of(messages));
        sorted.sort(Comparator.comparing(DemoCommand::address));
        List<Map<String, String>> rows = new ArrayList<>();
        int n = 0;
        for (MimeMessage m : sorted) {
            n++;
            String base = String.format(Locale.ROOT, "%02d-%s", n, address(m).replaceAll("[^A-Za-z0-9.@-]", "_"));
            try (OutputStream o = Files.newOutputStream(outDir.resolve(base + ".eml"))) {
                m.writeTo(o);
            }
            String html = part(m, "text/html");
            Files.writeString(outDir.resolve(base + ".html"), html, StandardCharsets.UTF_8);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("to", recipient(m));
            row.put("subject", m.getSubject());
            row.put("messageId", m.getMessageID());
            row.put("papers", papers(part(m, "text/plain")));
            row.put("size", String.format(Locale.ROOT, "%.1f KB", html.getBytes(StandardCharsets.UTF_8).length / 1024.0));
            row.put("html", base + ".html");
            row.put("eml", base + ".eml");
            rows.add(row);
        }
        Map<String, Object> scope = new HashMap<>();
        scope.put("issue", issue);
        scope.put("count", rows.size());
        scope.put("port", port);
        scope.put("time", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(java.time.Instant.now()));
        scope.put("messages", rows);
        StringWriter index = new StringWriter();
        new DefaultMustacheFactory("demo").compile("index.html.mustache").execute(index, scope);
        Files.writeString(outDir.resolve("index.html"), index.toString(), StandardCharsets.UTF_8);
        return rows.size();
    }

    /** Lists the paper titles of a digest from the numbered "In this issue" lines of its text part. */
    private static String papers(String text) {
        List<String> titles = new ArrayList<>();
        new java.io.BufferedReader(new StringReader(text)).lines()
                .map(String::strip)
                .filter(l -> l.matches("\\d+\\. .+"))
                .distinct()
                .forEach(l -> titles.add(l.replaceFirst("\\d+\\. ", "")));
        return String.join(" · ", titles);
    }

    /** Deletes what an earlier demo wrote here (index.html and NN-*.eml/.html), and nothing else: --out may be any folder. */
    private static void clearPreviousInbox(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.equals("index.html") || DEMO_FILE.matcher(name).matches())) {
                    Files.delete(f);
                }
            }
        }
    }

    /** The bare address of the first recipient, for sorting and file names. */
    private static String address(MimeMessage m) {
        try {
            return ((InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (MessagingException e) {
            return "unknown";
        }
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            return "unknown";
        }
    }

    private static String part(MimeMessage m, String type) throws IOException, MessagingException {
        Object content = m.getContent();
        if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                if (p.isMimeType(type)) {
                    return p.getContent().toString();
                }
            }
        }
        return "";
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
