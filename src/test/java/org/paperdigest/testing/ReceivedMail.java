package org.paperdigest.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** A message as a mail system received it, with the parts and headers a test looks at. */
public record ReceivedMail(MimeMessage message) {

    public static List<ReceivedMail> all(MimeMessage[] messages) {
        return Arrays.stream(messages).map(ReceivedMail::new).toList();
    }

    /** The bare address of the first To recipient. */
    public String to() {
        return unchecked(() -> ((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress());
    }

    /** The display name of the first To recipient, decoded, or null. */
    public String toName() {
        return unchecked(() -> ((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal());
    }

    public String subject() {
        return unchecked(message::getSubject);
    }

    public String messageId() {
        return unchecked(message::getMessageID);
    }

    /** The single value of a header, or null when absent. */
    /** The header as a mail reader sees it: unfolded (RFC 5322 section 2.2.3). */
    public String header(String name) {
        return unchecked(() -> {
            String raw = message.getHeader(name, null);
            return raw == null ? null : jakarta.mail.internet.MimeUtility.unfold(raw);
        });
    }

    public String text() {
        return part("text/plain");
    }

    public String html() {
        return part("text/html");
    }

    /** The Content-Type of the message and of each part, in order. */
    public List<String> contentTypes() {
        return unchecked(() -> {
            Multipart mp = (Multipart) message.getContent();
            String[] types = new String[mp.getCount() + 1];
            types[0] = message.getContentType();
            for (int i = 0; i < mp.getCount(); i++) {
                types[i + 1] = mp.getBodyPart(i).getContentType();
            }
            return List.of(types);
        });
    }

    private String part(String type) {
        return unchecked(() -> {
            Multipart mp = (Multipart) message.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                if (p.isMimeType(type)) {
                    return (String) p.getContent();
                }
            }
            throw new AssertionError("no " + type + " part in " + messageId());
        });
    }

    private interface Read<T> {
        T get() throws MessagingException, IOException;
    }

    private static <T> T unchecked(Read<T> read) {
        try {
            return read.get();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
