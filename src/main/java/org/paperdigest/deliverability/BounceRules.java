package org.paperdigest.deliverability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The table of rules for reading bounce reports, {@code deliverability/bounce-rules.tsv}: which sender
 * is a mail system, what is an auto-reply or a delay warning, the layouts of the major mail
 * systems, and what each status code, reply word and reply code means. The file explains its
 * columns; here it is only loaded, checked and searched.
 */
final class BounceRules {
    static final String RESOURCE = "/deliverability/bounce-rules.tsv";
    private static final Set<String> STAGES = Set.of("sender", "autoreply", "copy", "delay", "layout", "status", "text", "code");
    private static final Set<String> FIELDS = Set.of("from", "subject", "headers", "text", "status", "code");
    private static final Set<String> WHOLE_VALUE = Set.of("status", "code");

    /** One line of the table. */
    record Rule(int line, String stage, String result, String field, Pattern pattern, String words, String example) {}

    /** A rule that matched, and where in its field. */
    record Hit(Rule rule, int start, int end) {}

    private final List<Rule> rules;

    private BounceRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Loads the bundled table; a broken line fails with its number. */
    static BounceRules bundled() {
        try (InputStream in = BounceRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bounce rules " + RESOURCE + " are missing from the jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bounce rules " + RESOURCE, e);
        }
    }

    static BounceRules parse(List<String> lines) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t+");
            if (cols.length != 6) {
                throw bad(i + 1, "has " + cols.length + " columns, expected 6 (stage, result, field, pattern, words, example)");
            }
            if (!STAGES.contains(cols[0])) {
                throw bad(i + 1, "has the unknown stage '" + cols[0] + "'");
            }
            if (!FIELDS.contains(cols[2])) {
                throw bad(i + 1, "has the unknown field '" + cols[2] + "'");
            }
            if (Set.of("status", "text", "code").contains(cols[0]) && !Set.of("hard", "soft").contains(cols[1])) {
                throw bad(i + 1, "gives '" + cols[1] + "' where hard or soft is expected");
            }
            try {
                out.add(new Rule(i + 1, cols[0], cols[1], cols[2], Pattern.compile(cols[3]), cols[4], cols[5].replace("\\n", "\n")));
            } catch (PatternSyntaxException e) {
                throw bad(i + 1, "has a broken pattern: " + e.getDescription());
            }
        }
        return new BounceRules(out);
    }

    /** The first rule of {@code stage} whose pattern matches its field, as {@code fields} gives them (null fields match nothing). */
    Optional<Hit> first(String stage, Function<String, String> fields) {
        for (Rule r : rules) {
            if (!r.stage().equals(stage)) {
                continue;
            }
            String value = fields.apply(r.field());
            if (value == null) {
                continue;
            }
            Matcher m = r.pattern().matcher(value);
            if (WHOLE_VALUE.contains(r.field()) ? m.matches() : m.find()) {
                return Optional.of(new Hit(r, m.start(), m.end()));
            }
        }
        return Optional.empty();
    }

    /** All rules, for tests that walk the table. */
    List<Rule> all() {
        return rules;
    }

    private static IllegalStateException bad(int line, String what) {
        return new IllegalStateException(RESOURCE + " line " + line + " " + what);
    }
}
