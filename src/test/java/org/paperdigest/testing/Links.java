package org.paperdigest.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the links a reader can click: href values of an HTML part (entities decoded) and URLs of a text part. */
public final class Links {
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern URL = Pattern.compile("(?:https?|mailto):[^\\s<>\"]+");

    private Links() {}

    /** Returns every href of an HTML document, decoded as a mail client decodes it. */
    public static List<String> inHtml(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            out.add(decodeEntities(m.group(1)));
        }
        return out;
    }

    /** Returns every URL written in a plain-text part. */
    public static List<String> inText(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Decodes the character references Mustache writes (&amp; &lt; &gt; &quot; &#NN;). */
    public static String decodeEntities(String s) {
        Matcher m = Pattern.compile("&(?:#(\\d+)|amp|lt|gt|quot);").matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                replacement = new String(Character.toChars(Integer.parseInt(m.group(1))));
            } else {
                replacement = switch (m.group()) {
                    case "&amp;" -> "&";
                    case "&lt;" -> "<";
                    case "&gt;" -> ">";
                    default -> "\"";
                };
            }
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(b);
        return b.toString();
    }
}
