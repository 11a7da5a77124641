package org.paperdigest.inbound;

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
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.paperdigest.subscribers.Bounce;

/**
 * Reads a message from the bounce mailbox and says whether it is a bounce and what it reports.
 * Standard reports (RFC 3464 {@code multipart/report; report-type=delivery-status}, as Postfix,
 * Gmail, Outlook and most servers send) are read with Angus Mail's {@link DeliveryStatus}; only a
 * recipient whose {@code Action} is {@code failed} counts ({@code delayed} is not a bounce). Older
 * plain-text forms (Exim, qmail, Sendmail and the like) are recognised by a mailer-daemon sender or
 * a bounce subject, and read for an SMTP reply such as {@code 550 5.1.1 user unknown}. Auto-replies
 * (vacation messages) are not bounces.
 */
public final class BounceParser {
    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern BASIC = Pattern.compile("(?m)(?:^|[\\s:(])([45][0-9][0-9])(?:[ -]|$)");
    private static final Pattern DAEMON = Pattern.compile("(?i)mailer[-_ ]?daemon|postmaster|mail delivery (sub)?system");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)undeliver|returned mail|delivery (status notification|failure|has failed)"
            + "|mail delivery failed|failure notice|could not be delivered|non[- ]?delivery|delivery problem");
    private static final Pattern COPY_MARKER = Pattern.compile("(?im)^.*(this is a copy of the message|below this line is a copy"
            + "|original message follows|original message headers|----- ?(original|unsent) message|^received: ).*$");
    private static final Pattern ADDRESS = Pattern.compile("<?([A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})>?");
    private static final Pattern OUR_MESSAGE_ID = Pattern.compile("(?i)message-id:\\s*(<digest\\.\\d+\\.\\d+\\.[^>\\s]+>)");
    private static final Pattern PERMANENT = Pattern.compile("(?i)permanent (error|failure)|user unknown|no such user|does not exist|not found");

    private final Session session = Session.getInstance(new Properties());

    /** The verdict on one message. */
    public sealed interface Parsed permits IsBounce, NotBounce {}

    /** A bounce, and what it says. */
    public record IsBounce(BounceReport report) implements Parsed {}

    /** Not a bounce (an auto-reply, a delay notice, a person writing), with why. */
    public record NotBounce(String reason) implements Parsed {}

    /** Reads a whole message, as bytes from the mailbox. */
    public Parsed parse(byte[] raw) {
        MimeMessage m;
        try {
            m = new MimeMessage(session, new ByteArrayInputStream(raw));
            String reportId = reportId(m, raw);
            String quotedId = quotedMessageId(raw);
            List<InternetHeaders> recipients = new ArrayList<>();
            if (collectDeliveryStatus(m, recipients)) {
                return fromDsn(recipients, quotedId, reportId);
            }
            return fromText(m, raw, quotedId, reportId);
        } catch (MessagingException | IOException e) {
            return new NotBounce("unreadable message: " + e.getMessage());
        }
    }

    private static Parsed fromDsn(List<InternetHeaders> recipients, String quotedId, String reportId) {
        String lastAction = "none";
        for (InternetHeaders r : recipients) {
            String action = field(r, "Action");
            lastAction = action == null ? "none" : action.toLowerCase(Locale.ROOT);
            if (!lastAction.startsWith("failed")) {
                continue;
            }
            String status = enhanced(field(r, "Status"));
            String diagnostic = stripType(field(r, "Diagnostic-Code"));
            if (status == null) {
                status = enhanced(diagnostic);
            }
            Bounce.Kind kind = kindOf(status, diagnostic);
            String recipient = stripType(field(r, "Final-Recipient"));
            if (recipient == null) {
                recipient = stripType(field(r, "Original-Recipient"));
            }
            return new IsBounce(new BounceReport(kind, status, oneLine(diagnostic), recipient, quotedId, "dsn", reportId));
        }
        return new NotBounce("a delivery-status report with no failed recipient (action: " + lastAction + ")");
    }

    private Parsed fromText(MimeMessage m, byte[] raw, String quotedId, String reportId) throws MessagingException, IOException {
        String from = String.valueOf(header(m, "From"));
        String subject = String.valueOf(m.getSubject());
        // Not the null Return-Path: auto-replies (RFC 3834) use it too.
        boolean daemon = DAEMON.matcher(from).find();
        if (!daemon && !BOUNCE_SUBJECT.matcher(subject).find()) {
            String auto = header(m, "Auto-Submitted");
            return new NotBounce(auto != null && !auto.equalsIgnoreCase("no") ? "an automatic reply (Auto-Submitted: " + auto + ")"
                    : "neither a delivery-status report nor a message from a mailer daemon");
        }
        String text = bodyText(m, raw);
        Matcher copy = COPY_MARKER.matcher(text);
        String report = copy.find() ? text.substring(0, copy.start()) : text;
        String status = null;
        String diagnostic = null;
        Matcher e = ENHANCED.matcher(report);
        if (e.find()) {
            status = e.group();
            diagnostic = lineAt(report, e.start());
        } else {
            Matcher b = BASIC.matcher(report);
            if (b.find()) {
                diagnostic = lineAt(report, b.start(1));
            }
        }
        Bounce.Kind kind = kindOf(status, diagnostic != null ? diagnostic : report);
        return new IsBounce(new BounceReport(kind, status, oneLine(diagnostic), firstAddress(report, from), quotedId, "text", reportId));
    }

    /** Finds the message/delivery-status parts and collects their per-recipient fields; true if there was one. */
    private static boolean collectDeliveryStatus(Part p, List<InternetHeaders> out) throws MessagingException, IOException {
        if (p.isMimeType("message/delivery-status") || p.isMimeType("message/global-delivery-status")) {
            try (InputStream in = p.getInputStream()) {
                DeliveryStatus ds = new DeliveryStatus(in);
                for (int i = 0; i < ds.getRecipientDSNCount(); i++) {
                    out.add(ds.getRecipientDSN(i));
                }
            }
            return true;
        }
        if (p.isMimeType("multipart/*")) {
            Object content = p.getContent();
            if (content instanceof Multipart mp) {
                boolean found = false;
                for (int i = 0; i < mp.getCount(); i++) {
                    found |= collectDeliveryStatus(mp.getBodyPart(i), out);
                }
                return found;
            }
        }
        return false;
    }

    /** The human-readable text of a message: its text/plain parts, else the raw body. */
    private static String bodyText(MimeMessage m, byte[] raw) throws MessagingException, IOException {
        StringBuilder b = new StringBuilder();
        appendText(m, b);
        if (b.length() == 0) {
            String all = new String(raw, StandardCharsets.ISO_8859_1);
            int body = all.indexOf("\r\n\r\n");
            b.append(body < 0 ? all : all.substring(body + 4));
        }
        return b.toString().replace("\r\n", "\n");
    }

    private static void appendText(Part p, StringBuilder b) throws MessagingException, IOException {
        if (p.isMimeType("text/plain")) {
            b.append(p.getContent()).append('\n');
        } else if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                if (!part.isMimeType("message/rfc822")) {
                    appendText(part, b);
                }
            }
        }
    }

    private static Bounce.Kind kindOf(String status, String text) {
        if (status != null) {
            return status.startsWith("5") ? Bounce.Kind.HARD : Bounce.Kind.SOFT;
        }
        if (text != null) {
            Matcher b = BASIC.matcher(text);
            if (b.find()) {
                return b.group(1).startsWith("5") ? Bounce.Kind.HARD : Bounce.Kind.SOFT;
            }
            if (PERMANENT.matcher(text).find()) {
                return Bounce.Kind.HARD;
            }
        }
        // A bounce that does not say how bad it is counts as soft: it never removes a reader on its own.
        return Bounce.Kind.SOFT;
    }

    private static String enhanced(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = ENHANCED.matcher(s);
        return m.find() && !m.group(1).equals("2") ? m.group() : null;
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

    private static String firstAddress(String report, String from) {
        Matcher m = ADDRESS.matcher(report);
        while (m.find()) {
            String a = m.group(1);
            if (!from.contains(a) && !DAEMON.matcher(a).find()) {
                return a;
            }
        }
        return null;
    }

    private static String quotedMessageId(byte[] raw) {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int body = all.indexOf("\r\n\r\n");
        if (body < 0) {
            body = all.indexOf("\n\n");
        }
        Matcher m = OUR_MESSAGE_ID.matcher(body < 0 ? all : all.substring(body));
        return m.find() ? m.group(1) : null;
    }

    private static String reportId(MimeMessage m, byte[] raw) throws MessagingException {
        String id = m.getMessageID();
        if (id != null && !id.isBlank()) {
            return id.trim();
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage m, String name) throws MessagingException {
        return m.getHeader(name, ", ");
    }

    private static String lineAt(String text, int index) {
        int start = text.lastIndexOf('\n', index) + 1;
        int end = text.indexOf('\n', index);
        return text.substring(start, end < 0 ? text.length() : end).trim();
    }

    private static String oneLine(String s) {
        return s == null ? null : s.replaceAll("\\s+", " ").trim();
    }
}
