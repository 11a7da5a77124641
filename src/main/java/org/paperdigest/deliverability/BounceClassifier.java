package org.paperdigest.deliverability;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * Classifies one message of the bounce mailbox (see {@link ReportKind}), in the order the standards
 * give: an ARF feedback report (RFC 5965) is a complaint; an RFC 3464 delivery-status report is read
 * for its per-recipient {@code Action}, {@code Status} and {@code Diagnostic-Code} (with Angus Mail's
 * {@link DeliveryStatus}; when the MIME structure is broken, the same fields are read from the raw
 * text); otherwise a message from a mail system is read as plain text, by the layouts and keyword
 * rules of {@link BounceRules}, with the SMTP reply it contains ({@link SmtpReplies}). It changes
 * nothing and never throws on a bad message: what it cannot read is {@code unrecognised}.
 */
public final class BounceClassifier {
    private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9._%+'=-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");
    private static final Pattern QUOTED_ID = Pattern.compile("(?im)^[ \\t]*(?:x-original-)?message-id:[ \\t]*(<[^<>\\s]+>)");
    private static final Pattern ANY_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern DSN_START = Pattern.compile("(?im)^(Reporting-MTA|Final-Recipient|Original-Recipient):");
    private static final Pattern DSN_END = Pattern.compile("(?m)^(--|Content-Type:)");
    private static final Pattern ARF_TYPE = Pattern.compile("(?im)^Feedback-Type:[ \\t]*([\\w-]+)");
    private static final Pattern ARF_PART = Pattern.compile("(?i)report-type=\"?feedback-report|message/feedback-report");
    private static final Pattern ARF_RECIPIENT = Pattern.compile("(?im)^Original-Rcpt-To:[ \\t]*<?([^<>\\s]+@[^<>\\s]+)>?");
    private static final Pattern ARF_AGENT = Pattern.compile("(?im)^User-Agent:[ \\t]*(.+)$");
    private static final Pattern QUOTED_TO = Pattern.compile("(?im)^To:[ \\t]*(.+)$");
    private static final Set<String> NOT_RECIPIENTS = Set.of("postmaster", "mailer-daemon", "mailer_daemon", "abuse", "noreply",
            "no-reply", "root");

    private final Session session = Session.getInstance(new Properties());
    private final BounceRules rules;

    /** A classifier with the bundled rules. */
    public BounceClassifier() {
        this(BounceRules.bundled());
    }

    BounceClassifier(BounceRules rules) {
        this.rules = rules;
    }

    /** Classifies a whole message, as raw bytes. */
    public Classification classify(byte[] raw) {
        String all = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int split = all.indexOf("\n\n");
        String topHeaders = split < 0 ? all : all.substring(0, split + 1);
        String body = split < 0 ? "" : all.substring(split + 2);
        MimeMessage m;
        try {
            m = new MimeMessage(session, new ByteArrayInputStream(raw));
            m.getContentType();
        } catch (MessagingException e) {
            return new Classification(ReportKind.UNRECOGNISED, null, null, null, "unreadable message: " + e.getMessage(), "none",
                    List.of(), digest(raw));
        }
        Message msg = new Message(m, topHeaders, body, header(m, "From"), header(m, "Subject"), quotedIds(m, body), reportId(m, raw));
        if (ARF_PART.matcher(String.valueOf(header(m, "Content-Type"))).find() || ARF_PART.matcher(body).find()
                && ARF_TYPE.matcher(body).find()) {
            return complaint(msg);
        }
        List<InternetHeaders> recipients = new ArrayList<>();
        if (collectDeliveryStatus(m, recipients) || rawDeliveryStatus(body, recipients)) {
            return fromDsn(msg, recipients);
        }
        boolean fromMailSystem = rules.first("sender", msg::field).isPresent();
        if (fromMailSystem) {
            return fromText(msg, bodyText(m, body));
        }
        Optional<BounceRules.Hit> auto = rules.first("autoreply", msg::field);
        if (auto.isPresent()) {
            return msg.result(ReportKind.IGNORED, null, null, null, auto.get().rule().words(), "none");
        }
        return msg.result(ReportKind.UNRECOGNISED, null, null, null,
                "neither a delivery report, a feedback report, nor a message from a mail system", "none");
    }

    /**
     * Judges a permanent refusal while sending by the same status, text and code rules as a report:
     * hard or soft, never anything else (a {@code 552 5.2.2} mailbox full is soft, {@code 550 5.1.1} hard).
     */
    public ReportKind refusal(String status, String reply) {
        Optional<SmtpReplies.Reply> r = SmtpReplies.first(reply);
        String s = status != null ? status : r.map(SmtpReplies.Reply::status).orElse(null);
        String code = r.map(SmtpReplies.Reply::code).orElse(s == null ? "500" : s.charAt(0) + "00");
        Verdict v = verdict(s, code, reply);
        return v == null ? ReportKind.SOFT : v.kind();
    }

    private Classification complaint(Message msg) {
        Matcher type = ARF_TYPE.matcher(msg.body);
        String feedback = type.find() ? type.group(1).toLowerCase(Locale.ROOT) : "abuse";
        Matcher agent = ARF_AGENT.matcher(msg.body);
        String by = agent.find() ? " (" + agent.group(1).trim() + ")" : "";
        Matcher rcpt = ARF_RECIPIENT.matcher(msg.body);
        String recipient = rcpt.find() ? rcpt.group(1) : quotedTo(msg.body);
        if (feedback.equals("not-spam") || feedback.equals("auth-failure") || feedback.equals("dkim") || feedback.equals("virus")) {
            return msg.result(ReportKind.IGNORED, recipient, null, null, "a feedback report that is no complaint (Feedback-Type: "
                    + feedback + ")" + by, "arf");
        }
        return msg.result(ReportKind.COMPLAINT, recipient, null, null, "the reader reported the digest as spam (Feedback-Type: "
                + feedback + ")" + by, "arf");
    }

    private Classification fromDsn(Message msg, List<InternetHeaders> recipients) {
        InternetHeaders failed = null;
        InternetHeaders delayed = null;
        InternetHeaders other = null;
        for (InternetHeaders r : recipients) {
            String action = String.valueOf(field(r, "Action")).toLowerCase(Locale.ROOT);
            if (action.startsWith("failed") && failed == null) {
                failed = r;
            } else if (action.startsWith("delayed") && delayed == null) {
                delayed = r;
            } else if (other == null) {
                other = r;
            }
        }
        if (failed != null) {
            String diagnostic = oneLine(stripType(field(failed, "Diagnostic-Code")));
            String status = SmtpReplies.statusField(field(failed, "Status"));
            Optional<SmtpReplies.Reply> reply = SmtpReplies.first(diagnostic);
            if (status == null) {
                status = reply.map(SmtpReplies.Reply::status).orElse(null);
            }
            String code = reply.map(SmtpReplies.Reply::code).orElse(status == null ? null : status.charAt(0) + "00");
            Verdict v = verdict(status, code, diagnostic);
            if (v == null) {
                v = new Verdict(ReportKind.SOFT, "a failure report that says nothing more (counted as soft)");
            }
            return msg.result(v.kind(), recipientOf(failed), status, diagnostic, v.words(), "dsn");
        }
        if (delayed != null) {
            return msg.result(ReportKind.DELAY, recipientOf(delayed), SmtpReplies.statusField(field(delayed, "Status")),
                    oneLine(stripType(field(delayed, "Diagnostic-Code"))), "a delay warning: the mail system keeps trying (Action: delayed)",
                    "dsn");
        }
        String action = other == null ? "none" : String.valueOf(field(other, "Action")).toLowerCase(Locale.ROOT);
        return msg.result(ReportKind.IGNORED, other == null ? null : recipientOf(other), null, null,
                "a delivery-status report with no failure (Action: " + action + ")", "dsn");
    }

    private Classification fromText(Message msg, String text) {
        Optional<BounceRules.Hit> copy = rules.first("copy", f -> f.equals("text") ? text : null);
        String report = copy.map(h -> text.substring(0, h.start())).orElse(text);
        java.util.function.Function<String, String> fields = f -> f.equals("text") ? report : msg.field(f);
        Optional<BounceRules.Hit> delay = rules.first("delay", fields);
        Optional<BounceRules.Hit> layout = rules.first("layout", fields);
        String block = layout.map(h -> report.substring(h.end())).orElse(report);
        String source = "text:" + layout.map(h -> h.rule().result()).orElse("unknown");
        String recipient = failedRecipient(msg, block, report);
        Optional<SmtpReplies.Reply> reply = SmtpReplies.first(block).or(() -> SmtpReplies.first(report));
        String status = reply.map(SmtpReplies.Reply::status).orElse(null);
        String replyText = reply.map(r -> oneLine(r.line())).orElse(null);
        if (delay.isPresent()) {
            return msg.result(ReportKind.DELAY, recipient, status, replyText, delay.get().rule().words(), source);
        }
        String code = reply.map(SmtpReplies.Reply::code).orElse(status == null ? null : status.charAt(0) + "00");
        Verdict v = verdict(status, code, replyText == null ? block : replyText + "\n" + block);
        if (v == null) {
            return msg.result(ReportKind.UNRECOGNISED, recipient, null, null,
                    "a message from a mail system with no reply code or words we recognise", source);
        }
        if (replyText == null) {
            replyText = keywordLine(block, status, code);
        }
        return msg.result(v.kind(), recipient, status, replyText, v.words(), source);
    }

    private record Verdict(ReportKind kind, String words) {}

    /** Applies the status rules, then the text rules, then the reply-code rules; null when none matched. */
    private Verdict verdict(String status, String code, String text) {
        Optional<BounceRules.Hit> hit = rules.first("status", f -> f.equals("status") ? status : null)
                .or(() -> rules.first("text", f -> f.equals("text") ? text : null))
                .or(() -> rules.first("code", f -> f.equals("code") ? code : null));
        return hit.map(h -> new Verdict(ReportKind.fromCode(h.rule().result()), h.rule().words())).orElse(null);
    }

    /** The line of a no-code report that the text rule matched, so the remote words are shown. */
    private String keywordLine(String block, String status, String code) {
        Optional<BounceRules.Hit> hit = rules.first("text", f -> f.equals("text") ? block : null);
        return hit.map(h -> oneLine(SmtpReplies.lineAt(block, h.start()))).orElse(null);
    }

    private String failedRecipient(Message msg, String block, String report) {
        String header = header(msg.mime, "X-Failed-Recipients");
        if (header != null && !header.isBlank()) {
            return header.split(",")[0].trim();
        }
        Set<String> exclude = new LinkedHashSet<>();
        for (String h : new String[] {header(msg.mime, "From"), header(msg.mime, "To"), header(msg.mime, "Delivered-To")}) {
            if (h != null) {
                Matcher a = ADDRESS.matcher(h);
                while (a.find()) {
                    exclude.add(a.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        String found = firstAddress(block, exclude);
        return found != null ? found : firstAddress(report, exclude);
    }

    private static String firstAddress(String text, Set<String> exclude) {
        Matcher a = ADDRESS.matcher(text);
        while (a.find()) {
            String address = a.group(1);
            String lower = address.toLowerCase(Locale.ROOT);
            String local = lower.substring(0, lower.indexOf('@'));
            if (!exclude.contains(lower) && !NOT_RECIPIENTS.contains(local)) {
                return address;
            }
        }
        return null;
    }

    private static String quotedTo(String body) {
        Matcher to = QUOTED_TO.matcher(body);
        if (to.find()) {
            Matcher a = ADDRESS.matcher(to.group(1));
            return a.find() ? a.group(1) : null;
        }
        return null;
    }

    private static String recipientOf(InternetHeaders r) {
        String v = stripType(field(r, "Final-Recipient"));
        return v != null ? v : stripType(field(r, "Original-Recipient"));
    }

    /** Finds the message/delivery-status parts and collects their per-recipient fields; false if there is none or the MIME is broken. */
    private static boolean collectDeliveryStatus(Part p, List<InternetHeaders> out) {
        try {
            if (p.isMimeType("message/delivery-status") || p.isMimeType("message/global-delivery-status")) {
                try (InputStream in = p.getInputStream()) {
                    DeliveryStatus ds = new DeliveryStatus(in);
                    for (int i = 0; i < ds.getRecipientDSNCount(); i++) {
                        out.add(ds.getRecipientDSN(i));
                    }
                }
                return !out.isEmpty();
            }
            if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
                boolean found = false;
                for (int i = 0; i < mp.getCount(); i++) {
                    found |= collectDeliveryStatus(mp.getBodyPart(i), out);
                }
                return found;
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            out.clear();
        }
        return false;
    }

    /**
     * Reads delivery-status fields from the raw body when the MIME structure did not give them (a
     * broken boundary, a gateway that flattened the report): from the first {@code Reporting-MTA},
     * {@code Final-Recipient} or {@code Original-Recipient} line to the next boundary.
     */
    private static boolean rawDeliveryStatus(String body, List<InternetHeaders> out) {
        Matcher start = DSN_START.matcher(body);
        if (!start.find()) {
            return false;
        }
        String rest = body.substring(start.start());
        Matcher end = DSN_END.matcher(rest);
        String fields = end.find() ? rest.substring(0, end.start()) : rest;
        if (!fields.regionMatches(true, 0, "Reporting-MTA", 0, 13)) {
            fields = "Reporting-MTA: dns; unknown\n\n" + fields;
        }
        try {
            DeliveryStatus ds = new DeliveryStatus(new ByteArrayInputStream(fields.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
            for (int i = 0; i < ds.getRecipientDSNCount(); i++) {
                if (field(ds.getRecipientDSN(i), "Action") != null) {
                    out.add(ds.getRecipientDSN(i));
                }
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            return false;
        }
        return !out.isEmpty();
    }

    /** The human-readable text of a report: its text/plain parts (not the copy of our message), else the raw body. */
    private static String bodyText(MimeMessage m, String rawBody) {
        StringBuilder b = new StringBuilder();
        try {
            appendText(m, b);
        } catch (MessagingException | IOException | RuntimeException e) {
            b.setLength(0);
        }
        return (b.length() == 0 ? rawBody : b.toString()).replace("\r\n", "\n");
    }

    private static void appendText(Part p, StringBuilder b) throws MessagingException, IOException {
        if (p.isMimeType("text/plain")) {
            b.append(p.getContent()).append('\n');
        } else if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                if (!part.isMimeType("message/rfc822") && !part.isMimeType("text/rfc822-headers")) {
                    appendText(part, b);
                }
            }
        }
    }

    /** The Message-IDs a report quotes: In-Reply-To and References of the report, Message-ID lines in its body. */
    private static List<String> quotedIds(MimeMessage m, String body) {
        Set<String> ids = new LinkedHashSet<>();
        for (String h : new String[] {header(m, "In-Reply-To"), header(m, "References")}) {
            if (h != null) {
                Matcher id = ANY_ID.matcher(h);
                while (id.find()) {
                    ids.add(id.group());
                }
            }
        }
        Matcher quoted = QUOTED_ID.matcher(body);
        while (quoted.find()) {
            ids.add(quoted.group(1));
        }
        return new ArrayList<>(ids);
    }

    private static String reportId(MimeMessage m, byte[] raw) {
        String id = header(m, "Message-ID");
        return id != null && !id.isBlank() ? id.trim() : digest(raw);
    }

    private static String digest(byte[] raw) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, ", ");
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String field(InternetHeaders h, String name) {
        String v = h.getHeader(name, " ");
        return v == null ? null : v.trim();
    }

    /** Drops the type of a typed field: {@code rfc822; ada@example.net} → {@code ada@example.net}. */
    private static String stripType(String v) {
        if (v == null) {
            return null;
        }
        int semi = v.indexOf(';');
        String s = (semi >= 0 ? v.substring(semi + 1) : v).trim();
        return s.isEmpty() ? null : s.replaceAll("^<|>$", "");
    }

    private static String oneLine(String s) {
        return s == null ? null : s.replaceAll("\\s+", " ").trim();
    }

    /** One message being classified, with what every stage needs. */
    private static final class Message {
        final MimeMessage mime;
        final String headers;
        final String body;
        final String from;
        final String subject;
        final List<String> quotedIds;
        final String reportId;

        Message(MimeMessage mime, String headers, String body, String from, String subject, List<String> quotedIds, String reportId) {
            this.mime = mime;
            this.headers = headers;
            this.body = body;
            this.from = from;
            this.subject = subject;
            this.quotedIds = quotedIds;
            this.reportId = reportId;
        }

        /** The value of a rule field for this message (the report text is given by the caller). */
        String field(String name) {
            return switch (name) {
                case "from" -> from;
                case "subject" -> subject;
                case "headers" -> headers;
                default -> null;
            };
        }

        Classification result(ReportKind kind, String recipient, String status, String reply, String reason, String source) {
            return new Classification(kind, recipient, status, reply, reason, source, quotedIds, reportId);
        }
    }
}
