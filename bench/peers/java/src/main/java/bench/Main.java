package bench;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Benchmark peers for bench/run.sh. Modes:
 * <ul>
 *   <li>{@code jakarta}: plain Jakarta Mail, one connected Transport per thread;</li>
 *   <li>{@code sjm}: Simple Java Mail with the batch module's connection pool;</li>
 *   <li>{@code eml}: write one finished message (recipient 0) to --out, with LF line
 *       ends, for Postfix's smtp-source -F.</li>
 * </ul>
 * Send modes print one JSON line: {"sent":…,"failed":…,"seconds":…,…}.
 */
public final class Main {
    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        Content content = new Content(a.fixtures);
        switch (a.mode) {
            case "eml" -> writeEml(a, content);
            case "jakarta" -> report(a, new JakartaPeer(a, content).run());
            case "sjm" -> report(a, new SjmPeer(a, content).run());
            default -> Args.usage("unknown mode " + a.mode);
        }
    }

    private static void writeEml(Args a, Content content) throws Exception {
        if (a.out == null) Args.usage("eml needs --out FILE");
        MimeMessage m = new JakartaPeer(a, content).build(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.writeTo(bytes);
        String crlf = bytes.toString(StandardCharsets.ISO_8859_1);
        Files.writeString(a.out, crlf.replace("\r\n", "\n"), StandardCharsets.ISO_8859_1);
        System.out.println("{\"wire_bytes\":" + bytes.size() + "}");
    }

    private static void report(Args a, Result r) {
        StringBuilder errs = new StringBuilder("[");
        for (String e : r.errors()) {
            if (errs.length() > 1) errs.append(',');
            errs.append('"').append(e.replace("\\", "\\\\").replace("\"", "'").replace("\n", " ")).append('"');
        }
        errs.append(']');
        System.out.printf(java.util.Locale.ROOT,
                "{\"sent\":%d,\"failed\":%d,\"seconds\":%.3f,\"peer\":\"%s\",\"c\":%d,\"nodelay\":%b,"
                        + "\"nodelay_sockets\":%d,\"errors\":%s}%n",
                r.sent(), r.failed(), r.seconds(), a.mode, a.c, a.nodelay, NoDelaySocketFactory.CREATED.get(), errs);
        System.out.flush();
        System.exit(r.failed() == 0 ? 0 : 1);
    }
}
