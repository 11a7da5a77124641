package org.paperdigest.testing;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads received messages as a reader would: the parts, the links in them, who they went to. */
public final class Mails {
    private Mails() {}

    /** The messages addressed to {@code recipient}. */
    public static List<MimeMessage> to(MimeMessage[] received, String recipient) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : received) {
            try {
                if (Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(recipient))) {
                    out.add(m);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The text/plain part of a multipart/alternative message. */
    public static String text(MimeMessage m) {
        return part(m, 0);
    }

    /** The text/html part of a multipart/alternative message. */
    public static String html(MimeMessage m) {
        return part(m, 1);
    }

    private static String part(MimeMessage m, int index) {
        try {
            Multipart mp = (Multipart) m.getContent();
            return String.valueOf(mp.getBodyPart(index).getContent()).replace("\r\n", "\n");
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in the text part whose path starts with {@code path}, e.g. "/confirm". */
    public static String link(MimeMessage m, String path) {
        Matcher matcher = Pattern.compile("https?://[^\\s/]+" + Pattern.quote(path) + "\\S*").matcher(text(m));
        if (!matcher.find()) {
            throw new AssertionError("no " + path + " link in:\n" + text(m));
        }
        return matcher.group();
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage m, String name) {
        try {
            String[] values = m.getHeader(name);
            return values == null ? null : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
