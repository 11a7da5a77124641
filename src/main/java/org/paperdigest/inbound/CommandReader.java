package org.paperdigest.inbound;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.paperdigest.mail.Received;

/**
 * Reads the command in an email to the request address, the way mailing-list managers do.
 *
 * <p>First, mail that no robot should answer is ignored (RFC 3834): {@code Auto-Submitted} other
 * than {@code no}; {@code Precedence: bulk|list|junk}; an empty return path {@code <>};
 * {@code X-Autoreply}/{@code X-Autorespond}; list mail ({@code List-Id}, {@code List-Unsubscribe});
 * delivery and read reports ({@code multipart/report}); senders such as {@code mailer-daemon},
 * {@code postmaster} or {@code no-reply}; and mail from our own addresses.
 *
 * <p>Then, in order: a confirmation token {@code [confirm TOKEN]} in the subject (a reply to the
 * confirmation mail) confirms; {@code unsubscribe TOKEN} in the subject (the List-Unsubscribe
 * mailto, or a reply to the "leave" notice) unsubscribes the reader the signed token names; a subject, or else a first non-blank body line, that is exactly
 * {@code subscribe}, {@code unsubscribe} or {@code help} (after {@code Re:}/{@code Fwd:} prefixes,
 * any case, a trailing full stop allowed) is that command; a token quoted in the body (the reply
 * kept the confirmation text but lost the subject) confirms; anything else gets help.
 */
final class CommandReader {
    private static final String TOKEN = "(\\d{1,19}\\.[0-9a-z]{1,13}\\.[A-Za-z0-9_-]{16,64})";
    private static final Pattern SUBJECT_TOKEN = Pattern.compile("\\[\\s*confirm\\s+" + TOKEN + "\\s*\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNSUBSCRIBE_TOKEN = Pattern.compile("(?:^|[\\s\\[])unsubscribe\\s+" + TOKEN + "(?:$|[\\s\\]])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BODY_TOKEN = Pattern.compile("(?:\\[\\s*confirm\\s+|/confirm\\?token=)" + TOKEN);
    private static final Pattern REPLY_PREFIX = Pattern.compile("^(?:(?:re|fwd?|aw|wg|sv|vs|antw)\\s*(?:\\[\\d+\\])?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> ROBOT_SENDERS = Set.of("mailer-daemon", "postmaster", "no-reply", "noreply",
            "do-not-reply", "donotreply", "bounce", "bounces", "auto-reply", "autoreply");
    private static final int FIRST_LINES = 50;

    private final Set<String> ownAddresses;

    /** {@code ownAddresses}: our From and request addresses, in any case. */
    CommandReader(Set<String> ownAddresses) {
        this.ownAddresses = ownAddresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    Command read(Received m) {
        String robot = robotReason(m);
        if (robot != null) {
            return new Command.Ignore(robot);
        }
        Matcher subjectToken = SUBJECT_TOKEN.matcher(m.subject());
        if (subjectToken.find()) {
            return new Command.Confirm(subjectToken.group(1));
        }
        Matcher unsubscribeToken = UNSUBSCRIBE_TOKEN.matcher(m.subject());
        if (unsubscribeToken.find()) {
            return new Command.Unsubscribe(unsubscribeToken.group(1));
        }
        Command word = word(m.subject());
        if (word == null) {
            word = word(firstLine(m.text()));
        }
        if (word != null) {
            return word;
        }
        Matcher bodyToken = BODY_TOKEN.matcher(m.text());
        if (bodyToken.find()) {
            return new Command.Confirm(bodyToken.group(1));
        }
        return new Command.Help();
    }

    /** Says why no robot should answer this message, or null if a person probably sent it. */
    private String robotReason(Received m) {
        String auto = m.header("Auto-Submitted").strip().toLowerCase(Locale.ROOT);
        if (!auto.isEmpty() && !auto.startsWith("no")) {
            return "Auto-Submitted: " + auto;
        }
        String precedence = m.header("Precedence").strip().toLowerCase(Locale.ROOT);
        if (precedence.equals("bulk") || precedence.equals("list") || precedence.equals("junk") || precedence.equals("auto_reply")) {
            return "Precedence: " + precedence;
        }
        if (m.has("Return-Path") && m.header("Return-Path").replaceAll("\\s", "").equals("<>")) {
            return "empty Return-Path (a bounce)";
        }
        for (String h : new String[] {"X-Autoreply", "X-Autorespond", "X-Autoresponder", "List-Id", "List-Unsubscribe"}) {
            if (m.has(h)) {
                return h + " header";
            }
        }
        if (m.header("Content-Type").toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
            return "a delivery or read report";
        }
        String from = m.from().toLowerCase(Locale.ROOT);
        if (from.isEmpty() || from.indexOf('@') < 1) {
            return "no sender address";
        }
        String local = from.substring(0, from.lastIndexOf('@'));
        if (ROBOT_SENDERS.contains(local) || local.startsWith("bounce+") || local.startsWith("bounces+")) {
            return "sent by " + local;
        }
        if (ownAddresses.contains(from)) {
            return "sent from our own address";
        }
        return null;
    }

    /** Reads "subscribe", "Re: UNSUBSCRIBE." and the like; null when the text is not exactly one command word. */
    private static Command word(String text) {
        if (text == null) {
            return null;
        }
        String w = REPLY_PREFIX.matcher(text.strip()).replaceFirst("").strip().toLowerCase(Locale.ROOT);
        if (w.endsWith(".") || w.endsWith("!")) {
            w = w.substring(0, w.length() - 1).strip();
        }
        switch (w) {
            case "subscribe": return new Command.Subscribe();
            case "unsubscribe": return new Command.Unsubscribe(null);
            case "help": return new Command.Help();
            default: return null;
        }
    }

    private static String firstLine(String text) {
        String[] lines = text.split("\r?\n", FIRST_LINES + 1);
        for (int i = 0; i < Math.min(lines.length, FIRST_LINES); i++) {
            if (!lines[i].isBlank()) {
                return lines[i];
            }
        }
        return null;
    }
}
