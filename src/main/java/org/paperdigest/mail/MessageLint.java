package org.paperdigest.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Checks a complete message the way bulk-mail filters and the large receivers look at it: size,
 * links, images, active content, list headers, DKIM alignment, subject, preheader, the
 * balance of the two parts, and line lengths and header bytes on the wire. One {@link LintCheck} per rule, always in the same order.
 *
 * <p>Links must be absolute {@code https} (or {@code mailto}). Plain {@code http} to a loopback
 * host (localhost, 127.0.0.1, ::1) is a WARN, not a FAIL: that is the default DIGEST_BASE_URL, used
 * by {@code demo} and local previews, and nobody outside this machine can follow such a link anyway.
 */
public final class MessageLint {
    /** SMTP's limit on a line, without its CRLF (RFC 5321 §4.5.3.1.6, RFC 5322 §2.1.1). */
    static final int MAX_LINE_OCTETS = 998;
    /** Gmail clips an HTML body larger than this many bytes. */
    public static final int GMAIL_CLIP_BYTES = 102 * 1024;
    static final int SUBJECT_WARN = 70;
    static final int SUBJECT_FAIL = 150;
    static final double RATIO_LOW_WARN = 0.6;
    static final double RATIO_LOW_FAIL = 0.3;
    static final double RATIO_HIGH_WARN = 1.7;
    static final double RATIO_HIGH_FAIL = 3.0;

    private static final Pattern TEXT_URL = Pattern.compile("(?i)\\b(?:https?://|mailto:)[^\\s<>\"]+");
    private static final Pattern ANGLE_URL = Pattern.compile("<([^>]+)>");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    private static final Pattern DKIM_D = Pattern.compile("(?:^|;)\\s*d\\s*=\\s*([^;\\s]+)");

    private final URI baseUrl;
    private final String dkimDomain;

    /** {@code dkimDomain} is DKIM_DOMAIN, or null when this installation does not sign. */
    public MessageLint(URI baseUrl, String dkimDomain) {
        this.baseUrl = baseUrl;
        this.dkimDomain = dkimDomain;
    }

    /** Checks a message as it would go over the wire (the bytes of an .eml file). */
    public List<LintCheck> check(byte[] raw) {
        MimeMessage message;
        Parts parts;
        try {
            message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            parts = new Parts();
            parts.collect(message);
        } catch (MessagingException | IOException e) {
            return List.of(LintCheck.fail("mime", "not a readable MIME message: " + e.getMessage()));
        }
        Document html = Jsoup.parse(parts.html == null ? "" : parts.html);
        List<LintCheck> out = new ArrayList<>();
        out.add(htmlSize(parts.html));
        out.add(textLinks(parts, html));
        out.add(httpsLinks(parts, html));
        out.add(images(html));
        out.add(activeContent(html));
        out.add(listUnsubscribe(message));
        out.add(fromDomain(message));
        out.add(subject(message));
        out.add(preheader(html));
        out.add(wordRatio(parts, html));
        out.add(wireFormat(raw));
        return out;
    }

    /** True when any check failed. */
    public static boolean failed(List<LintCheck> checks) {
        return checks.stream().anyMatch(c -> c.verdict() == LintCheck.Verdict.FAIL);
    }

    private static LintCheck htmlSize(String html) {
        String name = "html-size";
        if (html == null) {
            return LintCheck.fail(name, "no text/html part");
        }
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        String size = String.format(Locale.ROOT, "HTML part is %.1f KB (Gmail clips at 102 KB)", bytes / 1024.0);
        if (bytes >= GMAIL_CLIP_BYTES) {
            return LintCheck.fail(name, size);
        }
        return bytes >= GMAIL_CLIP_BYTES * 0.8 ? LintCheck.warn(name, size + ", close to the limit") : LintCheck.pass(name, size);
    }

    private static LintCheck textLinks(Parts parts, Document html) {
        String name = "text-links";
        if (parts.text == null) {
            return LintCheck.fail(name, "no text/plain part");
        }
        Set<String> inText = new LinkedHashSet<>(textUrls(parts.text));
        Set<String> htmlLinks = htmlLinks(html);
        List<String> missing = htmlLinks.stream().filter(l -> !inText.contains(l)).toList();
        if (missing.isEmpty()) {
            return LintCheck.pass(name, "the text part carries all " + htmlLinks.size() + " links of the HTML part");
        }
        return LintCheck.fail(name, missing.size() + " of " + htmlLinks.size() + " HTML links are missing from the text part, e.g. "
                + abbreviate(missing.get(0)));
    }

    private LintCheck httpsLinks(Parts parts, Document html) {
        String name = "https-links";
        Set<String> links = new LinkedHashSet<>(htmlLinks(html));
        for (Element img : html.select("img[src]")) {
            links.add(img.attr("src").trim());
        }
        if (parts.text != null) {
            links.addAll(textUrls(parts.text));
        }
        List<String> bad = new ArrayList<>();
        List<String> local = new ArrayList<>();
        for (String link : links) {
            switch (kind(link)) {
                case HTTPS, MAILTO -> { }
                case LOCAL_HTTP -> local.add(link);
                case BAD -> bad.add(link);
            }
        }
        if (!bad.isEmpty()) {
            return LintCheck.fail(name, bad.size() + " of " + links.size() + " links are not absolute https, e.g. " + abbreviate(bad.get(0)));
        }
        if (!local.isEmpty()) {
            return LintCheck.warn(name, local.size() + " of " + links.size() + " links are http to this machine (" + host(local.get(0))
                    + "): fine for a local preview, set DIGEST_BASE_URL to an https URL before sending");
        }
        return LintCheck.pass(name, "all " + links.size() + " links are absolute https or mailto");
    }

    private static LintCheck images(Document html) {
        String name = "images";
        List<Element> imgs = html.select("img");
        if (imgs.isEmpty()) {
            return LintCheck.pass(name, "no images");
        }
        int noAlt = 0;
        int emptyAlt = 0;
        int noSize = 0;
        for (Element img : imgs) {
            if (!img.hasAttr("alt")) {
                noAlt++;
            } else if (img.attr("alt").isBlank()) {
                emptyAlt++;
            }
            if (img.attr("width").isBlank() || img.attr("height").isBlank()) {
                noSize++;
            }
        }
        if (noAlt > 0 || noSize > 0) {
            return LintCheck.fail(name, imgs.size() + " images: " + noAlt + " without alt, " + noSize + " without width and height");
        }
        if (emptyAlt > 0) {
            return LintCheck.warn(name, emptyAlt + " of " + imgs.size() + " images have empty alt text (fine only for decoration)");
        }
        return LintCheck.pass(name, "all " + imgs.size() + " images have alt text, width and height");
    }

    private static LintCheck activeContent(Document html) {
        String name = "active-content";
        List<String> found = new ArrayList<>();
        for (String tag : List.of("script", "form", "iframe", "frame", "object", "embed", "applet")) {
            if (!html.select(tag).isEmpty()) {
                found.add("<" + tag + ">");
            }
        }
        if (!html.select("link[rel~=(?i)stylesheet], link[href$=.css]").isEmpty()) {
            found.add("external stylesheet <link>");
        }
        for (Element style : html.select("style")) {
            if (style.data().toLowerCase(Locale.ROOT).contains("@import")) {
                found.add("@import in <style>");
                break;
            }
        }
        outer:
        for (Element e : html.getAllElements()) {
            for (Attribute a : e.attributes()) {
                if (a.getKey().toLowerCase(Locale.ROOT).startsWith("on")) {
                    found.add("event handler " + a.getKey() + "=");
                    break outer;
                }
            }
        }
        return found.isEmpty() ? LintCheck.pass(name, "no scripts, forms, iframes or external CSS")
                : LintCheck.fail(name, "found " + String.join(", ", found));
    }

    private LintCheck listUnsubscribe(MimeMessage m) {
        String name = "list-unsubscribe";
        String value = header(m, "List-Unsubscribe");
        String post = header(m, "List-Unsubscribe-Post");
        if (value == null) {
            return LintCheck.fail(name, "no List-Unsubscribe header (RFC 2369; Gmail and Yahoo require it)");
        }
        String https = null;
        String mailto = null;
        Matcher a = ANGLE_URL.matcher(value);
        while (a.find()) {
            String u = a.group(1).trim();
            if (u.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
                mailto = u;
            } else if (https == null) {
                https = u;
            }
        }
        if (https == null) {
            return LintCheck.fail(name, "List-Unsubscribe has no http(s) URL, so one-click unsubscribe (RFC 8058) cannot work");
        }
        if (post == null || !post.trim().equals("List-Unsubscribe=One-Click")) {
            return LintCheck.fail(name, "List-Unsubscribe-Post: List-Unsubscribe=One-Click is missing (RFC 8058)");
        }
        String base = baseUrl.toString() + "/";
        if (!https.startsWith(base)) {
            return LintCheck.fail(name, "List-Unsubscribe points at " + abbreviate(https) + ", not at DIGEST_BASE_URL " + baseUrl);
        }
        String both = (mailto == null ? "" : "mailto and ") + https.substring(0, https.indexOf(':')).toLowerCase(Locale.ROOT);
        if (kind(https) == LinkKind.LOCAL_HTTP) {
            return LintCheck.warn(name, "List-Unsubscribe (" + both + ") and one-click are present, but point at " + baseUrl
                    + ", which only this machine can reach; RFC 8058 needs https");
        }
        return kind(https) == LinkKind.HTTPS
                ? LintCheck.pass(name, "List-Unsubscribe (" + both + ") and List-Unsubscribe-Post one-click point at " + baseUrl)
                : LintCheck.fail(name, "the one-click unsubscribe URL must be https (RFC 8058), got " + abbreviate(https));
    }

    private LintCheck fromDomain(MimeMessage m) {
        String name = "from-domain";
        String from;
        try {
            InternetAddress[] addresses = (InternetAddress[]) m.getFrom();
            from = addresses == null || addresses.length == 0 ? null : addresses[0].getAddress();
        } catch (MessagingException | ClassCastException e) {
            from = null;
        }
        if (from == null || from.indexOf('@') < 0) {
            return LintCheck.fail(name, "no usable From address");
        }
        String fromDomain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String signature = header(m, "DKIM-Signature");
        String d = null;
        if (signature != null) {
            Matcher dm = DKIM_D.matcher(signature.replaceAll("\\s+", " "));
            d = dm.find() ? dm.group(1).toLowerCase(Locale.ROOT) : null;
        }
        if (d == null && dkimDomain != null && signature == null) {
            return LintCheck.fail(name, "DKIM_DOMAIN is set, but the message carries no DKIM-Signature");
        }
        if (d == null) {
            return LintCheck.warn(name, "not DKIM-signed: Gmail and Yahoo expect bulk mail signed by the From domain "
                    + fromDomain + " (set DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE)");
        }
        if (d.equals(fromDomain)) {
            return LintCheck.pass(name, "From domain " + fromDomain + " is the DKIM signing domain");
        }
        if (fromDomain.endsWith("." + d)) {
            return LintCheck.warn(name, "From domain " + fromDomain + " is a subdomain of the DKIM domain " + d
                    + ": aligned only under relaxed DMARC alignment");
        }
        return LintCheck.fail(name, "From domain " + fromDomain + " is not the DKIM signing domain " + d + " (DMARC will not align)");
    }

    private static LintCheck subject(MimeMessage m) {
        String name = "subject";
        String s;
        try {
            s = m.getSubject();
        } catch (MessagingException e) {
            s = null;
        }
        if (s == null || s.isBlank()) {
            return LintCheck.fail(name, "the subject is empty");
        }
        int n = s.codePointCount(0, s.length());
        String what = n + " characters: \"" + abbreviate(s) + "\"";
        if (n > SUBJECT_FAIL) {
            return LintCheck.fail(name, what + " (over " + SUBJECT_FAIL + ")");
        }
        if (n > SUBJECT_WARN) {
            return LintCheck.warn(name, what + " (over " + SUBJECT_WARN + ": cut short in most inboxes)");
        }
        return LintCheck.pass(name, what);
    }

    private static LintCheck preheader(Document html) {
        String name = "preheader";
        for (Element e : html.body().select("[style]")) {
            String style = e.attr("style").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
            if ((style.contains("display:none") || style.contains("max-height:0")) && !e.text().isBlank()) {
                return LintCheck.pass(name, "\"" + abbreviate(e.text()) + "\"");
            }
        }
        return LintCheck.warn(name, "no hidden preheader: inboxes will show the first words of the body as the preview");
    }

    private static LintCheck wordRatio(Parts parts, Document html) {
        String name = "word-ratio";
        if (parts.text == null || parts.html == null) {
            return LintCheck.fail(name, "needs both a text/plain and a text/html part");
        }
        int textWords = words(TEXT_URL.matcher(parts.text).replaceAll(" "));
        int htmlWords = words(html.body().text());
        if (htmlWords == 0) {
            return LintCheck.fail(name, "the HTML part has no visible words");
        }
        double ratio = (double) textWords / htmlWords;
        String what = String.format(Locale.ROOT, "text/HTML words %d/%d = %.2f", textWords, htmlWords, ratio);
        if (ratio < RATIO_LOW_FAIL || ratio > RATIO_HIGH_FAIL) {
            return LintCheck.fail(name, what + ": the two parts do not say the same thing");
        }
        if (ratio < RATIO_LOW_WARN || ratio > RATIO_HIGH_WARN) {
            return LintCheck.warn(name, what + String.format(Locale.ROOT, " (expected %.1f to %.1f)", RATIO_LOW_WARN, RATIO_HIGH_WARN));
        }
        return LintCheck.pass(name, what);
    }

    /**
     * Checks the bytes as they go over the wire: no line over 998 octets (servers cut or refuse
     * them, which breaks the HTML or a signature) and only 7-bit ASCII in the headers (non-ASCII
     * text there must be RFC 2047 encoded words; raw 8-bit bytes are read differently by every client).
     */
    private static LintCheck wireFormat(byte[] raw) {
        String name = "wire-format";
        int lineNumber = 1;
        int start = 0;
        int longest = 0;
        int longestLine = 0;
        boolean inHeaders = true;
        String field = null;
        for (int i = 0; i <= raw.length; i++) {
            if (i < raw.length && raw[i] != '\n') {
                continue;
            }
            int end = i > start && raw[i - 1] == '\r' ? i - 1 : i;
            int length = end - start;
            if (length > longest) {
                longest = length;
                longestLine = lineNumber;
            }
            if (inHeaders) {
                if (length == 0) {
                    inHeaders = false;
                } else {
                    if (raw[start] != ' ' && raw[start] != '\t') {
                        int colon = indexOf(raw, (byte) ':', start, end);
                        field = new String(raw, start, Math.max(0, (colon < 0 ? end : colon) - start), StandardCharsets.US_ASCII);
                    }
                    for (int j = start; j < end; j++) {
                        if (raw[j] < 0) {
                            return LintCheck.fail(name, "line " + lineNumber + ", header " + field + ": raw 8-bit byte 0x"
                                    + Integer.toHexString(raw[j] & 0xff) + " (headers must be ASCII; non-ASCII text needs RFC 2047 encoding)");
                        }
                    }
                }
            }
            lineNumber++;
            start = i + 1;
        }
        if (longest > MAX_LINE_OCTETS) {
            return LintCheck.fail(name, String.format(Locale.ROOT, "line %d is %,d octets long (SMTP allows %d): servers cut or refuse it",
                    longestLine, longest, MAX_LINE_OCTETS));
        }
        return LintCheck.pass(name, "ASCII headers, longest line " + longest + " octets (SMTP allows " + MAX_LINE_OCTETS + ")");
    }

    private static int indexOf(byte[] raw, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private enum LinkKind { HTTPS, MAILTO, LOCAL_HTTP, BAD }

    private static LinkKind kind(String link) {
        String lower = link.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:")) {
            return LinkKind.MAILTO;
        }
        try {
            URI u = new URI(link);
            if (u.getHost() == null) {
                return LinkKind.BAD;
            }
            if ("https".equalsIgnoreCase(u.getScheme())) {
                return LinkKind.HTTPS;
            }
            if ("http".equalsIgnoreCase(u.getScheme()) && loopback(u.getHost())) {
                return LinkKind.LOCAL_HTTP;
            }
        } catch (URISyntaxException e) {
            return LinkKind.BAD;
        }
        return LinkKind.BAD;
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]");
    }

    private static String host(String link) {
        try {
            return new URI(link).getHost();
        } catch (URISyntaxException e) {
            return link;
        }
    }

    private static Set<String> htmlLinks(Document html) {
        Set<String> out = new LinkedHashSet<>();
        for (Element a : html.select("a[href], area[href]")) {
            String href = a.attr("href").trim();
            if (!href.isEmpty() && !href.startsWith("#")) {
                out.add(href);
            }
        }
        return out;
    }

    private static List<String> textUrls(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TEXT_URL.matcher(text);
        while (m.find()) {
            out.add(m.group().replaceAll("[.,;:!?)\\]]+$", ""));
        }
        return out;
    }

    private static int words(String s) {
        int n = 0;
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, ", ");
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 72 ? one : one.substring(0, 71) + "…";
    }

    /** The first text/plain and text/html parts of a message, however deeply nested. */
    private static final class Parts {
        String text;
        String html;

        void collect(Part p) throws MessagingException, IOException {
            if (p.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) p.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart b = mp.getBodyPart(i);
                    if (!Part.ATTACHMENT.equalsIgnoreCase(b.getDisposition())) {
                        collect(b);
                    }
                }
            } else if (p.isMimeType("text/plain") && text == null) {
                text = String.valueOf(p.getContent()).replace("\r\n", "\n");
            } else if (p.isMimeType("text/html") && html == null) {
                html = String.valueOf(p.getContent()).replace("\r\n", "\n");
            }
        }
    }
}
